import GuichetCore
import GuichetIO

/// A server's presence on one event loop: its listening socket (one per loop, sharing the port
/// through `SO_REUSEPORT`) and the connections it accepted. Loop-confined.
final class HTTPServerLoop: Selectable {
    private let loop: EventLoop
    private let server: HTTPServer
    private var listener: Socket?
    private var connections: [ObjectIdentifier: HTTPConnection] = [:]

    init(loop: EventLoop, server: HTTPServer, listener: Socket) {
        self.loop = loop
        self.server = server
        self.listener = listener
    }

    /// Whether the server is draining (responses then close their connection).
    var isDraining: Bool { server.isDraining }

    /// Starts accepting on the loop.
    func start() throws(IOError) {
        guard let listener else { return }
        try loop.register(listener.descriptor, interest: .readable, handler: self)
    }

    func readable() {
        guard let listener else { return }
        // Accept a bounded batch per wake-up so one loop's backlog cannot starve its connections.
        for _ in 0..<64 {
            let accepted: (socket: Socket, peer: SocketAddress?)?
            do {
                accepted = try listener.accept()
            } catch {
                // EMFILE and friends: stop for now; epoll will report the backlog again.
                server.logger.warning("accept failed", ["error": .string(String(describing: error))])
                return
            }
            guard let (socket, peer) = accepted else { return }
            guard server.admitConnection() else {
                refuse(socket)
                continue
            }
            let connection = HTTPConnection(
                socket: socket, peer: peer, loop: loop, owner: self, dispatcher: server.dispatcher,
                configuration: server.configuration)
            do {
                try connection.start()
                connections[ObjectIdentifier(connection)] = connection
            } catch {
                socket.close()
                server.connectionEnded()
            }
        }
    }

    func writable() {}

    /// Answers a connection over the cap with a 503 problem, best effort, and closes it.
    private func refuse(_ socket: Socket) {
        let response = HTTPResponse.problem(Problem(.tooManyConnections))
        var bytes: [UInt8] = []
        HTTPResponseHead(status: response.status, headers: response.headers, keepAlive: false, contentLength: response.body.count)
            .write(into: &bytes)
        bytes.append(contentsOf: response.body)
        _ = bytes.withUnsafeBytes { try? socket.write($0) }
        socket.shutdownWrite()
        socket.close()
    }

    /// Called by a connection once it has closed its socket.
    func connectionClosed(_ connection: HTTPConnection) {
        if connections.removeValue(forKey: ObjectIdentifier(connection)) != nil {
            server.connectionEnded()
        }
    }

    /// Stops accepting and asks every connection to close after its current request.
    func beginDrain() {
        if let listener {
            loop.deregister(listener.descriptor)
            listener.close()
            self.listener = nil
        }
        for connection in Array(connections.values) { connection.drain() }
    }

    /// Closes every connection left, whatever it is doing.
    func closeAll() {
        for connection in Array(connections.values) { connection.close() }
    }
}
