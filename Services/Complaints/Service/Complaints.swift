import Foundation
import GuichetNotifications
import GuichetPlatform

/// The complaints service as the kit runs it.
public enum Complaints {
    /// The service's definition: its schema, migrations, OpenAPI document, routes, and the outbox
    /// its notifications leave through.
    public static let definition = ServiceDefinition(
        name: "complaints", defaultPort: 8081, schema: "complaints",
        migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: true
    ) { runtime in
        let configuration = try ComplaintsConfiguration.read(from: runtime.environment)
        let notifications = try ServiceNotifications(
            service: "complaints", outbox: Outbox(schema: "complaints"), templates: ComplaintNotifications.templates,
            events: ComplaintNotifications.events, runtime: runtime)
        let components = ComplaintComponents(
            database: runtime.database, configuration: configuration, notifications: ComplaintNotifications(service: notifications))
        let routes = ComplaintRoutes(components: components)
        return ServiceParts(
            installRoutes: { collection in
                let group = collection.group(runtime.requireContextToken)
                routes.install(on: group)
                notifications.install(on: group)
                CitizenRoutes(components: components).install(on: group)
                CaseRoutes(components: components).install(on: group)
                AdministrationRoutes(components: components).install(on: group)
                StatisticsRoutes(components: components).install(on: group)
                Open311Routes(components: components).install(on: group)
            },
            openAPIDocument: notifications.document(completing: try ServiceDocument.load(from: .module)),
            onShutdown: { await notifications.shutdown() },
            outbox: notifications.delivery)
    }
}
