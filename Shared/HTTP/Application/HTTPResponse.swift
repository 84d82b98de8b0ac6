import GuichetCore

/// A complete response as a handler returns it: status, header fields and the whole body.
///
/// The server adds `Content-Length`, `Date` and `Connection`; a handler sets what is particular to it.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// Header fields particular to this response.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A response from its parts.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A plain-text (UTF-8) response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    /// A JSON response of already-encoded bytes.
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok, contentType: String = "application/json") -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", contentType)
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }

    /// A JSON response encoding `value` with the house JSON conventions (snake_case keys).
    public static func json<Value: Encodable>(_ value: Value, status: HTTPStatus = .ok) throws -> HTTPResponse {
        json(bytes: try JSONCoding.encode(value), status: status)
    }

    /// An RFC 9457 problem response, rendered in the problem's language.
    public static func problem(_ problem: Problem) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", Problem.mediaType)
        headers.add("Content-Language", problem.language.rawValue)
        return HTTPResponse(status: HTTPStatus(code: problem.status), headers: headers, body: problem.encodedJSON())
    }

    /// An empty response (204 by default).
    public static func empty(status: HTTPStatus = .noContent) -> HTTPResponse {
        HTTPResponse(status: status)
    }
}
