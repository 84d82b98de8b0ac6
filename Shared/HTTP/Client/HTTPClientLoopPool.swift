import GuichetIO

/// The HTTP client's connections on one loop: idle keep-alive connections per upstream (most
/// recently used first), a cap on open connections per upstream, and a FIFO of calls waiting for
/// one when the cap is reached.
///
/// Loop-confined: every method checks it runs on its loop.
final class HTTPClientLoopPool {
    private let loop: EventLoop
    private let configuration: HTTPClient.Configuration
    private var idle: [Upstream: [(connection: HTTPClientConnection, since: Deadline)]] = [:]
    private var open: [Upstream: Int] = [:]
    private var waiters: [Upstream: [Waiter]] = [:]
    private var nextWaiterID = 0
    private var sweeping = false

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, Never>
        let timer: TimerID
    }

    /// What a waiting call is given.
    private enum Grant {
        /// A released connection.
        case connection(HTTPClientConnection)
        /// A free slot (already counted): open a connection.
        case slot
        /// Nothing before the deadline.
        case timedOut
    }

    init(loop: EventLoop, configuration: HTTPClient.Configuration) {
        self.loop = loop
        self.configuration = configuration
    }

    /// An idle connection to `upstream`, or nil when a new one may be opened (counted now), or —
    /// at the cap — the next released connection, waiting until `deadline`.
    func lease(_ upstream: Upstream, deadline: Deadline) async throws(HTTPClientError) -> HTTPClientConnection? {
        loop.preconditionInEventLoop()
        while var list = idle[upstream], let (connection, _) = list.popLast() {
            idle[upstream] = list
            if connection.state == .idle { return connection }
        }
        if open[upstream, default: 0] < configuration.maxConnectionsPerUpstream {
            open[upstream, default: 0] += 1
            return nil
        }
        nextWaiterID += 1
        let id = nextWaiterID
        let grant = await withCheckedContinuation { (continuation: CheckedContinuation<Grant, Never>) in
            let timer = loop.scheduleTimer(at: deadline) { [weak self] in self?.expireWaiter(id, upstream: upstream) }
            waiters[upstream, default: []].append(Waiter(id: id, continuation: continuation, timer: timer))
        }
        switch grant {
        case .connection(let connection): return connection
        case .slot: return nil
        case .timedOut: throw .timedOut
        }
    }

    /// A new connection opened for a lease that got nil: the pool tracks it from now on.
    func adopt(_ connection: HTTPClientConnection) {
        connection.onClose = { [weak self] connection in self?.closed(connection) }
    }

    /// A lease that got nil failed to open its connection.
    func openFailed(_ upstream: Upstream) {
        open[upstream, default: 1] -= 1
    }

    /// Gives a connection back after a call: to the first waiter, to the idle list, or closed.
    func release(_ connection: HTTPClientConnection) {
        loop.preconditionInEventLoop()
        guard connection.state == .idle else {
            connection.close()
            return
        }
        if var queue = waiters[connection.upstream], !queue.isEmpty {
            let waiter = queue.removeFirst()
            waiters[connection.upstream] = queue
            loop.cancelTimer(waiter.timer)
            waiter.continuation.resume(returning: .connection(connection))
            return
        }
        idle[connection.upstream, default: []].append((connection, .now()))
        scheduleSweep()
    }

    private func closed(_ connection: HTTPClientConnection) {
        open[connection.upstream, default: 1] -= 1
        idle[connection.upstream]?.removeAll { $0.connection === connection }
        // A slot freed up: a waiter may open its own connection.
        if var queue = waiters[connection.upstream], !queue.isEmpty {
            let waiter = queue.removeFirst()
            waiters[connection.upstream] = queue
            loop.cancelTimer(waiter.timer)
            open[connection.upstream, default: 0] += 1
            waiter.continuation.resume(returning: .slot)
        }
    }

    private func expireWaiter(_ id: Int, upstream: Upstream) {
        guard var queue = waiters[upstream], let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let waiter = queue.remove(at: index)
        waiters[upstream] = queue
        waiter.continuation.resume(returning: .timedOut)
    }

    private func scheduleSweep() {
        guard !sweeping else { return }
        sweeping = true
        loop.scheduleTimer(after: configuration.idleTimeout / 2) { [weak self] in self?.sweep() }
    }

    /// Closes connections idle for longer than the idle timeout.
    private func sweep() {
        sweeping = false
        let cutoff = Deadline.now() + (.zero - configuration.idleTimeout)
        var remaining = false
        for (upstream, list) in idle {
            let (stale, fresh) = (list.filter { $0.since < cutoff }, list.filter { $0.since >= cutoff })
            idle[upstream] = fresh
            for entry in stale { entry.connection.close() }
            remaining = remaining || !fresh.isEmpty
        }
        if remaining { scheduleSweep() }
    }

    /// Closes every idle connection.
    func closeAll() {
        for (_, list) in idle { for entry in list { entry.connection.close() } }
        idle = [:]
    }
}

// Loop confinement: each pool is created for one loop and every method asserts it runs there.
extension HTTPClientLoopPool: @unchecked Sendable {}
