import Foundation
import GuichetCore
import GuichetNotifications
import GuichetPlatform

/// The mail service as the kit runs it.
public enum Mail {
    /// The service's definition: its schema, migrations, OpenAPI document, routes, and the outbox
    /// its notifications leave through, on the system clock.
    public static let definition = makeDefinition()

    /// The definition with a clock of the caller's (tests move a manual clock across midnight).
    public static func makeDefinition(clock: any WallClock = SystemWallClock()) -> ServiceDefinition {
        ServiceDefinition(
            name: "mail", defaultPort: 8083, schema: "mail",
            migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: true
        ) { runtime in
            try await makeParts(runtime, clock: clock)
        }
    }

    static func makeParts(_ runtime: ServiceRuntime, clock: any WallClock) async throws -> ServiceParts {
        var environment = runtime.environment
        let configuration = MailConfiguration.read(from: &environment, clock: clock)
        try environment.validate()
        let seed = configuration.auditSigningKey
        let directory = configuration.keysDirectory
        let key = try await BlockingWork.run { try AuditSigningKey.load(seed: seed, directory: directory) }
        let store = MailStore(database: runtime.database, clock: clock)
        let audit = AuditLog(database: runtime.database)
        try await audit.publish(key)
        let notifications = try ServiceNotifications(
            service: "mail", outbox: Outbox(schema: "mail"), templates: MailNotifications.templates, events: MailNotifications.events,
            runtime: runtime)
        let routes = MailRoutes(
            store: store, audit: audit, storage: FileSystemDocumentStorage(root: configuration.storageDirectory),
            extractor: TextExtractor(
                pdftotextPath: configuration.pdftotextPath, timeout: configuration.extractionTimeout,
                maximumCharacters: configuration.maximumExtractedCharacters),
            idempotency: IdempotencyStore(database: runtime.database, schema: "mail"), configuration: configuration,
            notifications: MailNotifications(service: notifications))
        let jobs = MailJobs(store: store, audit: audit, key: key, logger: runtime.logger.with("component", "jobs"))
        jobs.start(every: configuration.jobsInterval)
        return ServiceParts(
            installRoutes: { collection in
                let group = collection.group(runtime.requireContextToken)
                routes.install(on: group)
                notifications.install(on: group)
            },
            openAPIDocument: notifications.document(completing: try ServiceDocument.load(from: .module)),
            onShutdown: {
                await jobs.stop()
                await notifications.shutdown()
            },
            outbox: notifications.delivery)
    }
}
