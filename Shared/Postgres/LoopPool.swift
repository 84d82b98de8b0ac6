import CLibPQ
import GuichetIO

/// The connections of one event loop: a `PoolStateMachine` plus the objects its numbers stand for.
/// Loop-confined.
///
/// Sendable only so the (Sendable) `PostgresPool` can hold it: every method checks that it runs on
/// `loop`'s thread, and nothing is touched anywhere else.
final class LoopPool: @unchecked Sendable {
    let loop: EventLoop
    private let configuration: PostgresPool.Configuration
    private var machine: PoolStateMachine
    private var connections: [Int: PostgresConnection] = [:]
    private var waiters: [Int: CheckedContinuation<PostgresConnection, any Error>] = [:]
    private var nextWaiterID = 0
    private var armedTimer: Deadline?
    private var closedRoundTrips = 0
    private var drained: [CheckedContinuation<Void, Never>] = []

    init(loop: EventLoop, configuration: PostgresPool.Configuration, maxConnections: Int) {
        self.loop = loop
        self.configuration = configuration
        self.machine = PoolStateMachine(configuration: .init(
            maxConnections: maxConnections, waitTimeout: configuration.poolTimeout,
            initialBackoff: configuration.reconnectInitialBackoff,
            maximumBackoff: configuration.reconnectMaximumBackoff))
    }

    /// A connection for the caller alone, until `release`.
    func lease() async throws -> PostgresConnection {
        loop.preconditionInEventLoop()
        nextWaiterID += 1
        let waiter = nextWaiterID
        switch machine.leaseRequested(waiter, now: .now()) {
        case .lease(let id):
            return connections[id]!
        case .fail(let failure):
            throw error(for: failure)
        case let .wait(create, armTimer):
            return try await withCheckedThrowingContinuation { continuation in
                waiters[waiter] = continuation
                if let create { open(create) }
                if let armTimer { arm(armTimer) }
            }
        }
    }

    /// Gives a leased connection back; one that broke or is left inside a transaction is dropped.
    func release(_ connection: PostgresConnection) {
        loop.preconditionInEventLoop()
        let id = connection.poolID
        let reusable = connection.isOpen && connection.transactionStatus == PQTRANS_IDLE
        if !reusable { drop(id) }
        perform(machine.released(id, reusable: reusable, now: .now()))
    }

    func statistics() -> PostgresPool.Statistics {
        loop.preconditionInEventLoop()
        var statistics = machine.currentStatistics()
        statistics.roundTrips = closedRoundTrips + connections.values.reduce(0) { $0 + $1.roundTrips }
        return statistics
    }

    /// Fails the waiters, closes idle connections, and returns once every connection is closed.
    func shutDown() async {
        loop.preconditionInEventLoop()
        let (closing, failing) = machine.shutDown()
        for id in closing { drop(id) }
        for waiter in failing {
            waiters.removeValue(forKey: waiter)?.resume(throwing: error(for: .shutDown))
        }
        if machine.isDrained { return }
        await withCheckedContinuation { drained.append($0) }
    }

    // MARK: Connections

    private func open(_ id: Int) {
        let configuration = self.configuration
        let loop = self.loop
        Task(executorPreference: loop) {
            do {
                let connection = try await PostgresConnection.connect(on: loop, configuration: configuration)
                self.opened(connection, id: id)
            } catch {
                self.openFailed(error, id: id)
            }
        }
    }

    private func opened(_ connection: PostgresConnection, id: Int) {
        loop.preconditionInEventLoop()
        connections[id] = connection
        connection.poolID = id
        connection.onBroken = { [weak self] in self?.broke(id) }
        perform(machine.connected(id))
    }

    private func openFailed(_ failure: any Error, id: Int) {
        loop.preconditionInEventLoop()
        let message = (failure as? PostgresConnectionError)?.message ?? "\(failure)"
        configuration.logHandler?(PostgresLogEvent(level: .error, message: "connection attempt failed: \(message)"))
        for waiter in machine.connectFailed(message, now: .now()) {
            waiters.removeValue(forKey: waiter)?.resume(throwing: error(for: .unavailable(message)))
        }
        checkDrained()
    }

    /// A connection broke by itself; an idle one is forgotten now, a leased one when released.
    private func broke(_ id: Int) {
        if machine.idleConnectionBroke(id) { drop(id) }
    }

    private func drop(_ id: Int) {
        guard let connection = connections.removeValue(forKey: id) else { return }
        closedRoundTrips += connection.roundTrips
        connection.close()
    }

    private func perform(_ action: PoolStateMachine.ConnectionAction) {
        switch action {
        case .none:
            break
        case let .lease(id, waiter):
            waiters.removeValue(forKey: waiter)!.resume(returning: connections[id]!)
        case .close(let id):
            drop(id)
        case .createConnection(let id):
            open(id)
        }
        checkDrained()
    }

    private func checkDrained() {
        guard machine.isDrained, !drained.isEmpty else { return }
        let continuations = drained
        drained.removeAll()
        for continuation in continuations { continuation.resume() }
    }

    // MARK: Timeouts

    private func arm(_ deadline: Deadline) {
        if let armedTimer, armedTimer <= deadline { return }
        armedTimer = deadline
        loop.scheduleTimer(at: deadline) { [weak self] in self?.timerFired() }
    }

    private func timerFired() {
        armedTimer = nil
        let (expired, next) = machine.timerFired(now: .now())
        for waiter in expired {
            waiters.removeValue(forKey: waiter)?.resume(throwing: error(for: .timeout))
        }
        if let next { arm(next) }
    }

    private func error(for failure: PoolStateMachine.Failure) -> any Error {
        switch failure {
        case .timeout: PostgresPoolTimeoutError(waited: configuration.poolTimeout)
        case .unavailable(let message):
            PostgresConnectionError(.unavailable, message: "the database is unreachable: \(message)")
        case .shutDown: PostgresConnectionError(.shutDown, message: "the pool is shut down")
        }
    }
}
