import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetPostgres

/// A service started in this process: migrated, connected, serving. The executables run one until
/// SIGTERM; tests start several side by side on free ports.
///
/// ```swift
/// let service = try await RunningService.start(Complaints.definition, configuration: configuration)
/// // … requests to service.address …
/// await service.stop()
/// ```
public final class RunningService: Sendable {
    /// The runtime the service was built with.
    public let runtime: ServiceRuntime
    /// The HTTP server.
    public let server: HTTPServer
    /// The address the server listens on.
    public let address: SocketAddress
    /// Every route the service serves (for documentation checks).
    public let routes: [Route]
    /// What the service contributed (its document among others).
    public let parts: ServiceParts
    /// The dispatcher delivering the service's outbox, when it has one.
    public let outboxDispatcher: OutboxDispatcher?
    private let readiness: ReadinessState
    private let ownsGroup: Bool

    private init(
        runtime: ServiceRuntime, server: HTTPServer, address: SocketAddress, routes: [Route], parts: ServiceParts,
        outboxDispatcher: OutboxDispatcher?, readiness: ReadinessState, ownsGroup: Bool
    ) {
        self.runtime = runtime
        self.routes = routes
        self.server = server
        self.address = address
        self.parts = parts
        self.outboxDispatcher = outboxDispatcher
        self.readiness = readiness
        self.ownsGroup = ownsGroup
    }

    /// Migrates (when configured to), connects and starts serving `definition`.
    ///
    /// With `group`, the service runs on those loops (tests share one group); otherwise it makes
    /// its own and shuts it down on `stop()`.
    public static func start(
        _ definition: ServiceDefinition, configuration: ServiceConfiguration, environment: Environment = Environment([:]),
        logger: Logger? = nil, group: EventLoopGroup? = nil
    ) async throws -> RunningService {
        let logger = (logger ?? Logger(configuration: Logger.Configuration(minimumLevel: configuration.logLevel)))
            .with("service", definition.name)
        if configuration.runMigrations {
            let applied = try await KitMigrations.run(for: definition, ownerURL: configuration.database.ownerURL)
            for migration in applied {
                logger.info("migration applied", ["migration": .string(migration.description)])
            }
        }
        let ownsGroup = group == nil
        let group = try group ?? EventLoopGroup(loopCount: configuration.eventLoops)
        var poolConfiguration = PostgresPool.Configuration(url: configuration.database.url)
        poolConfiguration.poolSize = configuration.database.poolSize
        poolConfiguration.poolTimeout = configuration.database.poolTimeout
        poolConfiguration.statementTimeout = configuration.database.statementTimeout
        poolConfiguration.applicationName = definition.name
        let databaseLogger = logger.with("component", "postgres")
        poolConfiguration.logHandler = { event in
            let level: LogLevel =
                switch event.level {
                case .debug: .debug
                case .notice: .info
                case .warning: .warning
                case .error: .error
                }
            databaseLogger.log(level, event.message, ["sql_state": event.sqlState.map(JSONValue.string) ?? .null])
        }
        let database = PostgresPool(configuration: poolConfiguration, group: group)
        let keys = SigningKeyStore(database: database)
        let verifier = ContextTokenVerifier { try await keys.verificationKeys(for: .context) }
        do {
            try await verifier.reloadKeys()
        } catch {
            logger.warning("context keys not loaded yet", ["error": .string(String(describing: error))])
        }
        let runtime = ServiceRuntime(
            name: definition.name, configuration: configuration, environment: environment, group: group, database: database,
            logger: logger, metrics: MetricsRegistry(), contextTokens: verifier)
        let parts = try await definition.makeParts(runtime)
        let readiness = ReadinessState()
        let routes = Routes()
        HealthRoutes.install(on: routes, runtime: runtime, checks: parts.readinessChecks, state: readiness)
        if let document = parts.openAPIDocument {
            let bytes = document.encodedJSON
            routes.get("/openapi.json", options: RouteOptions(access: .anyone)) { _, _ in .json(bytes: bytes) }
        }
        parts.installRoutes(routes)
        let dispatcher = try parts.outbox.map { delivery in
            try OutboxDispatcher(
                delivery, database: database, logger: logger, metrics: runtime.metrics, loop: group.next())
        }
        let server = HTTPServer(
            configuration: configuration.server, routes: routes, middleware: [RequestObserver(metrics: runtime.metrics)],
            group: group, logger: logger)
        let address = try await server.start()
        logger.info("listening", ["address": .string(address.description)])
        dispatcher?.start()
        return RunningService(
            runtime: runtime, server: server, address: address, routes: routes.all, parts: parts,
            outboxDispatcher: dispatcher, readiness: readiness, ownsGroup: ownsGroup)
    }

    /// Drains the server (requests in flight finish), settles the outbox deliveries in flight,
    /// runs the service's shutdown, closes the database pool and, if the service made them, stops
    /// its loops.
    public func stop() async {
        readiness.beginDraining()
        await server.drain()
        await outboxDispatcher?.stop()
        await parts.onShutdown()
        await runtime.database.shutdown()
        if ownsGroup { runtime.group.shutdown() }
        runtime.logger.info("stopped")
    }
}
