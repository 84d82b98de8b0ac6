import Glibc
import GuichetIO
import Synchronization
import Testing

/// Accepts one connection and echoes what it reads, all on the loop.
private final class EchoListener: Selectable {
    let loop: EventLoop
    let listener: Socket
    var connections: [Int32: EchoConnection] = [:]

    init(loop: EventLoop, listener: Socket) {
        self.loop = loop
        self.listener = listener
    }

    func readable() {
        while let (socket, _) = try? listener.accept() {
            let connection = EchoConnection(loop: loop, socket: socket)
            connections[socket.descriptor] = connection
            try? loop.register(socket.descriptor, interest: .readable, handler: connection)
        }
    }

    func writable() {}
}

private final class EchoConnection: Selectable {
    let loop: EventLoop
    let socket: Socket

    init(loop: EventLoop, socket: Socket) {
        self.loop = loop
        self.socket = socket
    }

    func readable() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let result = buffer.withUnsafeMutableBytes { try? socket.read(into: $0) }
        switch result {
        case .bytes(let count):
            _ = buffer.withUnsafeBytes { try? socket.write(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        case .endOfFile, nil:
            loop.deregister(socket.descriptor)
            socket.close()
        case .wouldBlock:
            break
        }
    }

    func writable() {}
}

@Suite("Sockets")
struct SocketTests {
    @Test("a loop serves an echo over loopback TCP")
    func echo() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let address = try #require(SocketAddress(numericHost: "127.0.0.1", port: 0))
        let listener = try Socket.listen(on: address, reusePort: false)
        defer { listener.close() }
        let port = try listener.localAddress().port
        loop.execute {
            let echo = EchoListener(loop: loop, listener: listener)
            try? loop.register(listener.descriptor, interest: .readable, handler: echo)
        }

        // A blocking client on this thread.
        let (client, connected) = try Socket.connect(to: try #require(SocketAddress(numericHost: "127.0.0.1", port: port)))
        defer { client.close() }
        if !connected {
            var descriptor = pollfd(fd: client.descriptor, events: Int16(POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 5000)
            try client.finishConnect()
        }
        let message = Array("bonjour — مرحبا".utf8)
        _ = message.withUnsafeBytes { try? client.write($0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while received.count < message.count {
            var descriptor = pollfd(fd: client.descriptor, events: Int16(POLLIN), revents: 0)
            #expect(poll(&descriptor, 1, 5000) == 1)
            let result = try buffer.withUnsafeMutableBytes { try client.read(into: $0) }
            guard case .bytes(let count) = result else { break }
            received += buffer.prefix(count)
        }
        #expect(received == message)
        await withCheckedContinuation { continuation in
            loop.execute {
                loop.deregister(listener.descriptor)
                continuation.resume()
            }
        }
    }

    @Test("numeric addresses parse and print")
    func addresses() throws {
        #expect(SocketAddress(numericHost: "127.0.0.1", port: 80)?.description == "127.0.0.1:80")
        #expect(SocketAddress(numericHost: "::1", port: 443)?.description == "[::1]:443")
        #expect(SocketAddress(numericHost: "localhost", port: 1) == nil)
        #expect(SocketAddress(numericHost: "999.1.1.1", port: 1) == nil)
        let resolved = try SocketAddress.resolve("localhost", port: 5432)
        #expect(!resolved.isEmpty)
    }
}
