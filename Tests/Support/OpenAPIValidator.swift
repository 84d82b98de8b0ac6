import Foundation
import Glibc

/// Validates an OpenAPI document with `openapi-spec-validator` from PyPI (installed by
/// `scripts/install-deps.sh`), run as `python3 -m openapi_spec_validator`.
public enum OpenAPIValidator {
    /// The validator's exit status and output for the document at `path`.
    public static func validate(_ path: String) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-validator-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = try Subprocess.run(["/usr/bin/env", "python3", "-m", "openapi_spec_validator", path], outputPath: output)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (status, text)
    }
}

/// Runs a program to completion with posix_spawn and waitpid (Foundation's `Process` can hang
/// waiting for children in the test process).
public enum Subprocess {
    /// The exit status of `argv`, its standard output and error written to `outputPath` (or discarded).
    public static func run(_ argv: [String], environment extra: [String] = [], outputPath: String? = nil) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + extra
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let target = outputPath ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, target, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
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
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SubprocessError(message: "waitpid failed") }
        }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// A program could not be run.
public struct SubprocessError: Error, CustomStringConvertible {
    /// What failed.
    public let message: String
    public var description: String { message }
}
