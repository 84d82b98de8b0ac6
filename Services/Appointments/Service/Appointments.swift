import Foundation
import GuichetPlatform

/// The appointments service as the kit runs it.
public enum Appointments {
    /// The service's definition: its schema, migrations, OpenAPI document and routes.
    public static let definition = ServiceDefinition(
        name: "appointments", defaultPort: 8082, schema: "appointments",
        migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: true
    ) { _ in
        ServiceParts(installRoutes: { _ in }, openAPIDocument: try ServiceDocument.load(from: .module))
    }
}
