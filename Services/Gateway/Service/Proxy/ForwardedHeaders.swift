import GuichetHTTP

/// Which header fields cross the gateway, each way. Requests are rebuilt from parsed fields: the
/// hop-by-hop fields, the client's credentials (already verified here), and anything a client
/// could use to impersonate the gateway are dropped; the gateway then adds its own.
enum ForwardedHeaders {
    /// Fields that describe one connection, not the message (RFC 9110 §7.6.1), plus framing.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "trailers", "transfer-encoding", "upgrade", "content-length", "host",
    ]

    /// Fields only the gateway may set on a request to a service.
    static let gatewayOnly: Set<String> = [
        "authorization", "cookie", "x-guichet-context", "x-request-id", "traceparent", "tracestate", "x-forwarded-for",
        "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-real-ip",
    ]

    /// The client's fields that go on to the service.
    static func request(from headers: HTTPHeaders) -> HTTPHeaders {
        let listed = connectionTokens(headers)
        var forwarded = HTTPHeaders()
        forwarded.reserveCapacity(headers.count + 5)
        for field in headers {
            let name = field.name.lowercased()
            if hopByHop.contains(name) || gatewayOnly.contains(name) || listed.contains(name) { continue }
            forwarded.add(field.name, field.value)
        }
        return forwarded
    }

    /// The service's fields that go back to the client.
    static func response(from headers: HTTPHeaders) -> HTTPHeaders {
        let listed = connectionTokens(headers)
        var forwarded = HTTPHeaders()
        forwarded.reserveCapacity(headers.count)
        for field in headers {
            let name = field.name.lowercased()
            if hopByHop.contains(name) || listed.contains(name) || name == "date" { continue }
            forwarded.add(field.name, field.value)
        }
        return forwarded
    }

    /// The field names a `Connection` header lists (they are hop-by-hop too).
    private static func connectionTokens(_ headers: HTTPHeaders) -> Set<String> {
        var tokens: Set<String> = []
        for value in headers.values(for: "connection") {
            for token in value.split(separator: ",") {
                tokens.insert(token.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        return tokens
    }
}
