import Foundation
@testable import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Migrations (PostgreSQL)")
struct MigratorTests {
    /// A stream and schema named for one test, removed afterwards.
    struct Fixture {
        let name = "test_" + UUID().uuidString.prefix(8).lowercased()

        var migrations: [Migration] {
            [
                Migration(version: 1, name: "create_schema", sql: """
                    CREATE SCHEMA \(name);
                    CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL);
                    CREATE TABLE runs (migration int NOT NULL);
                    INSERT INTO runs VALUES (1);
                    """),
                Migration(version: 2, name: "add_note", sql: """
                    ALTER TABLE items ADD COLUMN note text;
                    INSERT INTO runs VALUES (2);
                    """),
            ]
        }

        func stream(_ migrations: [Migration]) throws -> MigrationStream {
            try MigrationStream(name: name, searchPath: name, migrations: migrations)
        }

        func cleanUp() async throws {
            let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
            _ = try await owner.transaction([
                "DROP SCHEMA IF EXISTS \(unsafeRaw: name) CASCADE",
                "DELETE FROM platform.schema_migrations WHERE stream = \(name)",
            ], tenant: nil)
            await owner.shutdown()
        }

        func runs() async throws -> [Int] {
            let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
            defer { Task { await owner.shutdown() } }
            return try await owner.query("SELECT migration FROM \(unsafeRaw: name).runs ORDER BY 1", tenant: nil)
                .map { row throws -> Int in
                    let value: Int32 = try row.decode(Int32.self)
                    return Int(value)
                }
        }
    }

    static var migrator: Migrator { Migrator(configuration: .init(ownerURL: TestDatabase.ownerURL)) }

    @Test("pending migrations apply in order, in the stream's schema; a second run applies nothing")
    func applyThenNoOp() async throws {
        let fixture = Fixture()
        let applied = try await Self.migrator.run([fixture.stream(fixture.migrations)])
        #expect(applied.map(\.version) == [1, 2])
        #expect(applied.first?.description == "\(fixture.name) 1_create_schema")
        #expect(try await fixture.runs() == [1, 2])
        let again = try await Self.migrator.run([fixture.stream(fixture.migrations)])
        #expect(again.isEmpty)
        #expect(try await fixture.runs() == [1, 2])
        // A new migration applies alone.
        let third = Migration(version: 3, name: "more", sql: "INSERT INTO runs VALUES (3);")
        let next = try await Self.migrator.run([fixture.stream(fixture.migrations + [third])])
        #expect(next.map(\.version) == [3])
        try await fixture.cleanUp()
    }

    @Test("a changed file, a vanished file and an out-of-order file are refused")
    func refusals() async throws {
        let fixture = Fixture()
        _ = try await Self.migrator.run([fixture.stream(fixture.migrations)])
        var changed = fixture.migrations
        changed[1] = Migration(version: 2, name: "add_note", sql: changed[1].sql + "\n-- edited")
        let mismatch = await #expect(throws: MigrationError.self) {
            try await Self.migrator.run([fixture.stream(changed)])
        }
        guard case .checksumMismatch(_, 2, "add_note", _, _)? = mismatch else {
            Issue.record("expected a checksum mismatch, got \(String(describing: mismatch))")
            return
        }
        let missing = await #expect(throws: MigrationError.self) {
            try await Self.migrator.run([fixture.stream([fixture.migrations[1]])])
        }
        #expect(missing == .missingMigration(stream: fixture.name, version: 1, name: "create_schema"))
        let fourth = Migration(version: 4, name: "fourth", sql: "SELECT 1;")
        let third = Migration(version: 3, name: "third", sql: "SELECT 1;")
        #expect(try await Self.migrator.run([fixture.stream(fixture.migrations + [fourth])]).map(\.version) == [4])
        let outOfOrder = await #expect(throws: MigrationError.self) {
            try await Self.migrator.run([fixture.stream(fixture.migrations + [third, fourth])])
        }
        #expect(outOfOrder == .outOfOrder(stream: fixture.name, version: 3, latestApplied: 4))
        #expect(try await fixture.runs() == [1, 2])
        try await fixture.cleanUp()
    }

    @Test("a failing migration keeps nothing of itself and stops the run")
    func failingMigration() async throws {
        let fixture = Fixture()
        let broken = Migration(version: 3, name: "broken", sql: "INSERT INTO runs VALUES (3); SELECT 1/0;")
        let error = await #expect(throws: MigrationError.self) {
            try await Self.migrator.run([fixture.stream(fixture.migrations + [broken])])
        }
        guard case .failed(_, 3, "broken", let cause)? = error else {
            Issue.record("expected the migration to fail, got \(String(describing: error))")
            return
        }
        #expect(cause.sqlState == "22012")
        #expect(try await fixture.runs() == [1, 2])
        try await fixture.cleanUp()
    }

    @Test("two migrators started together apply each migration exactly once")
    func concurrentMigrators() async throws {
        let fixture = Fixture()
        let stream = try fixture.stream(fixture.migrations)
        async let first = Self.migrator.run([stream])
        async let second = Self.migrator.run([stream])
        let (a, b) = try await (first, second)
        #expect((a + b).map(\.version).sorted() == [1, 2])
        #expect(a.isEmpty || b.isEmpty)
        #expect(try await fixture.runs() == [1, 2])
        try await fixture.cleanUp()
    }

    @Test("the final statement runs after the streams")
    func finalStatement() async throws {
        let fixture = Fixture()
        var configuration = Migrator.Configuration(ownerURL: TestDatabase.ownerURL)
        configuration.finalStatement = "INSERT INTO \(fixture.name).runs VALUES (99)"
        _ = try await Migrator(configuration: configuration).run([fixture.stream(fixture.migrations)])
        #expect(try await fixture.runs() == [1, 2, 99])
        try await fixture.cleanUp()
    }

    @Test("a directory loads NNNN_name.sql files in version order and rejects anything else")
    func loadDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "CREATE TABLE b ();".write(to: directory.appendingPathComponent("0010_second.sql"), atomically: true, encoding: .utf8)
        try "CREATE TABLE a ();".write(to: directory.appendingPathComponent("0002_first.sql"), atomically: true, encoding: .utf8)
        let stream = try MigrationStream.load(name: "s", searchPath: "s", directory: directory)
        #expect(stream.migrations.map(\.version) == [2, 10])
        #expect(stream.migrations.map(\.name) == ["first", "second"])
        #expect(stream.migrations[0].sql == "CREATE TABLE a ();")
        try "oops".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.invalidFileName(stream: "s", fileName: "notes.txt")) {
            try MigrationStream.load(name: "s", searchPath: nil, directory: directory)
        }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("notes.txt"))
        try "x".write(to: directory.appendingPathComponent("02_again.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.duplicateVersion(stream: "s", version: 2)) {
            try MigrationStream.load(name: "s", searchPath: nil, directory: directory)
        }
    }
}
