/// Why a conversation with a mail server, an SMS provider or a webhook endpoint failed at the
/// transport level.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name did not resolve, or no address accepted the connection.
    case connectFailed(String)
    /// Every address the name resolved to is refused by the address policy (SSRF guard).
    case addressNotAllowed(String)
    /// No answer within the time allowed.
    case timedOut(String)
    /// The other side closed the connection early.
    case closed
    /// TLS could not be set up (handshake, certificate verification) or broke.
    case tls(String)
    /// A system call failed.
    case io(String)

    public var description: String {
        switch self {
        case .connectFailed(let detail): "connection failed: \(detail)"
        case .addressNotAllowed(let detail): "address not allowed: \(detail)"
        case .timedOut(let stage): "timed out (\(stage))"
        case .closed: "connection closed by the other side"
        case .tls(let detail): "TLS: \(detail)"
        case .io(let detail): detail
        }
    }
}
