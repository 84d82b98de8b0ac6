import Foundation
import Glibc

/// A PostgreSQL cluster of the test's own (own data directory and port), for tests that stop and
/// start the server. Runs the server as the `postgres` user when the tests run as root.
final class PrivateCluster: Sendable {
    let directory: String
    let port: Int
    private let binaries: String

    /// Whether PostgreSQL's server binaries are installed.
    static var isAvailable: Bool { findBinaries() != nil }

    /// The URL of the superuser on the cluster's `postgres` database.
    var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres?connect_timeout=2" }

    /// Creates and starts a cluster.
    init() throws {
        guard let binaries = Self.findBinaries() else { throw ClusterError("PostgreSQL server binaries not found") }
        self.binaries = binaries
        directory = "/tmp/guichet-pg-\(UUID().uuidString.prefix(8).lowercased())"
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try run("/bin/chown", ["postgres", directory], asPostgres: false) }
        try run("\(binaries)/initdb", ["-D", "\(directory)/data", "-A", "trust", "-U", "postgres", "--no-sync"])
        try start()
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start() throws {
        try run("\(binaries)/pg_ctl", [
            "-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-o",
            "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
        ])
    }

    /// Stops the server at once, as a crash would (`-m immediate`).
    func stop() throws {
        try run("\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
    }

    /// Runs a command to completion with posix_spawn and waitpid (output discarded).
    private func run(_ executable: String, _ arguments: [String], asPostgres: Bool = true) throws {
        let argv = asPostgres && getuid() == 0
            ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments
            : [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw ClusterError("cannot start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ClusterError("waitpid failed") }
        }
        let exitCode = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exitCode == 0 else {
            throw ClusterError("\(argv.joined(separator: " ")) failed (status \(status))")
        }
    }

    private static func findBinaries() -> String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: >) {
            let directory = "/usr/lib/postgresql/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: "\(directory)/pg_ctl") { return directory }
        }
        return nil
    }

    /// A port nothing listens on now (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClusterError("socket failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw ClusterError("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
