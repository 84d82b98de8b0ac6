/// Why a call to another Guichet service failed.
public enum ServiceCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No token could be obtained: the token endpoint refused the client's credentials (status) or
    /// answered something unreadable.
    case credentialsRefused(status: Int, detail: String)
    /// The call could not be made or did not complete (after the retries allowed).
    case transport(String)

    public var description: String {
        switch self {
        case .credentialsRefused(let status, let detail): "token refused (HTTP \(status)): \(detail)"
        case .transport(let detail): detail
        }
    }
}
