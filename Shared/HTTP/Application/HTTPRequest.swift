/// A complete request as a handler sees it: the parsed head and the whole body.
///
/// The body was read within the route's body limit before the handler was called.
public struct HTTPRequest: Sendable {
    /// The request line and header fields.
    public var head: HTTPRequestHead
    /// The body bytes (empty when there was none).
    public var body: [UInt8]

    /// A request from its parts.
    public init(head: HTTPRequestHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    /// The request method.
    public var method: HTTPMethod { head.method }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The path, percent-encoded as received, without the query.
    public var path: Substring { head.path }

    /// The query parameters, percent-decoded; an invalid query reads as empty here (use
    /// `URLQuery(parsing:)` directly to reject it).
    public var query: URLQuery {
        guard let raw = head.query, let query = try? URLQuery(parsing: raw) else { return Self.emptyQuery }
        return query
    }

    // Parsing an empty string cannot fail.
    private static let emptyQuery = try! URLQuery(parsing: "")
}
