import Foundation
import GuichetCore
import GuichetHTTP
@testable import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport

/// A tiny service with one tenant-owned table, `rlstest.notes`, to test the platform kit against
/// a real PostgreSQL: migrations, tenancy, RLS, health, context tokens.
enum NotesService {
    static let migrations = """
        CREATE SCHEMA rlstest;
        GRANT USAGE ON SCHEMA rlstest TO guichet_app;
        CREATE TABLE notes (
            tenant_id uuid NOT NULL,
            id uuid NOT NULL,
            body text NOT NULL,
            PRIMARY KEY (tenant_id, id)
        ) PARTITION BY LIST (tenant_id);
        SELECT platform.enable_tenant_isolation('notes');
        GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO guichet_app;
        INSERT INTO platform.partition_objects (table_schema, table_name, object_name, definition)
        VALUES ('rlstest', 'notes', 'body_length', 'ALTER TABLE %1$I.%2$I ADD CONSTRAINT %3$I CHECK (length(body) < 1000)');
        CREATE TABLE note_links (
            tenant_id uuid NOT NULL,
            note_id uuid NOT NULL,
            url text NOT NULL,
            PRIMARY KEY (tenant_id, note_id, url)
        ) PARTITION BY LIST (tenant_id);
        SELECT platform.enable_tenant_isolation('note_links');
        SELECT platform.declare_tenant_foreign_key('note_links', 'note_fkey', 'tenant_id, note_id', 'notes', 'tenant_id, id', 'ON DELETE CASCADE');
        GRANT SELECT, INSERT, DELETE ON note_links TO guichet_app;
        """

    /// The directory holding the migration file, written once per process.
    static let migrationsDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-notes-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? migrations.write(to: directory.appendingPathComponent("0001_notes.sql"), atomically: true, encoding: .utf8)
        return directory
    }()

    static let definition = ServiceDefinition(
        name: "rlstest", defaultPort: 0, schema: "rlstest", migrationsDirectory: migrationsDirectory, usesKitTables: true
    ) { runtime in
        ServiceParts(installRoutes: { routes in
            routes.get("/db-ping", options: RouteOptions(access: .anyone)) { _, _ in
                .text("\(try await runtime.database.query("SELECT 1", tenant: nil).single(Int.self))")
            }
            let tenantRoutes = routes.group(runtime.requireContextToken)
            tenantRoutes.get("/v1/:tenant/notes", options: RouteOptions(access: .anyone)) { _, context in
                guard let tenant = context.tenant else { throw Problem(.notFound, language: context.language) }
                let rows = try await runtime.database.query(
                    "SELECT count(*) FROM rlstest.notes WHERE tenant_id = \(tenant.id)", tenant: tenant.id)
                return .text("\(try rows.single(Int.self)) notes for \(context.principal.kind.rawValue)")
            }
        })
    }

    /// The service, started once for the whole test process (migrations run once).
    static let shared = Task { try await RunningService.start(definition, configuration: TestDatabase.configuration()) }

    /// Inserts a note for `tenant`, as the runtime role with the tenant set, and returns its id.
    @discardableResult
    static func addNote(_ body: String, tenant: UUID, database: PostgresPool) async throws -> UUID {
        let id = UUID.timeOrdered()
        _ = try await database.query("INSERT INTO rlstest.notes (tenant_id, id, body) VALUES (\(tenant), \(id), \(body))", tenant: tenant)
        return id
    }
}
