/// The HTTP versions the platform speaks: HTTP/1.0 and HTTP/1.1.
///
/// Anything else is refused by the parser (505 for requests), so a closed set is exact.
public enum HTTPVersion: Hashable, Sendable {
    /// HTTP/1.0: connections close after each message unless `Connection: keep-alive` says otherwise.
    case http1_0
    /// HTTP/1.1: connections persist unless `Connection: close` says otherwise.
    case http1_1

    /// The minor version digit (the major is always 1).
    public var minor: Int {
        switch self {
        case .http1_0: 0
        case .http1_1: 1
        }
    }
}

extension HTTPVersion: CustomStringConvertible {
    /// `HTTP/1.0` or `HTTP/1.1`, as on a start line.
    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
