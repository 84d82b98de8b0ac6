extension HTTPHeaders {
    /// Whether the `Connection` fields list `option` (ignoring case), e.g. `close` or
    /// `keep-alive`. The fields are comma-separated lists; empty elements are ignored.
    public func connectionOptionsContain(_ option: String) -> Bool {
        for field in self where Self.name(field.name, matches: "connection") {
            if Self.list(field.value, contains: option) {
                return true
            }
        }
        return false
    }

    /// Whether a connection stays open after a message with these headers, by the rules of
    /// RFC 9112, section 9.3: HTTP/1.1 persists unless `close` is listed, HTTP/1.0 closes unless
    /// `keep-alive` is listed (and `close` is not).
    public func keepAlive(for version: HTTPVersion) -> Bool {
        var close = false
        var keepAlive = false
        for field in self where Self.name(field.name, matches: "connection") {
            close = close || Self.list(field.value, contains: "close")
            keepAlive = keepAlive || Self.list(field.value, contains: "keep-alive")
        }
        switch version {
        case .http1_1: return !close
        case .http1_0: return keepAlive && !close
        }
    }

    /// Whether a comma-separated list value holds `element` (ignoring case and OWS).
    static func list(_ value: String, contains element: String) -> Bool {
        var utf8 = value.utf8[...]
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: HTTPSyntax.comma) ?? utf8.endIndex
            var item = utf8[utf8.startIndex..<end]
            while let first = item.first, HTTPSyntax.isWhitespace(first) { item = item.dropFirst() }
            while let last = item.last, HTTPSyntax.isWhitespace(last) { item = item.dropLast() }
            if HTTPSyntax.equalsIgnoringCase(item, element.utf8) {
                return true
            }
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
        }
        return false
    }
}
