/// Why a call through the HTTP client failed. The gateway answers 502 for most, 504 for timeouts.
public enum HTTPClientError: Error, Hashable, Sendable {
    /// The upstream could not be reached (refused, unreachable, name not resolved).
    case connectFailed(String)
    /// No connection within the connect timeout, or no complete response within the request
    /// timeout.
    case timedOut
    /// The connection closed before a complete response arrived.
    case connectionClosed
    /// The response broke HTTP framing or the limits.
    case invalidResponse(HTTPParserError)
    /// The response body exceeded the client's limit.
    case responseTooLarge
    /// The client is shutting down.
    case shutDown
}
