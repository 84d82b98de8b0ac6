import Foundation
import Glibc

/// A program started in the background with posix_spawn (Foundation's `Process` hangs in the test
/// process), to be stopped — gently or with SIGKILL, as a crash would — by its pid.
///
/// Waiting never blocks a thread of the cooperative pool: `waitForExit` polls `waitpid(WNOHANG)`
/// between short sleeps.
public final class ChildProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    /// Where its standard output and error go.
    public let outputPath: String

    /// Starts `argv` (its first element an absolute path) with the test process's environment plus
    /// `environment`, standard input from /dev/null and both outputs appended to `outputPath`.
    public init(_ argv: [String], environment extra: [String: String] = [:], outputPath: String) throws {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in extra { variables[name] = value }
        let environment = variables.map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw SubprocessError(message: "cannot run \(argv[0]): error \(spawned)") }
        self.pid = pid
        self.outputPath = outputPath
    }

    /// Sends `signal` (SIGTERM by default; SIGKILL for a crash).
    public func kill(_ signal: Int32 = SIGTERM) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child to end, up to `timeout` (a safety net); returns its exit status (128 +
    /// signal when killed), or nil if it still runs.
    public func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            if result < 0 { return -1 }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops the child: SIGTERM, then SIGKILL if it has not ended within `grace`.
    public func stop(grace: Duration = .seconds(10)) async {
        kill(SIGTERM)
        if await waitForExit(timeout: grace) == nil {
            kill(SIGKILL)
            _ = await waitForExit(timeout: .seconds(10))
        }
    }

    /// What the child wrote so far.
    public var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
