import GuichetIO

/// One keep-alive connection to an upstream, on one loop: sends a request rebuilt from parsed
/// fields, parses the response with the same strict parser the server uses (in response mode),
/// and watches itself while idle so a connection the upstream closed is dropped before reuse.
///
/// Loop-confined; used by one request at a time.
final class HTTPClientConnection: Selectable {
    enum State {
        case connecting
        case idle
        case active
        case closed
    }

    let upstream: Upstream
    let loop: EventLoop
    private let socket: Socket
    private let parser: HTTPParser
    private let maximumBodyBytes: Int
    private(set) var state: State = .connecting
    /// Whether the connection has carried a request before (a reused connection may have been
    /// closed by the upstream just before the request went out).
    private(set) var hasBeenUsed = false
    /// Whether any byte of the current response has arrived.
    private(set) var receivedResponseBytes = false
    private var connectContinuation: CheckedContinuation<Void, any Error>?
    private var responseContinuation: CheckedContinuation<HTTPClientResponse, any Error>?
    private var responseHead: HTTPResponseHead?
    private var responseBody: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 16_384)
    private var output: [UInt8] = []
    private var outputStart = 0
    private var timer: TimerID?
    private var interest: SelectorInterest = .writable
    /// Called once when the connection closes, so the pool can forget it.
    var onClose: ((HTTPClientConnection) -> Void)?

    private init(socket: Socket, upstream: Upstream, loop: EventLoop, limits: HTTPParser.Limits) {
        self.socket = socket
        self.upstream = upstream
        self.loop = loop
        self.maximumBodyBytes = limits.defaultBodyLimit
        self.parser = HTTPParser(mode: .response, limits: limits)
    }

    /// Opens a connection to `address` within `timeout`.
    static func connect(
        to address: SocketAddress, upstream: Upstream, loop: EventLoop, limits: HTTPParser.Limits, timeout: Duration
    ) async throws(HTTPClientError) -> HTTPClientConnection {
        loop.preconditionInEventLoop()
        let socket: Socket
        let connected: Bool
        do {
            (socket, connected) = try Socket.connect(to: address)
        } catch {
            throw .connectFailed(error.description)
        }
        let connection = HTTPClientConnection(socket: socket, upstream: upstream, loop: loop, limits: limits)
        do {
            try loop.register(socket.descriptor, interest: connected ? .readable : .writable, handler: connection)
        } catch {
            socket.close()
            throw .connectFailed(error.description)
        }
        if connected {
            connection.state = .idle
            connection.interest = .readable
            return connection
        }
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                connection.connectContinuation = continuation
                connection.timer = loop.scheduleTimer(after: timeout) { [weak connection] in
                    connection?.fail(.timedOut)
                }
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw .connectFailed(String(describing: error))
        }
        return connection
    }

    /// Sends a request and waits for its complete response (at most `timeout`).
    func send(_ head: HTTPRequestHead, body: [UInt8], timeout: Duration) async throws(HTTPClientError) -> HTTPClientResponse {
        loop.preconditionInEventLoop()
        precondition(state == .idle, "a client connection carries one request at a time")
        state = .active
        hasBeenUsed = true
        receivedResponseBytes = false
        responseHead = nil
        responseBody = []
        if head.method == .head { parser.expectNoBody() }
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        head.write(into: &output)
        output.append(contentsOf: body)
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPClientResponse, any Error>) in
                responseContinuation = continuation
                timer = loop.scheduleTimer(after: timeout) { [weak self] in self?.fail(.timedOut) }
                flush()
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw .connectionClosed
        }
    }

    // MARK: Events

    func writable() {
        switch state {
        case .connecting:
            do {
                try socket.finishConnect()
            } catch {
                fail(.connectFailed(error.description))
                return
            }
            state = .idle
            cancelTimer()
            setInterest(.readable)
            let continuation = connectContinuation
            connectContinuation = nil
            continuation?.resume()
        case .active:
            flush()
        case .idle, .closed:
            break
        }
    }

    func readable() {
        guard state == .active || state == .idle else { return }
        let result: Socket.ReadResult
        do {
            result = try buffer.withUnsafeMutableBytes { bytes throws(IOError) in try socket.read(into: bytes) }
        } catch {
            fail(.connectionClosed)
            return
        }
        switch result {
        case .wouldBlock:
            return
        case .endOfFile:
            guard state == .active else {
                close()
                return
            }
            do throws(HTTPParserError) {
                if case .end? = try parser.finish() {
                    complete()
                    return
                }
                fail(.connectionClosed)
            } catch {
                fail(receivedResponseBytes ? .invalidResponse(error) : .connectionClosed)
            }
        case .bytes(let count):
            guard state == .active else {
                // An idle connection must stay silent; anything else is out of step.
                close()
                return
            }
            receivedResponseBytes = true
            parse(count: count)
        }
    }

    private func parse(count: Int) {
        var offset = 0
        while true {
            let step: HTTPParser.Step
            do {
                step = try buffer.withUnsafeBytes { bytes throws(HTTPParserError) in
                    try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<count]))
                }
            } catch {
                fail(.invalidResponse(error as? HTTPParserError ?? .unexpectedEndOfStream))
                return
            }
            let base = offset
            offset += step.consumed
            guard let event = step.event else { return }
            switch event {
            case .responseHead(let head):
                responseHead = head
                if let length = head.contentLength, length > maximumBodyBytes {
                    fail(.responseTooLarge)
                    return
                }
            case .body(let range):
                guard responseBody.count + range.count <= maximumBodyBytes else {
                    fail(.responseTooLarge)
                    return
                }
                responseBody.append(contentsOf: buffer[(base + range.lowerBound)..<(base + range.upperBound)])
            case .end:
                if offset < count {
                    // Bytes after the response: the upstream is out of step; finish this one, drop the connection.
                    complete(reusable: false)
                } else {
                    complete()
                }
                return
            case .requestHead:
                fail(.connectionClosed)
                return
            }
        }
    }

    private func complete(reusable: Bool = true) {
        guard let head = responseHead else {
            fail(.connectionClosed)
            return
        }
        cancelTimer()
        let continuation = responseContinuation
        responseContinuation = nil
        if reusable && head.keepAlive {
            state = .idle
        } else {
            close()
        }
        continuation?.resume(returning: HTTPClientResponse(head: head, body: responseBody))
        responseBody = []
    }

    private func flush() {
        while outputStart < output.count {
            let written: Int
            do {
                written = try output.withUnsafeBytes { bytes throws(IOError) in
                    try socket.write(UnsafeRawBufferPointer(rebasing: bytes[outputStart...]))
                }
            } catch {
                fail(.connectionClosed)
                return
            }
            if written == 0 {
                setInterest([.readable, .writable])
                return
            }
            outputStart += written
        }
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        setInterest(.readable)
    }

    // MARK: Failing and closing

    /// Fails whatever is waiting and closes.
    private func fail(_ error: HTTPClientError) {
        let connect = connectContinuation
        let response = responseContinuation
        connectContinuation = nil
        responseContinuation = nil
        close()
        connect?.resume(throwing: error)
        response?.resume(throwing: error)
    }

    /// Closes the connection; waiting calls fail with `connectionClosed`.
    func close() {
        guard state != .closed else { return }
        state = .closed
        cancelTimer()
        loop.deregister(socket.descriptor)
        socket.close()
        let connect = connectContinuation
        let response = responseContinuation
        connectContinuation = nil
        responseContinuation = nil
        connect?.resume(throwing: HTTPClientError.connectionClosed)
        response?.resume(throwing: HTTPClientError.connectionClosed)
        onClose?(self)
        onClose = nil
    }

    private func cancelTimer() {
        if let timer { loop.cancelTimer(timer) }
        timer = nil
    }

    private func setInterest(_ wanted: SelectorInterest) {
        guard wanted != interest, state != .closed else { return }
        interest = wanted
        try? loop.setInterest(wanted, for: socket.descriptor)
    }
}

// Loop confinement: a connection is created, used and closed on its loop only; the pool passes it
// between tasks that run on that same loop (they prefer it as their executor).
extension HTTPClientConnection: @unchecked Sendable {}
