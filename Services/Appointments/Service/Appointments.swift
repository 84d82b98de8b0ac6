import Foundation
import GuichetCore
import GuichetNotifications
import GuichetPlatform

/// The appointments service as the kit runs it.
public enum Appointments {
    /// What can be set when the service is made (tests set a manual clock).
    public struct Configuration: Sendable {
        /// The clock every rule reads "now" from.
        public var clock: any WallClock
        /// How often expired holds and lapsed waiting-list offers are dealt with; nil: never (tests).
        public var maintenanceInterval: Duration?

        /// A configuration; by default the system clock and a pass every 30 seconds.
        public init(clock: any WallClock = SystemWallClock(), maintenanceInterval: Duration? = .seconds(30)) {
            self.clock = clock
            self.maintenanceInterval = maintenanceInterval
        }
    }

    /// The service's definition: its schema, migrations, OpenAPI document, routes, and the outbox
    /// its messages (emails, SMS, webhook events) leave through.
    public static let definition = makeDefinition()

    /// The definition with a configuration of its own.
    public static func makeDefinition(_ configuration: Configuration = Configuration()) -> ServiceDefinition {
        ServiceDefinition(
            name: "appointments", defaultPort: 8082, schema: "appointments",
            migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: true
        ) { runtime in
            let database = runtime.database
            let notifications = try ServiceNotifications(
                service: "appointments", outbox: MessageOutbox.outbox, templates: AppointmentTemplates.catalog,
                events: AppointmentEvents.catalog, runtime: runtime)
            let dependencies = RouteDependencies(
                configuration: ConfigurationStore(database: database), planning: PlanningStore(database: database),
                bookings: BookingStore(database: database), verifications: VerificationStore(database: database),
                queue: QueueStore(database: database), waitingList: WaitingListStore(database: database),
                statistics: StatisticsStore(database: database),
                idempotency: IdempotencyStore(database: database, schema: "appointments"), clock: configuration.clock)
            let maintenance = Maintenance(dependencies: dependencies, tenants: TenantDirectory(database: database))
            let logger = runtime.logger
            let task = configuration.maintenanceInterval.map { interval in
                Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        guard !Task.isCancelled else { break }
                        await maintenance.run(logger: logger)
                    }
                }
            }
            return ServiceParts(
                installRoutes: { routes in
                    let group = routes.group(runtime.requireContextToken)
                    notifications.install(on: group)
                    ConfigurationRoutes(dependencies: dependencies).install(on: group)
                    CalendarRoutes(dependencies: dependencies).install(on: group)
                    AvailabilityRoutes(dependencies: dependencies).install(on: group)
                    VerificationRoutes(dependencies: dependencies).install(on: group)
                    BookingRoutes(dependencies: dependencies).install(on: group)
                    BookingChangeRoutes(dependencies: dependencies).install(on: group)
                    DeskRoutes(dependencies: dependencies).install(on: group)
                    WaitingListRoutes(dependencies: dependencies).install(on: group)
                    StatisticsRoutes(dependencies: dependencies).install(on: group)
                },
                openAPIDocument: notifications.document(completing: try ServiceDocument.load(from: .module)),
                onShutdown: {
                    task?.cancel()
                    await notifications.shutdown()
                },
                outbox: notifications.delivery)
        }
    }
}
