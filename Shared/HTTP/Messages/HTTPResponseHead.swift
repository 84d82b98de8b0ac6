/// The head of an HTTP response: status line and header fields, plus framing.
///
/// When the server sends a response, the framing fields (`contentLength`, `isChunked`,
/// `keepAlive`) decide the `Content-Length`, `Transfer-Encoding` and `Connection` headers that
/// are written; the same-named fields in `headers` are ignored. When the client parses a
/// response, they describe how the parser delimited its body.
public struct HTTPResponseHead: Sendable {
    /// The protocol version of the status line.
    public var version: HTTPVersion
    /// The response status.
    public var status: HTTPStatus
    /// The header fields (other than framing when sending, see the type's discussion).
    public var headers: HTTPHeaders
    /// Whether the connection stays open after this response.
    public var keepAlive: Bool
    /// The body length, or nil for a chunked body, a body delimited by the connection closing,
    /// or no body.
    public var contentLength: Int?
    /// Whether the body uses the chunked transfer coding.
    public var isChunked: Bool

    /// A response head.
    public init(
        status: HTTPStatus,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        keepAlive: Bool = true,
        contentLength: Int? = nil,
        isChunked: Bool = false
    ) {
        self.version = version
        self.status = status
        self.headers = headers
        self.keepAlive = keepAlive
        self.contentLength = contentLength
        self.isChunked = isChunked
    }
}
