/// The life of one server connection as a value: which phase it is in, which timeout applies, and
/// what the connection must do next when something happens. Pure, so every path is tested without
/// sockets.
///
/// ```
///            bytes             head                 end
///   idle ──────────▶ head ─────────────▶ body ─────────▶ responding ──written──▶ idle
///                     │                   │                  │        (keep-alive)
///                     └── error / timeout ┴──▶ closing ◀─────┘ written (close)
/// ```
/// Requests on one connection are handled one at a time: pipelined requests wait, parsed, in the
/// read buffer until the previous response is written.
struct HTTPConnectionStateMachine {
    /// Where the connection is.
    enum State: Equatable {
        /// Waiting for a request; `started` once its first byte has arrived.
        case awaitingHead(started: Bool)
        /// Reading the body of a request whose head has been accepted.
        case readingBody
        /// A handler is running or its response is being written.
        case responding
        /// Writing a final response (an error, or the last one) before closing.
        case closing
        case closed
    }

    /// Which timeout runs in the current phase.
    enum Timeout: Equatable {
        case idle, head, body, write
        /// No connection-level timeout: a handler is running (it has its own limits).
        case none
    }

    /// What the connection must do after an event.
    enum Action: Equatable {
        case none
        /// Hand the complete request to the handler.
        case dispatch
        /// Answer `status` (an error found by the connection) and close once it is written.
        case rejectAndClose(status: Int)
        /// Keep reading: parse what is buffered, then the socket.
        case readNext
        /// Close now, with nothing more to write.
        case close
    }

    private(set) var state: State = .awaitingHead(started: false)
    /// Whether the request being handled allows the connection to stay open after its response.
    private(set) var keepAlive = true
    /// Set by a graceful drain or a peer that half-closed: no request after the current one.
    private(set) var closeAfterResponse = false
    /// Requests fully handled on this connection.
    private(set) var requestCount = 0

    /// The timeout of the current phase; `started` heads that arrive on a fresh connection count
    /// from the accept, so a connection that never sends a byte is dropped after the head timeout.
    var timeout: Timeout {
        switch state {
        case .awaitingHead(let started): started || requestCount == 0 ? .head : .idle
        case .readingBody: .body
        case .responding: .none
        case .closing: .write
        case .closed: .none
        }
    }

    /// Bytes of a new request arrived.
    mutating func receivedBytes() {
        if case .awaitingHead(started: false) = state { state = .awaitingHead(started: true) }
    }

    /// A request head was parsed and accepted (a refused head goes through `failed(status:)`).
    /// The body follows (perhaps empty): keep parsing until its end.
    mutating func receivedHead(keepAlive: Bool) -> Action {
        guard case .awaitingHead = state else { return .close }
        self.keepAlive = keepAlive
        state = .readingBody
        return .readNext
    }

    /// The request's end was parsed: dispatch it.
    mutating func receivedEnd() -> Action {
        switch state {
        case .readingBody, .responding:
            state = .responding
            return .dispatch
        default:
            return .close
        }
    }

    /// The request cannot be parsed or is refused: answer `status` and close.
    mutating func failed(status: Int) -> Action {
        switch state {
        case .closing, .closed:
            return .none
        default:
            keepAlive = false
            state = .closing
            return .rejectAndClose(status: status)
        }
    }

    /// The response has been written completely.
    mutating func responseWritten() -> Action {
        switch state {
        case .responding:
            requestCount += 1
            if keepAlive && !closeAfterResponse {
                state = .awaitingHead(started: false)
                return .readNext
            }
            state = .closed
            return .close
        case .closing:
            state = .closed
            return .close
        default:
            return .none
        }
    }

    /// Whether the response being written must tell the client the connection closes.
    var responseClosesConnection: Bool {
        !keepAlive || closeAfterResponse || state == .closing
    }

    /// The phase's timeout expired.
    mutating func timedOut() -> Action {
        switch state {
        case .awaitingHead(started: true), .readingBody:
            return failed(status: 408)
        case .awaitingHead(started: false):
            state = .closed
            return .close
        case .closing:
            state = .closed
            return .close
        case .responding, .closed:
            return .none
        }
    }

    /// The peer closed its sending side. A request being answered still gets its response.
    mutating func peerClosed() -> Action {
        switch state {
        case .responding:
            closeAfterResponse = true
            return .none
        case .closing:
            return .none
        case .closed:
            return .none
        case .awaitingHead, .readingBody:
            state = .closed
            return .close
        }
    }

    /// The server is draining: idle connections close now, busy ones after their response.
    mutating func drain() -> Action {
        closeAfterResponse = true
        switch state {
        case .awaitingHead(started: false):
            state = .closed
            return .close
        default:
            return .none
        }
    }

    /// The connection was closed (by an I/O error or by its owner).
    mutating func closed() {
        state = .closed
    }
}
