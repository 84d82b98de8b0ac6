import Foundation
import GuichetPlatform

/// The complaints service as the kit runs it.
public enum Complaints {
    /// The service's definition: its schema, migrations, OpenAPI document and routes.
    public static let definition = ServiceDefinition(
        name: "complaints", defaultPort: 8081, schema: "complaints",
        migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: true
    ) { runtime in
        let routes = ComplaintRoutes(
            store: ComplaintStore(database: runtime.database),
            idempotency: IdempotencyStore(database: runtime.database, schema: "complaints"))
        return ServiceParts(
            installRoutes: { collection in routes.install(on: collection.group(runtime.requireContextToken)) },
            openAPIDocument: try ServiceDocument.load(from: .module))
    }
}
