import GuichetIO

/// The logic of one event loop's connection pool, as a value type with no I/O and an injected
/// clock: each event returns what the pool must do. Connections and waiters are plain numbers; the
/// owner maps them to objects.
///
/// ```
///   lease ──▶ idle connection? ──yes──▶ .lease
///               │ no
///               ▼
///   server known unreachable and no attempt due? ──yes──▶ .fail(.unavailable)   (fail fast)
///               │ no
///               ▼
///   queue the waiter (FIFO, deadline = now + timeout); start a connection if below the bound
///   and fewer attempts are running than waiters; arm the timer for the head's deadline
/// ```
/// A failed connection attempt starts an exponential back-off (bounded) and, when no other attempt
/// is running, fails every waiter with `.unavailable`; the first lease after the back-off tries
/// again, and the first success clears it.
struct PoolStateMachine {
    typealias ConnectionID = Int
    typealias WaiterID = Int

    /// The pool's bounds.
    struct Configuration: Sendable {
        /// The most connections open or opening at once.
        var maxConnections: Int
        /// How long a lease may wait for a connection.
        var waitTimeout: Duration
        /// The back-off after the first failed connection attempt, doubled for each further failure…
        var initialBackoff: Duration
        /// …up to this.
        var maximumBackoff: Duration
    }

    /// Why a lease failed.
    enum Failure: Equatable {
        /// No connection became free before the waiter's deadline.
        case timeout
        /// The server cannot be reached (the message of the last failed attempt).
        case unavailable(String)
        /// The pool is shutting down.
        case shutDown
    }

    /// What to do with a lease request.
    enum LeaseAction: Equatable {
        /// Hand over this idle connection.
        case lease(ConnectionID)
        /// The waiter is queued; start `createConnection` if given; arm the timer for `armTimer` if
        /// given (the queue was empty).
        case wait(createConnection: ConnectionID?, armTimer: Deadline?)
        /// Fail the request at once.
        case fail(Failure)
    }

    /// What to do with a connection that came back, or was just opened.
    enum ConnectionAction: Equatable {
        /// Nothing: the connection is parked idle, or was dropped.
        case none
        /// Hand the connection to the waiter (it leaves the queue).
        case lease(ConnectionID, to: WaiterID)
        /// Close the connection (the pool is shutting down).
        case close(ConnectionID)
        /// The dropped connection leaves waiters behind: open a replacement.
        case createConnection(ConnectionID)
    }

    private struct Waiter {
        var id: WaiterID
        var deadline: Deadline
    }

    let configuration: Configuration
    private var idle: [ConnectionID] = []
    private var waiters = FIFOQueue<Waiter>()
    private var leased = 0
    private var connecting = 0
    private var nextConnectionID = 0
    private var consecutiveFailures = 0
    private var retryAt: Deadline?
    private var lastConnectError: String?
    private(set) var isShuttingDown = false
    private(set) var statistics = PostgresPool.Statistics()

