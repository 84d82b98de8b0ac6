extension HTTPRequestHead {
    /// Appends the head to `buffer`, ready to send to an upstream server: request line, `Host`
    /// first, the other `headers`, the framing headers and the blank line.
    ///
    /// - `Host` is the first `host` field of `headers`; an HTTP/1.1 request without one is a
    ///   programming error.
    /// - `Content-Length`, `Transfer-Encoding` and `Connection` come from the framing fields and
    ///   same-named fields in `headers` are skipped: `Transfer-Encoding: chunked` when
    ///   `isChunked`, else `Content-Length` when `contentLength` is set, else `Content-Length: 0`
    ///   for POST, PUT and PATCH. `Connection: close` when `keepAlive` is false
    ///   (`Connection: keep-alive` for a kept-alive HTTP/1.0 request).
    ///
    /// Hop-by-hop fields other than these (`Keep-Alive`, `Upgrade`, `TE`, fields named in
    /// `Connection`) are the caller's to remove when forwarding.
    public func write(into buffer: inout [UInt8]) {
        HTTPHeadWriting.append(method.name, to: &buffer)
        buffer.append(HTTPSyntax.space)
        HTTPHeadWriting.append(target, to: &buffer)
        buffer.append(HTTPSyntax.space)
        HTTPHeadWriting.append(version, to: &buffer)
        buffer.append(contentsOf: HTTPHeadWriting.crlf)

        if let host = headers["host"] {
            HTTPHeadWriting.appendField("Host", host, to: &buffer)
        } else {
            precondition(version == .http1_0, "an HTTP/1.1 request needs a Host header")
        }
        for field in headers {
            if HTTPHeaders.isFramingField(field.name) || HTTPHeaders.name(field.name, matches: "host") { continue }
            HTTPHeadWriting.appendField(field.name, field.value, to: &buffer)
        }

        if isChunked {
            HTTPHeadWriting.append("Transfer-Encoding: chunked\r\n", to: &buffer)
        } else if let contentLength {
            HTTPHeadWriting.appendField("Content-Length", contentLength, to: &buffer)
        } else if method == .post || method == .put || method == .patch {
            HTTPHeadWriting.append("Content-Length: 0\r\n", to: &buffer)
        }

        if !keepAlive {
            HTTPHeadWriting.append("Connection: close\r\n", to: &buffer)
        } else if version == .http1_0 {
            HTTPHeadWriting.append("Connection: keep-alive\r\n", to: &buffer)
        }
        buffer.append(contentsOf: HTTPHeadWriting.crlf)
    }
}
