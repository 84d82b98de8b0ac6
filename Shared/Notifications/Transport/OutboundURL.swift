/// An `http://` or `https://` URL an outbound call goes to (a webhook endpoint, an SMS provider):
/// scheme, host, port and request target. User information (`user:pass@`) is refused: credentials
/// travel in headers, never in URLs that end up in logs.
public struct OutboundURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// The host name or address (without IPv6 brackets).
    public let host: String
    /// The port (80 or 443 when the URL names none).
    public let port: UInt16
    /// The path and query (`/hooks/guichet?x=1`), `/` at least.
    public let target: String

    /// Parses `text`; nil unless it is an absolute http(s) URL with a host and no user
    /// information, spaces or control characters (a fragment is dropped).
    public init?(_ text: String) {
        guard text.utf8.count <= 2000, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        let lowered = text.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") { scheme = "https" } else if lowered.hasPrefix("http://") { scheme = "http" } else { return nil }
        var rest = Substring(text.dropFirst(scheme.count + 3))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return nil }
            host = parts[0]
            if parts.count == 2 { portText = parts[1] }
        }
        guard !host.isEmpty else { return nil }
        let port: UInt16
        if let portText {
            guard let value = UInt16(portText), value > 0 else { return nil }
            port = value
        } else {
            port = scheme == "https" ? 443 : 80
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.target = target
    }

    /// Whether the call is encrypted.
    public var isSecure: Bool { scheme == "https" }

    /// The `Host` header.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String { "\(scheme)://\(hostHeader)\(target)" }
}
