import GuichetCore
import GuichetIO
import GuichetPostgres

/// What a running service is given by the kit: its configuration and environment, the event
/// loops, the database pool (runtime role), the logger, the metrics registry and the verifier of
/// the gateway's context tokens.
public struct ServiceRuntime: Sendable {
    /// The service's name.
    public let name: String
    /// The configuration read from the environment.
    public let configuration: ServiceConfiguration
    /// The environment, for the service's own variables.
    public let environment: Environment
    /// The event loops.
    public let group: EventLoopGroup
    /// The database, as the runtime role.
    public let database: PostgresPool
    /// The process's logger.
    public let logger: Logger
    /// The process's metrics.
    public let metrics: MetricsRegistry
    /// Verifies the gateway's context tokens (the only credential services trust).
    public let contextTokens: ContextTokenVerifier

    /// The middleware that admits only requests carrying a valid context token.
    public var requireContextToken: ContextTokenMiddleware {
        ContextTokenMiddleware(verifier: contextTokens)
    }
}
