internal import CHTTPParser

/// The checks on a tokenised head that http_parser does not make (or makes only in its strict
/// build): exact start-line layout, origin-form targets, header name and value bytes, `Host`,
/// `Content-Length` and `Transfer-Encoding` rules, and the body framing that follows from them.
extension HTTPParser {
    /// The framing facts gathered while validating the header fields.
    struct FramingFields {
        var hostCount = 0
        var host: Range<Int>?
        var contentLengthCount = 0
        var contentLength: Int?
        var transferEncodingCount = 0
        var transferEncoding: Range<Int>?
    }

    func requestHead(in head: UnsafeRawBufferPointer, version: HTTPVersion) throws(HTTPParserError) -> ParsedHead {
        let method = currentMethod()
        // Exactly `method SP target SP HTTP/1.x CR`: http_parser tolerates several spaces.
        let lineStart = Self.startLineOffset(in: head)
        let url = tokens.pointee.url
        guard !url.isEmpty, url.lowerBound == lineStart + method.name.utf8.count + 1,
            Self.matches(head, at: url.upperBound, version == .http1_1 ? " HTTP/1.1\r" : " HTTP/1.0\r")
        else { throw .invalidRequestLine }
        if method == .connect { throw .unsupportedMethod }
        try Self.validateTarget(head[url], method: method)

        let (headers, framing) = try validatedFields(in: head)
        switch (version, framing.hostCount) {
        case (.http1_1, 1), (.http1_0, 0), (.http1_0, 1): break
        default: throw .invalidHost
        }
        if let host = framing.host, !head[host].allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != HTTPSyntax.comma }) {
            throw .invalidHost
        }
        let isChunked = try Self.checkTransferEncoding(in: head, version: version, framing: framing)
        let body: BodyFraming = isChunked ? .chunked : .length(framing.contentLength ?? 0)

        let request = HTTPRequestHead(
            validatedMethod: method,
            target: String(decoding: UnsafeRawBufferPointer(rebasing: head[url]), as: UTF8.self),
            version: version,
            headers: headers,
            keepAlive: headers.keepAlive(for: version),
            contentLength: framing.contentLength,
            isChunked: isChunked)
        return ParsedHead(event: .requestHead(request), framing: body)
    }

    func responseHead(in head: UnsafeRawBufferPointer, version: HTTPVersion) throws(HTTPParserError) -> ParsedHead? {
        // Exactly `HTTP/1.x SP 3DIGIT` then SP (reason phrase) or CR.
        let lineStart = Self.startLineOffset(in: head)
        let code = Int(cParser.pointee.status_code)
        guard Self.matches(head, at: lineStart, version == .http1_1 ? "HTTP/1.1 " : "HTTP/1.0 "),
            (100...599).contains(code),
            head.count > lineStart + 12,
            head[(lineStart + 9)..<(lineStart + 12)].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            head[lineStart + 12] == HTTPSyntax.space || head[lineStart + 12] == HTTPSyntax.cr
        else { throw .invalidStatusLine }
        let status = HTTPStatus(code: code)

        let (headers, framing) = try validatedFields(in: head)
        let isChunked = try Self.checkTransferEncoding(in: head, version: version, framing: framing)
        if code == 101 { throw .unexpectedSwitchingProtocols }
        if code < 200 { return nil }  // interim response: the final one follows

        var keepAlive = headers.keepAlive(for: version)
        let body: BodyFraming
        if takeNoBodyExpectation() || code == 204 || code == 304 {
            body = .none
        } else if isChunked {
            body = .chunked
        } else if let length = framing.contentLength {
            body = .length(length)
        } else {
            body = .untilClose
            keepAlive = false
        }
        let response = HTTPResponseHead(
            status: status, version: version, headers: headers, keepAlive: keepAlive,
            contentLength: framing.contentLength, isChunked: isChunked)
        return ParsedHead(event: .responseHead(response), framing: body)
    }

    /// Validates every header field and builds the headers.
    private func validatedFields(in head: UnsafeRawBufferPointer) throws(HTTPParserError) -> (HTTPHeaders, FramingFields) {
        var framing = FramingFields()
        var fields: [HTTPHeaders.Field] = []
        fields.reserveCapacity(tokens.pointee.fields.count)
        for token in tokens.pointee.fields {
            let name = head[token.name]
            guard !name.isEmpty, name.allSatisfy(HTTPSyntax.isTokenByte) else { throw .invalidHeaderField }
            var value = token.value
            while value.lowerBound < value.upperBound, HTTPSyntax.isWhitespace(head[value.lowerBound]) {
                value = (value.lowerBound + 1)..<value.upperBound
            }
            while value.lowerBound < value.upperBound, HTTPSyntax.isWhitespace(head[value.upperBound - 1]) {
                value = value.lowerBound..<(value.upperBound - 1)
            }
            guard head[value].allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .invalidHeaderField }

            switch name.count {
            case 4 where HTTPSyntax.equalsIgnoringCase(name, "host".utf8):
                framing.hostCount += 1
                framing.host = value
            case 14 where HTTPSyntax.equalsIgnoringCase(name, "content-length".utf8):
                framing.contentLengthCount += 1
                guard framing.contentLengthCount == 1, let length = Self.decimal(head[value]) else {
                    throw .invalidContentLength
                }
                framing.contentLength = length
            case 17 where HTTPSyntax.equalsIgnoringCase(name, "transfer-encoding".utf8):
                framing.transferEncodingCount += 1
                framing.transferEncoding = value
            default:
                break
            }
            fields.append(
                HTTPHeaders.Field(
                    name: String(decoding: UnsafeRawBufferPointer(rebasing: name), as: UTF8.self),
                    value: String(decoding: UnsafeRawBufferPointer(rebasing: head[value]), as: UTF8.self)))
        }
        return (HTTPHeaders(validatedFields: fields), framing)
    }

    /// Applies the `Transfer-Encoding` rules; returns whether the body is chunked.
    private static func checkTransferEncoding(
        in head: UnsafeRawBufferPointer, version: HTTPVersion, framing: FramingFields
    ) throws(HTTPParserError) -> Bool {
        guard let coding = framing.transferEncoding else { return false }
        if framing.contentLengthCount > 0 { throw .contentLengthWithTransferEncoding }
        // RFC 9112, section 6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
        if framing.transferEncodingCount > 1 || version == .http1_0 { throw .invalidTransferEncoding }
        let value = head[coding]
        if HTTPSyntax.equalsIgnoringCase(value, "chunked".utf8) { return true }
        // Not exactly `chunked`: a well-formed list of other codings is unsupported (501),
        // anything else (`chunked, chunked`, empty elements, parameters, odd bytes) is malformed.
        var sawOtherCoding = false
        for element in value.split(separator: HTTPSyntax.comma, omittingEmptySubsequences: false) {
            let trimmed = HTTPSyntax.trimmingWhitespace(UnsafeRawBufferPointer(rebasing: element))
            guard !trimmed.isEmpty, trimmed.allSatisfy(HTTPSyntax.isTokenByte) else { throw .invalidTransferEncoding }
            if !HTTPSyntax.equalsIgnoringCase(trimmed, "chunked".utf8) { sawOtherCoding = true }
        }
        throw sawOtherCoding ? .unsupportedTransferEncoding : .invalidTransferEncoding
    }

    /// Checks an origin-form target (or `*` for OPTIONS).
    private static func validateTarget(_ target: UnsafeRawBufferPointer.SubSequence, method: HTTPMethod) throws(HTTPParserError) {
        if target.count == 1 && target.first == UInt8(ascii: "*") {
            guard method == .options else { throw .invalidTarget }
            return
        }
        guard target.first == HTTPSyntax.slash,
            target.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") })
        else { throw .invalidTarget }
        let pathEnd = target.firstIndex(of: HTTPSyntax.question) ?? target.endIndex
        guard PercentDecoding.hasValidEscapes(target[..<pathEnd]) else { throw .invalidTarget }
    }

    /// The method http_parser recognised.
    private func currentMethod() -> HTTPMethod {
        let code = cParser.pointee.method
        switch http_method(rawValue: code) {
        case HTTP_GET: return .get
        case HTTP_HEAD: return .head
        case HTTP_POST: return .post
        case HTTP_PUT: return .put
        case HTTP_PATCH: return .patch
        case HTTP_DELETE: return .delete
        case HTTP_OPTIONS: return .options
        case HTTP_TRACE: return .trace
        case HTTP_CONNECT: return .connect
        default: return HTTPMethod(name: String(cString: http_method_str(http_method(rawValue: code))))
        }
    }

    /// The offset of the start line, after any empty lines before it.
    private static func startLineOffset(in head: UnsafeRawBufferPointer) -> Int {
        head.firstIndex { $0 != HTTPSyntax.cr && $0 != HTTPSyntax.lf } ?? head.count
    }

    /// Whether `head` holds the ASCII `literal` at `offset`.
    private static func matches(_ head: UnsafeRawBufferPointer, at offset: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset >= 0, offset + count <= head.count else { return false }
        return head[offset..<(offset + count)].elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: count))
    }

    /// A `Content-Length` value: one or more digits, no sign, no list, no overflow.
    private static func decimal(_ bytes: UnsafeRawBufferPointer.SubSequence) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
