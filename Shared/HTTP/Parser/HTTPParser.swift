internal import CHTTPParser

/// An incremental HTTP/1.x parser for requests (servers) or responses (clients), strict where
/// request smuggling lives.
///
/// Node's http_parser 2.9.4 tokenises each complete message head (start line and header
/// fields); Swift checks the result and owns everything http_parser's Debian build is lenient
/// about: line endings, folding, body framing (`Content-Length`, `chunked`, close-delimited),
/// limits. See `HeadScanner`, `ChunkedBodyDecoder` and `HTTPParser+Validation.swift`.
///
/// ## Feeding
///
/// `feed(_:)` returns one ``HTTPParserEvent`` at a time with the number of bytes it used; the
/// caller feeds the unused rest next time. It never copies body bytes: a body event is a range
/// of the buffer just fed. Call it until it returns no event (all bytes used, more input
/// needed); an empty buffer is a valid input and may still produce `.end`.
///
/// ```swift
/// var rest = buffer[...]                                // bytes read from the socket
/// while true {
///     let step = try parser.feed(UnsafeRawBufferPointer(rebasing: rest))
///     guard let event = step.event else { break }       // rest fully used: read more
///     switch event {
///     case .requestHead(let head): parser.bodyLimit = route(head).bodyLimit
///     case .body(let range): append(rest[rest.startIndex + range.lowerBound ..< rest.startIndex + range.upperBound])
///     case .end: respond()                              // may stop here and resume later
///     case .responseHead: break
///     }
///     rest = rest[(rest.startIndex + step.consumed)...]
/// }
/// ```
///
/// The parser pauses after every event: after a head (route the request, set ``bodyLimit``)
/// and after the end of a message (pipelined requests are taken one at a time: keep the rest
/// until the response is written). Bytes of a head split across calls are kept by the parser
/// (at most ``Limits/maxHeaderBytes``); body bytes never are.
///
/// Upgrade requests are ordinary requests here: http_parser only ever sees one complete head,
/// so its upgrade flag never makes it stop parsing.
///
/// A parser belongs to one connection and is used on that connection's thread only.
public final class HTTPParser {
    /// Whether the parser reads requests (a server) or responses (a client).
    public enum Mode: Sendable {
        /// Parse requests.
        case request
        /// Parse responses.
        case response
    }

    /// Size limits. Defaults suit the platform's APIs.
    public struct Limits: Sendable {
        /// The longest head: start line, header lines and their CRLFs, including empty lines
        /// before the start line. Longer heads fail with ``HTTPParserError/headTooLarge`` (431).
        /// http_parser caps heads at 80 KiB whatever this says.
        public var maxHeaderBytes: Int
        /// The most header fields in a head (``HTTPParserError/tooManyHeaders``, 431).
        public var maxHeaderCount: Int
        /// The body limit each message starts with (see ``HTTPParser/bodyLimit``).
        public var defaultBodyLimit: Int
        /// The most chunk-extension bytes in one chunked message.
        public var maxChunkExtensionBytes: Int
        /// The longest trailer section of a chunked message (trailers are read and ignored).
        public var maxTrailerBytes: Int

