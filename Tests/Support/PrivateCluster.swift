import Foundation
import GuichetIO

/// A PostgreSQL cluster of a test's own, through `scripts/pg.sh`, for tests that stop and restart
/// the server under a running service.
public final class PrivateCluster: Sendable {
    /// The cluster's directory.
    public let directory: String
    /// Its port.
    public let port: UInt16

    private static var script: String {
        ProcessInfo.processInfo.environment["GUICHET_TEST_PG_SCRIPT"] ?? "\(TestDatabase.repositoryRoot)/scripts/pg.sh"
    }

    /// Creates and starts a cluster on a free port.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-private-\(UUID().uuidString.prefix(8))").path
        port = try Self.freePort()
        try start()
    }

    /// The runtime role's URL.
    public var url: String { "postgresql://guichet_app:guichet_app@127.0.0.1:\(port)/guichet" }
    /// The owner role's URL.
    public var ownerURL: String { "postgresql://guichet_owner:guichet_owner@127.0.0.1:\(port)/guichet" }

    /// Starts (or restarts) the server.
    public func start() throws {
        try Self.run(["start", directory, String(port)], environment: ["GUICHET_PG_FAST": "1"])
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`).
    public func crash() throws {
        try Self.run(["stop", directory], environment: ["GUICHET_PG_STOP_MODE": "immediate"])
    }

    /// Stops the server and removes its files.
    public func destroy() {
        try? Self.run(["stop", directory], environment: [:])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func run(_ arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw PrivateClusterError(message: "pg.sh \(arguments.joined(separator: " ")) failed: \(message)")
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
    public let message: String
    public var description: String { message }
}
