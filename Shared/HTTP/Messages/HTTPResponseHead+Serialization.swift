import GuichetCore
extension HTTPResponseHead {
    /// Appends the head to `buffer`, ready to send: status line, `headers`, the framing headers
    /// and the blank line.
    ///
    /// - `Content-Length`, `Transfer-Encoding` and `Connection` come from the framing fields, and
    ///   any fields of those names in `headers` are skipped. A response that may have a body gets
    ///   `Transfer-Encoding: chunked` when `isChunked`, else `Content-Length` (0 when
    ///   `contentLength` is nil), so a body is never delimited by closing the connection. 1xx and
    ///   204 responses get neither; a 304 gets `Content-Length` only when `contentLength` is set.
    /// - `Connection: close` is written when `keepAlive` is false (and `Connection: keep-alive`
    ///   for a kept-alive HTTP/1.0 response).
    /// - A `Date` header is added from `dates` unless `headers` already has one.
    public func write(into buffer: inout [UInt8], dates: HTTPDateCache = .shared) {
        HTTPHeadWriting.append(version, to: &buffer)
        buffer.append(HTTPSyntax.space)
        buffer.appendDecimal(status.code)
        buffer.append(HTTPSyntax.space)
        HTTPHeadWriting.append(status.reasonPhrase, to: &buffer)
        buffer.append(contentsOf: HTTPHeadWriting.crlf)

        var hasDate = false
        for field in headers {
            if HTTPHeaders.isFramingField(field.name) { continue }
            if !hasDate && HTTPHeaders.name(field.name, matches: "date") { hasDate = true }
            HTTPHeadWriting.appendField(field.name, field.value, to: &buffer)
        }
        if !hasDate {
            HTTPHeadWriting.append("Date: ", to: &buffer)
            dates.append(to: &buffer)
            buffer.append(contentsOf: HTTPHeadWriting.crlf)
        }

        if status.code < 200 || status.code == 204 {
            // No body, and no body framing allowed.
        } else if status.code == 304 {
            if let contentLength { HTTPHeadWriting.appendField("Content-Length", contentLength, to: &buffer) }
        } else if isChunked {
            HTTPHeadWriting.append("Transfer-Encoding: chunked\r\n", to: &buffer)
        } else {
            HTTPHeadWriting.appendField("Content-Length", contentLength ?? 0, to: &buffer)
        }

        if !keepAlive {
            HTTPHeadWriting.append("Connection: close\r\n", to: &buffer)
        } else if version == .http1_0 {
            HTTPHeadWriting.append("Connection: keep-alive\r\n", to: &buffer)
        }
        buffer.append(contentsOf: HTTPHeadWriting.crlf)
    }
}

extension HTTPHeaders {
    /// Whether a field is one the serialisers write from the head's framing fields
    /// (`Content-Length`, `Transfer-Encoding`, `Connection`).
    @inline(__always)
    static func isFramingField(_ name: String) -> Bool {
        switch name.utf8.count {
        case 10: return Self.name(name, matches: "connection")
        case 14: return Self.name(name, matches: "content-length")
        case 17: return Self.name(name, matches: "transfer-encoding")
        default: return false
        }
    }
}
