import GuichetCore
import GuichetIO

/// One accepted TCP connection speaking HTTP/1.1: reads and parses requests, hands each complete
/// request to the dispatcher as a task on this loop, writes the responses in order, and enforces
/// the head, body, idle and write timeouts.
///
/// Loop-confined: created, driven and closed on its loop; the task that runs a handler comes back
/// to the loop (it prefers the loop as its executor) before touching the connection.
final class HTTPConnection: Selectable {
    private let socket: Socket
    private let loop: EventLoop
    private let peer: SocketAddress?
    private unowned let owner: HTTPServerLoop
    private let dispatcher: RequestDispatcher
    private let configuration: HTTPServer.Configuration

    private var machine = HTTPConnectionStateMachine()
    private let parser: HTTPParser

    /// Received bytes; `buffer[parseStart..<bufferEnd]` is not parsed yet.
    private var buffer: [UInt8]
    private var parseStart = 0
    private var bufferEnd = 0
    private var peerHasClosed = false
    private var socketClosed = false
    private var lingering = false

    /// The request being read.
    private var head: HTTPRequestHead?
    private var match: RequestDispatcher.Match?
    private var body: [UInt8] = []

    /// Bytes to send; `output[outputStart...]` is not sent yet.
    private var output: [UInt8] = []
    private var outputStart = 0

    private var interest: SelectorInterest = .readable
    private var deadline: Deadline?
    private var timer: TimerID?
    private var timerDeadline: Deadline?

    private static let initialBufferSize = 16_384

    init(
        socket: Socket, peer: SocketAddress?, loop: EventLoop, owner: HTTPServerLoop,
        dispatcher: RequestDispatcher, configuration: HTTPServer.Configuration
    ) {
        self.socket = socket
        self.peer = peer
        self.loop = loop
        self.owner = owner
        self.dispatcher = dispatcher
        self.configuration = configuration
        self.parser = HTTPParser(
            mode: .request,
            limits: HTTPParser.Limits(
                maxHeaderBytes: configuration.maxHeaderBytes, maxHeaderCount: configuration.maxHeaderCount,
                defaultBodyLimit: configuration.defaultBodyLimit))
        self.buffer = [UInt8](repeating: 0, count: Self.initialBufferSize)
    }

    /// Starts watching the socket; a connection that sends nothing is dropped after the head timeout.
    func start() throws(IOError) {
        try loop.register(socket.descriptor, interest: interest, handler: self)
        setDeadline(.after(configuration.headerTimeout))
    }

    // MARK: Reading

