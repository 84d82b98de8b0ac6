/// A complete response received by the HTTP client.
public struct HTTPClientResponse: Sendable {
    /// The parsed head (status, headers, framing).
    public var head: HTTPResponseHead
    /// The whole body.
    public var body: [UInt8]

    /// The status.
    public var status: HTTPStatus { head.status }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
}
