/// The head of an HTTP request: request line and header fields, plus the framing facts the
/// parser derived from them.
///
/// `target` is the raw request target as received (origin-form `/path?query`, or `*`). `path`
/// and `query` are views into it, still percent-encoded: decoding happens per path segment
/// (``Router`` decodes parameters) and per query item (``URLQuery``), because decoding the whole
/// path first would turn `%2F` into a separator.
public struct HTTPRequestHead: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The raw request target (`/v1/demo/complaints?page=2`). Setting it from Swift checks it
    /// like ``init(method:target:version:headers:keepAlive:contentLength:isChunked:)`` does.
    public var target: String {
        didSet {
            precondition(Self.isValidTarget(target), "invalid request target: \(target.debugDescription)")
            queryStart = target.utf8.firstIndex(of: HTTPSyntax.question)
        }
    }
    /// The protocol version of the request.
    public var version: HTTPVersion
    /// The header fields.
    public var headers: HTTPHeaders
    /// Whether the connection may carry another request after this one (version and
    /// `Connection` rules, see ``HTTPHeaders/keepAlive(for:)``).
    public var keepAlive: Bool
    /// The declared body length (`Content-Length`), nil when absent or when the body is chunked.
    public var contentLength: Int?
    /// Whether the body uses the chunked transfer coding.
    public var isChunked: Bool

    private var queryStart: String.Index?

    /// A request head built in Swift (for the HTTP client).
    ///
    /// `target` must be an origin-form target (`/` followed by visible ASCII, no `#`) or `*`:
    /// it is written on the request line as is, so anything else is a programming error.
    /// `keepAlive` defaults to what `version` and the `Connection` header imply.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        keepAlive: Bool? = nil,
        contentLength: Int? = nil,
        isChunked: Bool = false
    ) {
        precondition(Self.isValidTarget(target), "invalid request target: \(target.debugDescription)")
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive ?? headers.keepAlive(for: version)
        self.contentLength = contentLength
        self.isChunked = isChunked
        queryStart = target.utf8.firstIndex(of: HTTPSyntax.question)
    }

    /// A request head whose target the parser already validated.
    init(
        validatedMethod method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders,
        keepAlive: Bool, contentLength: Int?, isChunked: Bool
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive
        self.contentLength = contentLength
        self.isChunked = isChunked
        queryStart = target.utf8.firstIndex(of: HTTPSyntax.question)
    }

    /// The path part of the target, before any `?`, still percent-encoded.
    public var path: Substring {
        target[..<(queryStart ?? target.endIndex)]
    }

    /// The raw query after `?` (percent-encoded, possibly empty), or nil when the target has no `?`.
    public var query: Substring? {
        guard let queryStart else { return nil }
        return target[target.index(after: queryStart)...]
    }

    /// Whether `target` can be written on a request line: `*`, or `/` followed by visible ASCII
    /// without `#`.
    static func isValidTarget(_ target: String) -> Bool {
        if target == "*" { return true }
        guard target.utf8.first == HTTPSyntax.slash else { return false }
        return target.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") }
    }
}
