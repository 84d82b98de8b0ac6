import Foundation

/// One versioned SQL migration: the file `0003_add_deadlines.sql` is version 3, named
/// `add_deadlines`.
public struct Migration: Sendable, Hashable {
    /// The leading number of the file name.
    public let version: Int
    /// The rest of the file name, without `.sql`.
    public let name: String
    /// The file's text, run through the simple query protocol (several statements allowed; no
    /// transaction control, and nothing that cannot run inside a transaction).
    public let sql: String

    /// A migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Parses a file name `NNNN_name.sql` into its version and name, or nil.
    static func parseFileName(_ fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(digits), version > 0,
            !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return (version, String(name))
    }
}

/// The ordered migrations of one part of the database (a service's schema), applied by a `Migrator`
/// and recorded under the stream's name.
public struct MigrationStream: Sendable, Hashable {
    /// The name the migrations are recorded under (`complaints`).
    public let name: String
    /// The `search_path` set (transaction-locally) while each migration runs, if any
    /// (`complaints`, or `complaints, public`).
    public let searchPath: String?
    /// The migrations, in strictly increasing version order.
    public let migrations: [Migration]

    /// A stream of `migrations`, which must have distinct versions (they are sorted).
    public init(name: String, searchPath: String?, migrations: [Migration]) throws(MigrationError) {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw .duplicateVersion(stream: name, version: next.version)
        }
        self.name = name
        self.searchPath = searchPath
        self.migrations = sorted
    }

    /// Loads every `NNNN_name.sql` file of `directory`; any other file makes loading fail.
    public static func load(name: String, searchPath: String?, directory: URL) throws(MigrationError) -> MigrationStream {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(path: directory.path, reason: "\(error)")
        }
        var migrations: [Migration] = []
        for file in files.sorted() {
            guard let (version, migrationName) = Migration.parseFileName(file) else {
                throw .invalidFileName(stream: name, fileName: file)
            }
            let path = directory.appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path), let sql = String(data: data, encoding: .utf8) else {
                throw .unreadable(path: path, reason: "not readable as UTF-8")
            }
            migrations.append(Migration(version: version, name: migrationName, sql: sql))
        }
        return try MigrationStream(name: name, searchPath: searchPath, migrations: migrations)
    }
}

/// Why migrations could not be loaded or applied; the service must refuse to start.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file in a migrations directory is not named `NNNN_name.sql`.
    case invalidFileName(stream: String, fileName: String)
    /// Two migrations of a stream have the same version.
    case duplicateVersion(stream: String, version: Int)
    /// A directory or file could not be read.
    case unreadable(path: String, reason: String)
    /// An applied migration's file changed since it was applied.
    case checksumMismatch(stream: String, version: Int, name: String, applied: String, file: String)
    /// An applied migration has no file any more.
    case missingMigration(stream: String, version: Int, name: String)
    /// A new migration's version is below one already applied.
    case outOfOrder(stream: String, version: Int, latestApplied: Int)
    /// A migration (or the final statement) failed; nothing of it was kept.
    case failed(stream: String, version: Int, name: String, error: PostgresError)
    /// The owner connection could not be opened or broke.
    case connection(String)

    public var description: String {
        switch self {
        case let .invalidFileName(stream, fileName):
            "migrations of \(stream): \(fileName) is not named NNNN_name.sql"
        case let .duplicateVersion(stream, version):
            "migrations of \(stream): version \(version) appears twice"
        case let .unreadable(path, reason):
            "cannot read migrations at \(path): \(reason)"
        case let .checksumMismatch(stream, version, name, applied, file):
            "migration \(stream) \(version)_\(name) changed since it was applied (checksum \(applied), file \(file))"
        case let .missingMigration(stream, version, name):
            "migration \(stream) \(version)_\(name) was applied but its file is gone"
        case let .outOfOrder(stream, version, latest):
            "migration \(stream) \(version) is new but \(latest) is already applied"
        case let .failed(stream, version, name, error):
            "migration \(stream) \(version)_\(name) failed: \(error)"
        case .connection(let message):
            "migrations: \(message)"
        }
    }
}
