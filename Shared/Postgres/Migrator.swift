import Foundation

/// Applies versioned SQL migrations at start, as the owner role, safely from several replicas at
/// once.
///
/// ```
///   connect (owner URL) ─▶ pg_advisory_lock(key) ─▶ ensure platform.schema_migrations
///   ─▶ check every stream: applied checksums match their files, no file missing  (else refuse)
///   ─▶ apply pending migrations in order, each in its own transaction, recorded in the table
///   ─▶ the final statement (e.g. SELECT platform.provision_all_tenants()) ─▶ unlock
/// ```
/// A replica that waited for the lock finds the work done and applies nothing.
public struct Migrator: Sendable {
    /// How to reach the database and what to run.
    public struct Configuration: Sendable {
        /// The owner role's libpq URL.
        public var ownerURL: String
        /// The advisory lock key every replica takes (one per database, not per service).
        public var lockKey: Int64 = 0x6775_6963_6865_7401  // "guichet" + 1
        /// A statement run after all streams, inside the lock (`nil`: none).
        public var finalStatement: String?
        /// `application_name` of the migration connection.
        public var applicationName: String = "guichet-migrations"

        /// A configuration for the owner role's URL.
        public init(ownerURL: String, finalStatement: String? = nil) {
            self.ownerURL = ownerURL
            self.finalStatement = finalStatement
        }
    }

    /// A migration the run applied.
    public struct Applied: Sendable, Hashable, CustomStringConvertible {
        /// The stream's name.
        public let stream: String
        /// The migration's version.
        public let version: Int
        /// The migration's name.
        public let name: String

        public var description: String { "\(stream) \(version)_\(name)" }
    }

    /// The configuration.
    public let configuration: Configuration

    /// A migrator.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Checks and applies `streams` in order (on a thread of its own: libpq blocks) and returns what
    /// was applied, empty when everything already was. Throws `MigrationError`.
    public func run(_ streams: [MigrationStream]) async throws -> [Applied] {
        let configuration = self.configuration
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try Self.runBlocking(streams, configuration))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "migrations"
            thread.start()
        }
    }

    private static func runBlocking(_ streams: [MigrationStream], _ configuration: Configuration) throws -> [Applied] {
        let connection = try BlockingConnection(parameters: [
            ("dbname", configuration.ownerURL),
            ("application_name", configuration.applicationName),
            ("client_encoding", "UTF8"),
            ("options", "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=0"),
        ])
        let key = String(configuration.lockKey)
        try wrap(connection.execute("SELECT pg_advisory_lock($1::int8)", [key]))
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1::int8)", [key]) }
        try wrap(connection.execute("""
            CREATE SCHEMA IF NOT EXISTS platform;
            CREATE TABLE IF NOT EXISTS platform.schema_migrations (
                stream text NOT NULL,
                version int NOT NULL,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (stream, version)
            );
            """))
        // Check every stream before applying anything.
        var plans: [(MigrationStream, [(Migration, String)])] = []
        for stream in streams {
            plans.append((stream, try pending(stream, connection)))
        }
        var applied: [Applied] = []
        for (stream, migrations) in plans {
            for (migration, checksum) in migrations {
                try apply(migration, checksum: checksum, of: stream, connection)
                applied.append(Applied(stream: stream.name, version: migration.version, name: migration.name))
            }
        }
        if let statement = configuration.finalStatement {
            do {
                try connection.execute(statement)
            } catch let error as PostgresError {
                throw MigrationError.failed(stream: "final statement", version: 0, name: statement, error: error)
            }
        }
        return applied
    }

    /// The migrations of `stream` still to apply, with their checksums; throws when an applied one
    /// changed or vanished.
    private static func pending(_ stream: MigrationStream, _ connection: BlockingConnection) throws -> [(Migration, String)] {
        let rows = PostgresRows(try wrap(connection.execute(
            "SELECT version, name, checksum FROM platform.schema_migrations WHERE stream = $1 ORDER BY version",
            [stream.name])))
        var files: [Int: (Migration, String)] = [:]
        for migration in stream.migrations {
            let digest = PostgresRows(try wrap(connection.execute(
                "SELECT encode(sha256(convert_to($1::text, 'UTF8')), 'hex')", [migration.sql])))
            files[migration.version] = (migration, try digest.single(String.self))
        }
        var latest = 0
        var appliedVersions = Set<Int>()
        for row in rows {
            let (version, name, checksum) = try row.decode((Int32, String, String).self)
            let number = Int(version)
            guard let (_, fileChecksum) = files[number] else {
                throw MigrationError.missingMigration(stream: stream.name, version: number, name: name)
            }
            guard fileChecksum == checksum else {
                throw MigrationError.checksumMismatch(
                    stream: stream.name, version: number, name: name, applied: checksum, file: fileChecksum)
            }
            appliedVersions.insert(number)
            latest = max(latest, number)
        }
        let pending = stream.migrations.filter { !appliedVersions.contains($0.version) }
        if let first = pending.first, first.version < latest {
            throw MigrationError.outOfOrder(stream: stream.name, version: first.version, latestApplied: latest)
        }
        return pending.map { files[$0.version]! }
    }

    private static func apply(
        _ migration: Migration, checksum: String, of stream: MigrationStream, _ connection: BlockingConnection
    ) throws {
        do {
            try connection.execute("BEGIN")
            if let searchPath = stream.searchPath {
                try connection.execute("SELECT set_config('search_path', $1, true)", [searchPath])
            }
            try connection.execute(migration.sql)
            try connection.execute(
                "INSERT INTO platform.schema_migrations (stream, version, name, checksum) VALUES ($1, $2::int4, $3, $4)",
                [stream.name, String(migration.version), migration.name, checksum])
            try connection.execute("COMMIT")
        } catch let error as PostgresError {
            _ = try? connection.execute("ROLLBACK")
            throw MigrationError.failed(stream: stream.name, version: migration.version, name: migration.name, error: error)
        }
    }

    /// Turns a server error outside a migration into a `MigrationError`.
    @discardableResult
    private static func wrap<Value>(_ body: @autoclosure () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as PostgresError {
            throw MigrationError.failed(stream: "platform", version: 0, name: "bookkeeping", error: error)
        }
    }
}
