import GuichetIO
@testable import GuichetPostgres
import Testing

@Suite("Pool state machine (no I/O, injected clock)")
struct PoolStateMachineTests {
    static func machine(max: Int = 2) -> PoolStateMachine {
        PoolStateMachine(configuration: .init(
            maxConnections: max, waitTimeout: .seconds(5),
            initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1)))
    }

    static let start = Deadline(nanoseconds: 1_000_000_000_000)

    @Test("connections open lazily up to the bound; an idle one is leased without waiting")
    func lazyCreation() {
        var pool = Self.machine(max: 2)
        let now = Self.start
        #expect(pool.leaseRequested(1, now: now) == .wait(createConnection: 1, armTimer: now + .seconds(5)))
        #expect(pool.connected(1) == .lease(1, to: 1))
        #expect(pool.leaseRequested(2, now: now) == .wait(createConnection: 2, armTimer: now + .seconds(5)))
        // The bound is reached: a third waiter queues without a new connection.
        #expect(pool.leaseRequested(3, now: now) == .wait(createConnection: nil, armTimer: nil))
        #expect(pool.connected(2) == .lease(2, to: 2))
        #expect(pool.released(1, reusable: true, now: now) == .lease(1, to: 3))
        #expect(pool.released(1, reusable: true, now: now) == .none)
        #expect(pool.leaseRequested(4, now: now) == .lease(1))
        let statistics = pool.currentStatistics()
        #expect(statistics.inUse == 2)
        #expect(statistics.leases == 4)
        #expect(statistics.connectionsOpened == 2)
    }

    @Test("waiters are served first in, first out")
    func fifo() {
        var pool = Self.machine(max: 1)
        let now = Self.start
        _ = pool.leaseRequested(1, now: now)
        _ = pool.connected(1)  // leased to 1
        for waiter in 2...5 { _ = pool.leaseRequested(waiter, now: now + .milliseconds(waiter)) }
        var order: [Int] = []
        for _ in 2...5 {
            guard case .lease(1, let waiter) = pool.released(1, reusable: true, now: now) else {
                Issue.record("expected a lease")
                return
            }
            order.append(waiter)
        }
        #expect(order == [2, 3, 4, 5])
    }

    @Test("a waiter whose deadline passes times out; the next deadline is returned")
    func timeouts() {
        var pool = Self.machine(max: 1)
        let now = Self.start
        _ = pool.leaseRequested(1, now: now)
        _ = pool.connected(1)
        _ = pool.leaseRequested(2, now: now)
        _ = pool.leaseRequested(3, now: now + .seconds(1))
        let early = pool.timerFired(now: now + .seconds(4))
        #expect(early.timedOut.isEmpty)
        #expect(early.nextDeadline == now + .seconds(5))
        let first = pool.timerFired(now: now + .seconds(5))
        #expect(first.timedOut == [2])
        #expect(first.nextDeadline == now + .seconds(6))
        let second = pool.timerFired(now: now + .seconds(6))
        #expect(second.timedOut == [3])
        #expect(second.nextDeadline == nil)
        #expect(pool.currentStatistics().timeouts == 2)
        #expect(pool.released(1, reusable: true, now: now + .seconds(7)) == .none)
    }

    @Test("a failed attempt fails the waiters at once, later calls fail fast until the back-off ends")
    func unavailable() {
        var pool = Self.machine(max: 2)
        let now = Self.start
        _ = pool.leaseRequested(1, now: now)
        _ = pool.leaseRequested(2, now: now)  // two attempts running
        #expect(pool.connectFailed("refused", now: now).isEmpty)  // one attempt still running
        #expect(pool.connectFailed("refused", now: now) == [1, 2])
        #expect(pool.isUnavailable)
        // Back-off after two failures: 200 ms.
        #expect(pool.leaseRequested(3, now: now + .milliseconds(199)) == .fail(.unavailable("refused")))
        guard case .wait(let attempt?, _) = pool.leaseRequested(4, now: now + .milliseconds(200)) else {
            Issue.record("expected a new attempt after the back-off")
            return
        }
        // While that attempt runs, others queue behind it rather than failing.
        #expect(pool.leaseRequested(5, now: now + .milliseconds(201)) == .wait(createConnection: nil, armTimer: nil))
        // The server is back: the pool recovers.
        #expect(pool.connected(attempt) == .lease(attempt, to: 4))
        #expect(!pool.isUnavailable)
        #expect(pool.released(attempt, reusable: true, now: now + .seconds(1)) == .lease(attempt, to: 5))
        let statistics = pool.currentStatistics()
        #expect(statistics.connectFailures == 2)
        #expect(statistics.unavailableRejections == 3)
    }

    @Test("the back-off doubles and is bounded")
    func backoff() {
        let pool = Self.machine()
        #expect(pool.backoff(afterFailures: 1) == .milliseconds(100))
        #expect(pool.backoff(afterFailures: 2) == .milliseconds(200))
        #expect(pool.backoff(afterFailures: 4) == .milliseconds(800))
        #expect(pool.backoff(afterFailures: 5) == .seconds(1))
        #expect(pool.backoff(afterFailures: 500) == .seconds(1))
    }

    @Test("a broken connection is dropped and replaced for a waiter; a broken idle one is forgotten")
    func brokenConnections() {
        var pool = Self.machine(max: 1)
        let now = Self.start
        _ = pool.leaseRequested(1, now: now)
        _ = pool.connected(1)
        _ = pool.leaseRequested(2, now: now)
        #expect(pool.released(1, reusable: false, now: now) == .createConnection(2))
        #expect(pool.connected(2) == .lease(2, to: 2))
        #expect(pool.released(2, reusable: true, now: now) == .none)
        let wasIdle = pool.idleConnectionBroke(2)
        let wasIdleAgain = pool.idleConnectionBroke(2)
        #expect(wasIdle)
        #expect(!wasIdleAgain)
        #expect(pool.currentStatistics().idle == 0)
        #expect(pool.leaseRequested(3, now: now) == .wait(createConnection: 3, armTimer: now + .seconds(5)))
    }

    @Test("shutting down fails waiters, closes idle connections now and leased ones on release")
    func shutdown() {
        var pool = Self.machine(max: 2)
        let now = Self.start
        _ = pool.leaseRequested(1, now: now)
        _ = pool.leaseRequested(2, now: now)
        _ = pool.connected(1)
        _ = pool.connected(2)
        _ = pool.released(2, reusable: true, now: now)
        _ = pool.leaseRequested(3, now: now)  // gets 2
        _ = pool.released(2, reusable: true, now: now)
        let (close, fail) = pool.shutDown()
        #expect(close == [2])
        #expect(fail.isEmpty)
        #expect(!pool.isDrained)
        #expect(pool.leaseRequested(4, now: now) == .fail(.shutDown))
        #expect(pool.released(1, reusable: true, now: now) == .close(1))
        #expect(pool.isDrained)
    }
}

extension PoolStateMachine.LeaseAction: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}
