/// A server the HTTP client calls: `http://host:port`, from a configured URL.
///
/// Only plain HTTP: upstreams are Guichet's own services on loopback or a private network.
public struct Upstream: Hashable, Sendable, CustomStringConvertible {
    /// The host name or numeric address.
    public let host: String
    /// The port.
    public let port: UInt16

    /// An upstream from its parts.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `http://host[:port]` (a trailing `/` is allowed; a path, query or userinfo is not).
    public init?(url: String) {
        guard url.hasPrefix("http://") else { return nil }
        var rest = Substring(url.dropFirst("http://".count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("?"), !rest.contains("#")
        else { return nil }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let address = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard let port = Self.port(after, default: 80) else { return nil }
            self.init(host: String(address), port: port)
            return
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else { return nil }
        guard let port = parts.count == 2 ? UInt16(parts[1]) : 80, port > 0 else { return nil }
        self.init(host: String(parts[0]), port: port)
    }

    private static func port(_ text: Substring, default defaultPort: UInt16) -> UInt16? {
        if text.isEmpty { return defaultPort }
        guard text.hasPrefix(":"), let port = UInt16(text.dropFirst()), port > 0 else { return nil }
        return port
    }

    /// The value of the `Host` header for this upstream.
    public var hostHeader: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return port == 80 ? host : "\(host):\(port)"
    }

    public var description: String { "http://\(hostHeader)" }
}
