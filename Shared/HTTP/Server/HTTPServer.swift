import GuichetCore
import GuichetIO
import Synchronization

/// An HTTP/1.1 server on an event loop group: one listening socket per loop, connections served
/// on the loop that accepted them, handlers run as tasks on that same loop.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 8081), routes: routes, middleware: [logging], group: group, logger: logger)
/// let address = try await server.start()
/// …
/// await server.drain()   // on SIGTERM: finish requests in flight, then close
/// ```
public final class HTTPServer: Sendable {
    /// Limits and timeouts.
    public let configuration: Configuration
    let dispatcher: RequestDispatcher
    let logger: Logger
    private let group: EventLoopGroup
    private let loops: Mutex<[LoopBound<HTTPServerLoop>]> = Mutex([])
    private let openConnections = Atomic<Int>(0)
    private let draining = Atomic<Bool>(false)
    private let boundAddress: Mutex<SocketAddress?> = Mutex(nil)

    /// A server for `routes`, with `middleware` around every request (outermost first), including
    /// those that match no route.
    public init(
        configuration: Configuration, routes: Routes, middleware: [any HTTPMiddleware] = [],
        group: EventLoopGroup, logger: Logger
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.dispatcher = RequestDispatcher(routes: routes, middleware: middleware, logger: logger)
    }

    /// The address the server listens on, once started.
    public var localAddress: SocketAddress? { boundAddress.withLock { $0 } }

    /// The number of open connections.
    public var connectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// Whether a drain has begun.
    public var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Binds one listening socket per loop and starts accepting; returns the bound address (useful
    /// with port 0).
    @discardableResult
    public func start() async throws -> SocketAddress {
        let resolved = try SocketAddress.resolve(configuration.host, port: configuration.port)
        guard var address = resolved.first else { throw IOError("resolve(\(configuration.host))", errorCode: 2) }
        var sockets: [Socket] = []
        do {
            for _ in group.loops {
                let socket = try Socket.listen(on: address, backlog: configuration.backlog, reusePort: true)
                if address.port == 0 { address = try socket.localAddress() }
                sockets.append(socket)
            }
        } catch {
            for socket in sockets { socket.close() }
            throw error
        }
        for (loop, socket) in zip(group.loops, sockets) {
            let bound: LoopBound<HTTPServerLoop> = try await withCheckedThrowingContinuation { continuation in
                loop.execute {
                    let serverLoop = HTTPServerLoop(loop: loop, server: self, listener: socket)
                    do {
                        try serverLoop.start()
                        continuation.resume(returning: LoopBound(serverLoop, loop: loop))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            loops.withLock { $0.append(bound) }
        }
        boundAddress.withLock { $0 = address }
        return address
    }

    /// Stops accepting, lets requests in flight finish (responses then close their connection),
    /// closes idle connections at once, and after the drain timeout closes whatever is left.
    public func drain() async {
        guard !draining.exchange(true, ordering: .sequentiallyConsistent) else { return }
        let loops = self.loops.withLock { $0 }
        for bound in loops {
            bound.loop.execute { bound.value.beginDrain() }
        }
        let deadline = Deadline.after(configuration.drainTimeout)
        while connectionCount > 0 && Deadline.now() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for bound in loops {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                bound.loop.execute {
                    bound.value.closeAll()
                    continuation.resume()
                }
            }
        }
    }

    /// Counts a new connection unless the cap is reached.
    func admitConnection() -> Bool {
        let previous = openConnections.add(1, ordering: .relaxed).oldValue
        if previous >= configuration.maxConnections {
            openConnections.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    /// Uncounts a closed connection.
    func connectionEnded() {
        openConnections.subtract(1, ordering: .relaxed)
    }
}
