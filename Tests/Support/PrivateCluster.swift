import Foundation
import Glibc
import GuichetIO

/// A PostgreSQL cluster of a test's own (own directory, own port), made and driven by
/// `scripts/pg.sh` — the same script `make run` and `make test` use — for tests that stop and
/// restart the server under a running pool or service.
public final class PrivateCluster: Sendable {
    /// The cluster's directory.
    public let directory: String
    /// Its port.
    public let port: UInt16

    /// Creates and starts a cluster on a free port (about two seconds).
    public init() throws {
        directory = "/tmp/guichet-private-\(UUID().uuidString.prefix(8).lowercased())"
        port = try Self.freePort()
        try start()
    }

    deinit {
        destroy()
    }

    /// The runtime role's URL.
    public var url: String { "postgresql://guichet_app:guichet_app@127.0.0.1:\(port)/guichet?connect_timeout=2" }
    /// The owner role's URL.
    public var ownerURL: String { "postgresql://guichet_owner:guichet_owner@127.0.0.1:\(port)/guichet?connect_timeout=2" }

    /// Starts (or restarts) the server.
    public func start() throws {
        try Self.script(["start", directory, String(port)], environment: ["GUICHET_PG_FAST=1"])
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`).
    public func crash() throws {
        try Self.script(["stop", directory], environment: ["GUICHET_PG_STOP_MODE=immediate"])
    }

    /// Stops the server and removes its files.
    public func destroy() {
        try? Self.script(["stop", directory], environment: ["GUICHET_PG_STOP_MODE=immediate"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static var scriptPath: String {
        ProcessInfo.processInfo.environment["GUICHET_TEST_PG_SCRIPT"] ?? "\(TestDatabase.repositoryRoot)/scripts/pg.sh"
    }

    /// Runs `scripts/pg.sh` to completion with posix_spawn and waitpid (Foundation's `Process`
    /// can hang waiting for children here), its output discarded.
    private static func script(_ arguments: [String], environment extra: [String]) throws {
        let argv = ["/bin/bash", scriptPath] + arguments
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + extra
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw PrivateClusterError(message: "cannot run pg.sh: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PrivateClusterError(message: "waitpid failed") }
        }
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw PrivateClusterError(message: "pg.sh \(arguments.joined(separator: " ")) failed (status \(status))")
        }
    }

    private static func freePort() throws -> UInt16 {
        let socket = try Socket.listen(on: SocketAddress(numericHost: "127.0.0.1", port: 0)!, reusePort: false)
        defer { socket.close() }
        return try socket.localAddress().port
    }
}

/// `scripts/pg.sh` failed.
public struct PrivateClusterError: Error, CustomStringConvertible {
    /// What failed.
    public let message: String
    public var description: String { message }
}