    init(configuration: Configuration) {
        precondition(configuration.maxConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
    }

    /// Whether a shut-down pool has closed every connection.
    var isDrained: Bool { isShuttingDown && idle.isEmpty && leased == 0 && connecting == 0 }

    /// Whether the last connection attempt failed (the server is believed unreachable).
    var isUnavailable: Bool { lastConnectError != nil }

    private var openOrOpening: Int { idle.count + leased + connecting }

    // MARK: Events

    /// A caller wants a connection.
    mutating func leaseRequested(_ waiter: WaiterID, now: Deadline) -> LeaseAction {
        if isShuttingDown { return .fail(.shutDown) }
        if let connection = idle.popLast() {
            leased += 1
            statistics.leases += 1
            return .lease(connection)
        }
        var create: ConnectionID?
        if let lastConnectError, connecting == 0 {
            // The server was unreachable at the last attempt: try again once the back-off is over,
            // otherwise fail at once instead of making the caller wait for the full timeout.
            guard let retryAt, now >= retryAt, openOrOpening < configuration.maxConnections else {
                statistics.unavailableRejections += 1
                return .fail(.unavailable(lastConnectError))
            }
            create = startConnection()
        } else if openOrOpening < configuration.maxConnections, connecting < waiters.count + 1,
            lastConnectError == nil
        {
            create = startConnection()
        }
        let deadline = now + configuration.waitTimeout
        waiters.append(Waiter(id: waiter, deadline: deadline))
        return .wait(createConnection: create, armTimer: waiters.count == 1 ? deadline : nil)
    }

    /// A leased connection came back; `reusable` is false when it broke or was closed.
    mutating func released(_ connection: ConnectionID, reusable: Bool, now: Deadline) -> ConnectionAction {
        precondition(leased > 0, "released a connection that was not leased")
        leased -= 1
        guard reusable else {
            if isShuttingDown || waiters.isEmpty { return .none }
            if lastConnectError != nil, let retryAt, now < retryAt { return .none }
            return .createConnection(startConnection())
        }
        return place(connection)
    }

    /// A connection attempt succeeded.
    mutating func connected(_ connection: ConnectionID) -> ConnectionAction {
        connecting -= 1
        statistics.connectionsOpened += 1
        consecutiveFailures = 0
        retryAt = nil
        lastConnectError = nil
        return place(connection)
    }

    /// A connection attempt failed with `message`; returns the waiters to fail with `.unavailable`.
    mutating func connectFailed(_ message: String, now: Deadline) -> [WaiterID] {
        connecting -= 1
        statistics.connectFailures += 1
        consecutiveFailures += 1
        lastConnectError = message
        retryAt = now + backoff(afterFailures: consecutiveFailures)
        guard connecting == 0, !isShuttingDown else { return [] }
        var failed: [WaiterID] = []
        while let waiter = waiters.popFirst() { failed.append(waiter.id) }
        statistics.unavailableRejections += failed.count
        return failed
    }

    /// An idle connection broke (the server closed it); returns whether it was idle (and is now
    /// forgotten). A leased one is dropped when it is released.
    mutating func idleConnectionBroke(_ connection: ConnectionID) -> Bool {
        guard let index = idle.firstIndex(of: connection) else { return false }
        idle.remove(at: index)
        return true
    }

    /// The timer fired: fails the waiters whose deadline passed; returns them and the deadline to
    /// arm the timer for next, if any waiter remains.
    mutating func timerFired(now: Deadline) -> (timedOut: [WaiterID], nextDeadline: Deadline?) {
        var expired: [WaiterID] = []
        while let head = waiters.first, head.deadline <= now {
            _ = waiters.popFirst()
            expired.append(head.id)
        }
        statistics.timeouts += expired.count
        return (expired, waiters.first?.deadline)
    }

    /// Starts shutting down: returns the idle connections to close and the waiters to fail. Leased
    /// connections are closed as they come back, opening ones as they open.
    mutating func shutDown() -> (close: [ConnectionID], fail: [WaiterID]) {
        isShuttingDown = true
        let closing = idle
        idle.removeAll()
        var failed: [WaiterID] = []
        while let waiter = waiters.popFirst() { failed.append(waiter.id) }
        return (closing, failed)
    }

    /// The current gauges with the running totals.
    func currentStatistics() -> PostgresPool.Statistics {
        var snapshot = statistics
        snapshot.inUse = leased
        snapshot.idle = idle.count
        snapshot.connecting = connecting
        snapshot.waiting = waiters.count
        return snapshot
    }

    /// The back-off after `failures` consecutive failed attempts: doubling, bounded.
    func backoff(afterFailures failures: Int) -> Duration {
        let initial = configuration.initialBackoff.nanosecondsClamped
        let maximum = configuration.maximumBackoff.nanosecondsClamped
        let shift = min(max(failures - 1, 0), 30)
        let (scaled, overflow) = initial.multipliedReportingOverflow(by: Int64(1) << shift)
        return .nanoseconds(overflow ? maximum : min(scaled, maximum))
    }

    // MARK: Helpers

    private mutating func startConnection() -> ConnectionID {
        connecting += 1
        nextConnectionID += 1
        return nextConnectionID
    }

    private mutating func place(_ connection: ConnectionID) -> ConnectionAction {
        if isShuttingDown { return .close(connection) }
        if let waiter = waiters.popFirst() {
            leased += 1
            statistics.leases += 1
            return .lease(connection, to: waiter.id)
        }
        idle.append(connection)
        return .none
    }
}

/// A first-in first-out queue on an array with a moving head (amortized O(1) at both ends).
struct FIFOQueue<Element> {
    private var storage: [Element] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }
    var first: Element? { isEmpty ? nil : storage[head] }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }
}
