import GuichetIO

/// PostgreSQL connections for a whole process: a bounded pool per event loop, so a request's
/// queries run on connections whose sockets sit in the same epoll as the request's own socket.
///
/// ```
///   loop 0: [conn][conn][conn]…  ◀── requests running on loop 0
///   loop 1: [conn][conn][conn]…  ◀── requests running on loop 1
///   (poolSize split over the loops; connections open lazily; a FIFO wait queue with a timeout)
/// ```
/// A call made on one of the group's loops uses that loop's pool with no thread hop; a call made
/// anywhere else hops once to a loop for its whole duration.
///
/// Give one pool to a service at start and share it (it is `Sendable`):
/// ```swift
/// let pool = PostgresPool(configuration: .init(url: url), group: group)
/// let rows = try await pool.query("SELECT title FROM complaints.complaint WHERE tenant_id = \(tenant) AND id = \(id)",
///                                 tenant: tenant)
/// let (created, _) = try await pool.transaction([insert, audit], tenant: tenant)   // one round trip
/// try await pool.transaction(tenant: tenant, isolation: .serializable, retryable: true) { tx in … }
/// await pool.shutdown()
/// ```
public final class PostgresPool: Sendable {
    /// The configuration the pool was made with.
    public let configuration: Configuration
    /// The loops the pool's connections live on.
    public let group: EventLoopGroup
    private let pools: [LoopPool]

    /// A pool over `group`'s loops; opens no connection until the first call.
    public init(configuration: Configuration, group: EventLoopGroup) {
        self.configuration = configuration
        self.group = group
        let perLoop = configuration.connectionsPerLoop(loopCount: group.loops.count)
        self.pools = group.loops.map { LoopPool(loop: $0, configuration: configuration, maxConnections: perLoop) }
    }

    /// Runs `body` with the pool of the loop the caller runs on, hopping to one of the group's loops
    /// first when the caller runs elsewhere.
    func onLoop<Value>(_ body: (LoopPool) async throws -> Value) async throws -> Value {
        if let current = EventLoop.current, let pool = pools.first(where: { $0.loop === current }) {
            return try await body(pool)
        }
        let pool = pools[group.loops.count == 1 ? 0 : group.next().index]
        return try await withTaskExecutorPreference(pool.loop) {
            try await body(pool)
        }
    }

    /// Leases a connection from `pool` for the duration of `body`.
    func withConnection<Value>(
        _ pool: LoopPool, _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let connection = try await pool.lease()
        do {
            let value = try await body(connection)
            pool.release(connection)
            return value
        } catch {
            pool.release(connection)
            throw error
        }
    }

    /// The pool's gauges and totals, summed over the loops.
    public func statistics() async -> Statistics {
        var total = Statistics()
        for pool in pools {
            total = total + (await withCheckedContinuation { continuation in
                pool.loop.execute { continuation.resume(returning: pool.statistics()) }
            })
        }
        return total
    }

    /// Fails waiting calls, closes idle connections, and returns once every leased connection came
    /// back and was closed. Calls made afterwards fail with `PostgresConnectionError(.shutDown)`.
    public func shutdown() async {
        for pool in pools {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                pool.loop.execute {
                    Task(executorPreference: pool.loop) {
                        await pool.shutDown()
                        continuation.resume()
                    }
                }
            }
        }
    }
}