        /// Limits, by default 16 KiB of head, 100 fields, 1 MiB of body, 1 KiB of chunk
        /// extensions and 4 KiB of trailers.
        public init(
            maxHeaderBytes: Int = 16_384,
            maxHeaderCount: Int = 100,
            defaultBodyLimit: Int = 1_048_576,
            maxChunkExtensionBytes: Int = 1_024,
            maxTrailerBytes: Int = 4_096
        ) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.defaultBodyLimit = defaultBodyLimit
            self.maxChunkExtensionBytes = maxChunkExtensionBytes
            self.maxTrailerBytes = maxTrailerBytes
        }
    }

    /// A validated head and how its body is delimited.
    struct ParsedHead {
        var event: HTTPParserEvent
        var framing: BodyFraming
    }

    /// How the body of the message being parsed is delimited.
    enum BodyFraming: Equatable {
        case none
        case length(Int)
        case chunked
        case untilClose
    }

    private enum State {
        case head
        case bodyPending(BodyFraming)
        case identity(remaining: Int)
        case chunked(ChunkedBodyDecoder)
        case untilClose(received: Int)
        case complete
        case finished
        case failed(HTTPParserError)
    }

    /// Whether this parser reads requests or responses.
    public let mode: Mode
    /// The size limits.
    public let limits: Limits
    /// The longest body accepted for the current message, declared (`Content-Length`, checked
    /// at the next `feed` after the head) or streamed (chunked or close-delimited, checked as
    /// bytes arrive); beyond it `feed` throws ``HTTPParserError/bodyTooLarge`` (413). Set it
    /// after a head event; it returns to ``Limits/defaultBodyLimit`` for each new message.
    public var bodyLimit: Int

    private var state = State.head
    private var scanner: HeadScanner
    /// The bytes of a head that arrived in several pieces (kept capacity is reused).
    private var pendingHead: [UInt8] = []
    /// Response mode: the next final response answers a HEAD request.
    private var nextResponseHasNoBody = false

    /// The C parser and its callbacks, allocated once: http_parser keeps a pointer back to `self`.
    let cParser: UnsafeMutablePointer<http_parser>
    let cSettings: UnsafeMutablePointer<http_parser_settings>
    /// What the C callbacks report while a head is being tokenised. http_parser's `data` points
    /// here (not at `self`), so callbacks touch no reference count.
    let tokens: UnsafeMutablePointer<HeadTokens>

    /// A parser of requests or responses.
    public init(mode: Mode, limits: Limits = Limits()) {
        self.mode = mode
        self.limits = limits
        bodyLimit = limits.defaultBodyLimit
        scanner = HeadScanner(maxBytes: limits.maxHeaderBytes, maxFields: limits.maxHeaderCount)
        pendingHead.reserveCapacity(1_024)
        cParser = .allocate(capacity: 1)
        cSettings = .allocate(capacity: 1)
        tokens = .allocate(capacity: 1)
        tokens.initialize(to: HeadTokens())
        http_parser_init(cParser, mode == .request ? HTTP_REQUEST : HTTP_RESPONSE)
        Self.installCallbacks(in: cSettings)
        cParser.pointee.data = UnsafeMutableRawPointer(tokens)
    }

    deinit {
        cParser.deallocate()
        cSettings.deallocate()
        tokens.deinitialize(count: 1)
        tokens.deallocate()
    }

    /// Parses the next bytes and returns at most one event, with how many bytes were used.
    ///
    /// Throws when the input is refused; the parser then stays failed (every later call throws
    /// the same error) and the connection must close.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(HTTPParserError) -> Step {
        do {
            return try step(bytes)
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// Response mode: the next response answers a HEAD request, so it has no body whatever its
    /// headers say. Call it before that response's head is parsed.
    public func expectNoBody() {
        precondition(mode == .response, "only responses answer HEAD requests")
        nextResponseHasNoBody = true
    }

    /// Tells the parser the stream ended (the peer closed). Returns `.end` when that completes a
    /// message (a response delimited by the connection closing, or a message whose `.end` was
    /// not yet returned), nil when the stream ended cleanly between messages.
    ///
    /// Throws ``HTTPParserError/unexpectedEndOfStream`` when a message was cut short. The parser
    /// must not be fed after this call.
    @discardableResult
    public func finish() throws(HTTPParserError) -> HTTPParserEvent? {
        switch state {
        case .failed(let error):
            throw error
        case .head where scanner.isAtMessageStart:
            state = .finished
            return nil
        case .untilClose, .complete, .bodyPending(.none), .bodyPending(.untilClose), .bodyPending(.length(0)):
            state = .finished
            return .end
        case .finished:
            return nil
        case .head, .bodyPending, .identity, .chunked:
            state = .failed(.unexpectedEndOfStream)
            throw .unexpectedEndOfStream
        }
    }

    private func step(_ bytes: UnsafeRawBufferPointer) throws(HTTPParserError) -> Step {
        var offset = 0
        while true {
            switch state {
            case .failed(let error):
                throw error

            case .finished:
                preconditionFailure("HTTPParser fed after finish()")

            case .head:
                guard offset < bytes.count else { return Step(consumed: offset, event: nil) }
                let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
                guard let headLength = try scanner.scan(rest) else {
                    pendingHead.append(contentsOf: rest)
                    return Step(consumed: bytes.count, event: nil)
                }
                let head = UnsafeRawBufferPointer(rebasing: rest[..<headLength])
                let parsed: ParsedHead?
                if pendingHead.isEmpty {
                    parsed = try parseHead(head)
                } else {
                    pendingHead.append(contentsOf: head)
                    parsed = try parsePendingHead()
                    pendingHead.removeAll(keepingCapacity: true)
                }
                scanner.reset()
                offset += headLength
                if let parsed {
                    state = .bodyPending(parsed.framing)
                    return Step(consumed: offset, event: parsed.event)
                }
            // nil: an interim (1xx) response was skipped; parse the next head.

            case .bodyPending(let framing):
                switch framing {
                case .none:
                    state = .complete
                case .length(let length):
                    guard length <= bodyLimit else { throw .bodyTooLarge }
                    state = length == 0 ? .complete : .identity(remaining: length)
                case .chunked:
                    state = .chunked(ChunkedBodyDecoder())
                case .untilClose:
                    state = .untilClose(received: 0)
                }

            case .identity(let remaining):
                let count = min(remaining, bytes.count - offset)
                guard count > 0 else { return Step(consumed: offset, event: nil) }
                state = count == remaining ? .complete : .identity(remaining: remaining - count)
                return Step(consumed: offset + count, event: .body(offset..<(offset + count)))

            case .chunked(var decoder):
                let (end, output) = try decoder.decode(bytes, from: offset, bodyLimit: bodyLimit, limits: limits)
                switch output {
                case .data(let range):
                    state = .chunked(decoder)
                    return Step(consumed: end, event: .body(range))
                case .end:
                    startNextMessage()
                    return Step(consumed: end, event: .end)
                case nil:
                    state = .chunked(decoder)
                    return Step(consumed: end, event: nil)
                }

            case .untilClose(let received):
                let count = bytes.count - offset
                guard count > 0 else { return Step(consumed: offset, event: nil) }
                guard count <= bodyLimit - received else { throw .bodyTooLarge }
                state = .untilClose(received: received + count)
                return Step(consumed: bytes.count, event: .body(offset..<bytes.count))

            case .complete:
                startNextMessage()
                return Step(consumed: offset, event: .end)
            }
        }
    }

    /// Parses a head that arrived in several pieces, from `pendingHead`.
    private func parsePendingHead() throws(HTTPParserError) -> ParsedHead? {
        var result: Result<ParsedHead?, HTTPParserError> = .success(nil)
        pendingHead.withUnsafeBytes { whole in
            do throws(HTTPParserError) {
                result = .success(try parseHead(whole))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private func startNextMessage() {
        state = .head
        bodyLimit = limits.defaultBodyLimit
    }

    /// Response mode: takes the "answers a HEAD request" mark for the final response just parsed.
    func takeNoBodyExpectation() -> Bool {
        defer { nextResponseHasNoBody = false }
        return nextResponseHasNoBody
    }
}

@available(*, unavailable, message: "an HTTPParser belongs to one connection's thread")
extension HTTPParser: Sendable {}
