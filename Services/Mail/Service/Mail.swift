import Foundation
import GuichetPlatform

/// The mail service as the kit runs it.
public enum Mail {
    /// The service's definition: its schema, migrations, OpenAPI document and routes.
    public static let definition = ServiceDefinition(
        name: "mail", defaultPort: 8083, schema: "mail",
        migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: true
    ) { _ in
        ServiceParts(installRoutes: { _ in }, openAPIDocument: try ServiceDocument.load(from: .module))
    }
}
