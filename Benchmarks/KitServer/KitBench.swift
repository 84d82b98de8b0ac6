import Foundation
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// A service built with the platform kit and nothing else, to measure the kit itself:
///
/// - `GET /plaintext`: `Hello, World!` as text;
/// - `GET /json`: `{"message":"Hello, World!"}`, encoded per request through `JSONCoding`;
/// - `GET /v1/:tenant/items/:id`: one row of `benchkit.items` by primary key, through the pool,
///   in a transaction with the tenant set (`BEGIN`, `set_config`, the `SELECT`, `COMMIT` in one
///   round trip) — a 404 problem for an unknown tenant or id.
///
/// Tenants are resolved once, at start, into a dictionary (slug → id), after `BenchData` has made
/// sure they and their rows exist.
enum KitBench {
    /// The schema: one tenant-owned table, partitioned by tenant and isolated by row-level security
    /// like every table of the services.
    static let migration = """
        CREATE SCHEMA benchkit;
        GRANT USAGE ON SCHEMA benchkit TO guichet_app;
        CREATE TABLE items (
            tenant_id uuid NOT NULL,
            id bigint NOT NULL,
            name text NOT NULL,
            PRIMARY KEY (tenant_id, id)
        ) PARTITION BY LIST (tenant_id);
        SELECT platform.enable_tenant_isolation('items');
        GRANT SELECT, INSERT ON items TO guichet_app;
        """

    /// A directory holding the migration file: this target has no resources, so the file is written
    /// at start (same content every time, so the same checksum) and removed at shutdown.
    static let migrationsDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-kit-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? migration.write(to: directory.appendingPathComponent("0001_items.sql"), atomically: true, encoding: .utf8)
        return directory
    }()

    /// The service as the kit runs it.
    static let definition = ServiceDefinition(
        name: "benchkit", defaultPort: 8090, schema: "benchkit", migrationsDirectory: migrationsDirectory, usesKitTables: false
    ) { runtime in
        try? FileManager.default.removeItem(at: migrationsDirectory)
        var environment = runtime.environment
        let data = BenchData.Configuration(reading: &environment)
        try environment.validate()
        let tenants = try await BenchData(configuration: data, database: runtime.database).prepare(logger: runtime.logger)
        let database = runtime.database
        return ServiceParts(installRoutes: { routes in
            // The kit alone: no context token, so the figures measure the server, router and pool.
            let anyone = RouteOptions(access: .anyone)
            routes.get("/plaintext", options: anyone) { _, _ in .text("Hello, World!") }
            routes.get("/json", options: anyone) { _, _ in try .json(Message(message: "Hello, World!")) }
            routes.get("/v1/:tenant/items/:id", options: anyone) { _, context in
                guard let slug = context.parameters["tenant"], let tenant = tenants[slug],
                    let raw = context.parameters.raw("id"), let id = Int64(raw)
                else { throw Problem(.notFound, language: context.language) }
                let rows = try await database.query(
                    "SELECT name FROM benchkit.items WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant)
                guard let row = rows.first else { throw Problem(.notFound, language: context.language) }
                return try .json(Item(id: id, name: try row.decode(String.self)))
            }
        })
    }

    /// The body of `/json`.
    struct Message: Encodable {
        var message: String
    }

    /// The body of a primary-key read.
    struct Item: Encodable {
        var id: Int64
        var name: String
    }
}
