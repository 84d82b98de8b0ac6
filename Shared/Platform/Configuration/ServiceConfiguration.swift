import GuichetCore
import GuichetHTTP
import GuichetIO

/// Everything a Guichet executable reads from its environment, with the defaults the README
/// lists. Every service reads the same names; the port's default differs per service.
public struct ServiceConfiguration: Sendable {
    /// The HTTP server's address, limits and timeouts.
    public var server: HTTPServer.Configuration
    /// The number of event loops (`GUICHET_EVENT_LOOPS`, default: the number of cores).
    public var eventLoops: Int
    /// The PostgreSQL connection and pool settings.
    public var database: DatabaseSettings
    /// The lowest log level written (`GUICHET_LOG_LEVEL`).
    public var logLevel: LogLevel
    /// Whether to run migrations at start (`GUICHET_RUN_MIGRATIONS`).
    public var runMigrations: Bool

    /// Database settings (`DATABASE_*`).
    public struct DatabaseSettings: Sendable {
        /// The runtime role's libpq URL (`DATABASE_URL`).
        public var url: String
        /// The owner role's libpq URL, for migrations (`DATABASE_OWNER_URL`).
        public var ownerURL: String
        /// Connections per process, split over the event loops (`DATABASE_POOL_SIZE`).
        public var poolSize: Int
        /// How long a request waits for a connection (`DATABASE_POOL_TIMEOUT_MS`).
        public var poolTimeout: Duration
        /// The server-side limit on one statement (`DATABASE_STATEMENT_TIMEOUT_MS`).
        public var statementTimeout: Duration

        /// Settings from their parts.
        public init(url: String, ownerURL: String, poolSize: Int = 16, poolTimeout: Duration = .seconds(5),
                    statementTimeout: Duration = .seconds(15)) {
            self.url = url
            self.ownerURL = ownerURL
            self.poolSize = poolSize
            self.poolTimeout = poolTimeout
            self.statementTimeout = statementTimeout
        }
    }

    /// The local cluster `make run` starts, as the runtime role.
    public static let defaultDatabaseURL = "postgresql://guichet_app:guichet_app@127.0.0.1:54320/guichet"
    /// The local cluster `make run` starts, as the owner role.
    public static let defaultOwnerURL = "postgresql://guichet_owner:guichet_owner@127.0.0.1:54320/guichet"

    /// A configuration from its parts.
    public init(server: HTTPServer.Configuration, eventLoops: Int, database: DatabaseSettings, logLevel: LogLevel = .info,
                runMigrations: Bool = true) {
        self.server = server
        self.eventLoops = eventLoops
        self.database = database
        self.logLevel = logLevel
        self.runMigrations = runMigrations
    }

    /// Reads the configuration, collecting every malformed variable into one error.
    public static func read(from environment: Environment, defaultPort: UInt16) throws(Environment.Errors) -> ServiceConfiguration {
        var environment = environment
        let server = HTTPServer.Configuration(
            host: environment.string("GUICHET_HOST", default: "127.0.0.1"),
            port: UInt16(environment.int("GUICHET_PORT", default: Int(defaultPort), range: 0...65_535)),
            maxConnections: environment.int("GUICHET_MAX_CONNECTIONS", default: 4096, range: 1...1_000_000),
            maxHeaderBytes: environment.int("GUICHET_MAX_HEADER_BYTES", default: 16_384, range: 1024...1_048_576),
            maxHeaderCount: environment.int("GUICHET_MAX_HEADER_COUNT", default: 100, range: 8...10_000),
            defaultBodyLimit: environment.int("GUICHET_MAX_BODY_BYTES", default: 1 << 20, range: 0...(1 << 30)),
            headerTimeout: environment.duration("GUICHET_HEADER_TIMEOUT_MS", default: .seconds(10)),
            bodyTimeout: environment.duration("GUICHET_BODY_TIMEOUT_MS", default: .seconds(30)),
            idleTimeout: environment.duration("GUICHET_IDLE_TIMEOUT_MS", default: .seconds(75)),
            drainTimeout: environment.duration("GUICHET_DRAIN_TIMEOUT_MS", default: .seconds(15)))
        let database = DatabaseSettings(
            url: environment.string("DATABASE_URL", default: defaultDatabaseURL),
            ownerURL: environment.string("DATABASE_OWNER_URL", default: defaultOwnerURL),
            poolSize: environment.int("DATABASE_POOL_SIZE", default: 16, range: 1...1000),
            poolTimeout: environment.duration("DATABASE_POOL_TIMEOUT_MS", default: .seconds(5)),
            statementTimeout: environment.duration("DATABASE_STATEMENT_TIMEOUT_MS", default: .seconds(15)))
        let configuration = ServiceConfiguration(
            server: server,
            eventLoops: environment.int("GUICHET_EVENT_LOOPS", default: EventLoopGroup.coreCount, range: 1...256),
            database: database,
            logLevel: environment.value("GUICHET_LOG_LEVEL", default: LogLevel.info),
            runMigrations: environment.bool("GUICHET_RUN_MIGRATIONS", default: true))
        try environment.validate()
        return configuration
    }
}
