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

    /// Runs `scripts/pg.sh` to completion, its output discarded.
    private static func script(_ arguments: [String], environment: [String]) throws {
        let status = try Subprocess.run(["/bin/bash", scriptPath] + arguments, environment: environment)
        guard status == 0 else {
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
