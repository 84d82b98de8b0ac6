import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// What a service hands the kit: its name (also its schema and migration stream), its default
/// port, its migrations, and how to build its routes once the runtime (database, loops, logger)
/// exists. A service's `main` is `ServiceMain.run(definition)`.
public struct ServiceDefinition: Sendable {
    /// The service's name: `gateway`, `complaints`, `appointments`, `mail`.
    public var name: String
    /// The port used when `GUICHET_PORT` is not set.
    public var defaultPort: UInt16
    /// The schema the service's own migrations run in (their `search_path`) and the kit's tables
    /// live in; nil for a service whose tables live in `platform` and name it, and that has no kit
    /// tables. A service whose own tables live elsewhere (the gateway's, in `platform`) qualifies
    /// every name in its migrations, and one of them creates this schema.
    public var schema: String?
    /// The directory holding the service's `NNNN_name.sql` migrations (a resource of its target).
    public var migrationsDirectory: URL?
    /// Whether the kit's per-service tables (idempotency keys, outbox, templates, webhook endpoints)
    /// are created in the service's schema, after the service's own migrations.
    public var usesKitTables: Bool
    /// Migrations that run in the service's schema after the kit's tables (a stream of their own,
    /// `<name>.after-kit`): what the service adds to those tables, such as the partition of the
    /// platform's own rows (the nil tenant) that tenant provisioning never makes. Nil: none.
    public var migrationsAfterKitTables: URL?
    /// Builds the service's routes and the parts it owns.
    public var makeParts: @Sendable (ServiceRuntime) async throws -> ServiceParts

    /// A definition from its parts.
    public init(
        name: String, defaultPort: UInt16, schema: String?, migrationsDirectory: URL?, usesKitTables: Bool,
        migrationsAfterKitTables: URL? = nil, makeParts: @escaping @Sendable (ServiceRuntime) async throws -> ServiceParts
    ) {
        self.name = name
        self.defaultPort = defaultPort
        self.schema = schema
        self.migrationsDirectory = migrationsDirectory
        self.usesKitTables = usesKitTables
        self.migrationsAfterKitTables = migrationsAfterKitTables
        self.makeParts = makeParts
    }
}

/// What a service contributes once started: its routes, its OpenAPI document, readiness checks
/// beyond the database, the outbox the kit should deliver, and what to do when it stops.
public struct ServiceParts: Sendable {
    /// Registers the service's routes (the kit adds `/healthz`, `/readyz`, `/metrics`, `/openapi.json`).
    public var installRoutes: @Sendable (Routes) -> Void
    /// The service's OpenAPI document (with the operational endpoints, see `ServiceDocument`),
    /// served at `/openapi.json`.
    public var openAPIDocument: JSONValue?
    /// Named checks `/readyz` runs besides the database's.
    public var readinessChecks: [String: @Sendable () async -> Bool]
    /// Called once the server has drained, before the database pool closes.
    public var onShutdown: @Sendable () async -> Void
    /// The service's outbox and its channels: the kit runs an `OutboxDispatcher` for it while the
    /// service runs (nil: the service sends nothing).
    public var outbox: OutboxDelivery?

    /// Parts from their pieces.
    public init(
        installRoutes: @escaping @Sendable (Routes) -> Void, openAPIDocument: JSONValue? = nil,
        readinessChecks: [String: @Sendable () async -> Bool] = [:], onShutdown: @escaping @Sendable () async -> Void = {},
        outbox: OutboxDelivery? = nil
    ) {
        self.installRoutes = installRoutes
        self.openAPIDocument = openAPIDocument
        self.readinessChecks = readinessChecks
        self.onShutdown = onShutdown
        self.outbox = outbox
    }
}