    func readable() {
        if lingering {
            discardInput()
            return
        }
        guard machine.state != .closed else { return }
        if bufferEnd == buffer.count && !makeRoom() {
            updateInterest()
            return
        }
        let result: Socket.ReadResult
        do {
            result = try buffer.withUnsafeMutableBytes { bytes throws(IOError) in
                try socket.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[bufferEnd...]))
            }
        } catch {
            close()
            return
        }
        switch result {
        case .bytes(let count):
            bufferEnd += count
            process()
        case .wouldBlock:
            return
        case .endOfFile:
            peerHasClosed = true
            switch machine.peerClosed() {
            case .close: close()
            default: updateInterest()
            }
        }
    }

    /// Frees space at the end of the read buffer; false when it is full of unparsed bytes that must
    /// wait (pipelined requests behind a response being made).
    private func makeRoom() -> Bool {
        if parseStart > 0 {
            buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + parseStart, byteCount: bufferEnd - parseStart)
            }
            bufferEnd -= parseStart
            parseStart = 0
            return true
        }
        let ceiling = max(Self.initialBufferSize, configuration.maxHeaderBytes * 2)
        if buffer.count < ceiling {
            buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, ceiling - buffer.count)))
            return true
        }
        return false
    }

    /// Parses what is buffered for as long as the connection takes requests.
    private func process() {
        // The parser may still have an event with no new bytes (the end of a bodiless request
        // after its head), so feed until it asks for more input.
        parsing: while true {
            switch machine.state {
            case .awaitingHead(let started):
                guard parseStart < bufferEnd else { break parsing }
                if !started {
                    machine.receivedBytes()
                    setDeadline(.after(configuration.headerTimeout))
                }
            case .readingBody:
                break
            case .responding, .closing, .closed:
                updateInterest()
                return
            }
            let base = parseStart
            let step: HTTPParser.Step
            do {
                step = try buffer.withUnsafeBytes { bytes throws(HTTPParserError) in
                    try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[base..<bufferEnd]))
                }
            } catch {
                reject(status: (error as? HTTPParserError)?.status.code ?? 400)
                return
            }
            parseStart += step.consumed
            switch step.event {
            case nil:
                break parsing
            case .requestHead(let head):
                receivedHead(head)
            case .body(let range):
                body.append(contentsOf: buffer[(base + range.lowerBound)..<(base + range.upperBound)])
            case .end:
                dispatch()
            case .responseHead:
                reject(status: 400)
                return
            }
        }
        if parseStart == bufferEnd {
            parseStart = 0
            bufferEnd = 0
        }
        updateInterest()
    }

    private func receivedHead(_ head: HTTPRequestHead) {
        let match = dispatcher.match(head)
        let bodyLimit = match.bodyLimit ?? configuration.defaultBodyLimit
        if let length = head.contentLength, length > bodyLimit {
            self.head = head
            reject(status: 413)
            return
        }
        let hasBody = head.isChunked || (head.contentLength ?? 0) > 0
        if hasBody, let expectation = head.headers["expect"] {
            guard HTTPSyntax.equalsIgnoringCase(expectation.utf8, "100-continue".utf8) else {
                self.head = head
                reject(status: 417)
                return
            }
            if parseStart == bufferEnd { enqueue(Self.continueResponse) }
        }
        parser.bodyLimit = bodyLimit
        self.head = head
        self.match = match
        body = []
        if hasBody {
            body.reserveCapacity(min(head.contentLength ?? 0, bodyLimit))
            setDeadline(.after(configuration.bodyTimeout))
        }
        _ = machine.receivedHead(keepAlive: head.keepAlive)
    }

    private static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    // MARK: Handling

    private func dispatch() {
        guard machine.receivedEnd() == .dispatch, let head, let match else {
            close()
            return
        }
        setDeadline(nil)
        let request = HTTPRequest(head: head, body: body)
        self.head = nil
        self.match = nil
        body = []
        let context = dispatcher.makeContext(for: head, peer: peer, loop: loop)
        let connection = LoopBound(self, loop: loop)
        let dispatcher = self.dispatcher
        Task(executorPreference: loop) {
            let response = await dispatcher.respond(to: request, match: match, context: context)
            connection.value.send(response, to: request.head)
        }
    }

    // MARK: Writing

    /// Sends the handler's response to `requestHead`.
    private func send(_ response: HTTPResponse, to requestHead: HTTPRequestHead) {
        guard machine.state == .responding else { return }
        if owner.isDraining { _ = machine.drain() }
        let head = HTTPResponseHead(
            status: response.status, version: requestHead.version, headers: response.headers,
            keepAlive: !machine.responseClosesConnection, contentLength: response.body.count)
        if outputStart == output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
        }
        head.write(into: &output)
        if requestHead.method != .head && !response.status.forbidsBody {
            output.append(contentsOf: response.body)
        }
        flush()
    }

    /// Answers an error found by the connection itself, then closes.
    private func reject(status: Int) {
        guard case .rejectAndClose(let code) = machine.failed(status: status) else { return }
        writeRejection(status: code)
    }

    /// Writes the problem for `code` and closes once it is sent (or the write timeout passes).
    private func writeRejection(status code: Int) {
        let language = Language.negotiate(acceptLanguage: head?.headers["accept-language"])
        let response = HTTPResponse.problem(Problem(ProblemKind.forConnectionStatus(code), language: language))
        let head = HTTPResponseHead(
            status: response.status, version: .http1_1, headers: response.headers, keepAlive: false,
            contentLength: response.body.count)
        head.write(into: &output)
        output.append(contentsOf: response.body)
        dispatcher.logRejection(status: code, peer: peer)
        setDeadline(.after(configuration.idleTimeout))
        flush()
    }

    private func enqueue(_ bytes: [UInt8]) {
        output.append(contentsOf: bytes)
        flush(completesResponse: false)
    }

    private func flush(completesResponse: Bool = true) {
        while outputStart < output.count {
            let written: Int
            do {
                written = try output.withUnsafeBytes { bytes throws(IOError) in
                    try socket.write(UnsafeRawBufferPointer(rebasing: bytes[outputStart...]))
                }
            } catch {
                close()
                return
            }
            if written == 0 {
                setDeadline(.after(configuration.idleTimeout))
                updateInterest()
                return
            }
            outputStart += written
        }
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        if completesResponse { responseWritten() } else { updateInterest() }
    }

    func writable() {
        guard machine.state != .closed else { return }
        flush(completesResponse: machine.state == .responding || machine.state == .closing)
    }

    private func responseWritten() {
        let wasRejection = machine.state == .closing
        switch machine.responseWritten() {
        case .readNext:
            setDeadline(.after(configuration.idleTimeout))
            process()
        case .close where wasRejection && !peerHasClosed:
            linger()
        case .close:
            close()
        default:
            updateInterest()
        }
    }

    /// After an error answer, the client may still be sending the rest of a request: closing with
    /// unread bytes would reset the connection and could destroy the answer in flight. Send a FIN,
    /// then read and discard until the client closes, for a short while.
    private func linger() {
        lingering = true
        socket.shutdownWrite()
        deadline = nil
        if let timer { loop.cancelTimer(timer) }
        armTimer(at: .after(Self.lingerTime))
        deadline = timerDeadline
        interest = .readable
        try? loop.setInterest(.readable, for: socket.descriptor)
    }

    private static let lingerTime: Duration = .seconds(2)

    private func discardInput() {
        var scratch = [UInt8](repeating: 0, count: 4096)
        let result = scratch.withUnsafeMutableBytes { try? socket.read(into: $0) }
        switch result {
        case .bytes, .wouldBlock: return
        case .endOfFile, nil: close()
        }
    }

    // MARK: Timeouts, draining, closing

    private func setDeadline(_ newDeadline: Deadline?) {
        deadline = newDeadline
        guard let newDeadline else { return }
        if let timerDeadline, timerDeadline <= newDeadline { return }
        if let timer { loop.cancelTimer(timer) }
        armTimer(at: newDeadline)
    }

    private func armTimer(at when: Deadline) {
        timerDeadline = when
        timer = loop.scheduleTimer(at: when) { [weak self] in self?.timerFired() }
    }

    private func timerFired() {
        timer = nil
        timerDeadline = nil
        if lingering {
            close()
            return
        }
        guard let deadline, machine.state != .closed else { return }
        if Deadline.now() < deadline {
            armTimer(at: deadline)
            return
        }
        self.deadline = nil
        switch machine.timedOut() {
        case .rejectAndClose(let status): writeRejection(status: status)
        case .close: close()
        default: break
        }
    }

    /// The server is draining: an idle connection closes now, a busy one after its response.
    func drain() {
        if lingering || machine.drain() == .close { close() }
    }

    /// Closes the connection now, whatever it was doing.
    func close() {
        machine.closed()
        guard !socketClosed else { return }
        socketClosed = true
        if let timer { loop.cancelTimer(timer) }
        timer = nil
        deadline = nil
        interest = []
        loop.deregister(socket.descriptor)
        socket.close()
        owner.connectionClosed(self)
    }

    private func updateInterest() {
        guard machine.state != .closed else { return }
        var wanted: SelectorInterest = []
        if outputStart < output.count { wanted.insert(.writable) }
        let acceptsInput: Bool
        switch machine.state {
        case .awaitingHead, .readingBody: acceptsInput = true
        case .responding: acceptsInput = bufferEnd < buffer.count || parseStart > 0
        case .closing, .closed: acceptsInput = false
        }
        if acceptsInput && !peerHasClosed { wanted.insert(.readable) }
        guard wanted != interest else { return }
        interest = wanted
        try? loop.setInterest(wanted, for: socket.descriptor)
    }
}
