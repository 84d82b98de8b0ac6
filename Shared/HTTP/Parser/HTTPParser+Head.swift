internal import CHTTPParser

extension HTTPParser {
    /// Points http_parser's callbacks at the token recorder found in `parser.data`. The closures
    /// capture nothing, so they convert to C function pointers.
    static func installCallbacks(in settings: UnsafeMutablePointer<http_parser_settings>) {
        http_parser_settings_init(settings)
        settings.pointee.on_url = { parser, at, length in
            HTTPParser.tokens(of: parser).pointee.record(.url, at: at, length: length)
            return 0
        }
        settings.pointee.on_status = { parser, at, length in
            HTTPParser.tokens(of: parser).pointee.record(.status, at: at, length: length)
            return 0
        }
        settings.pointee.on_header_field = { parser, at, length in
            HTTPParser.tokens(of: parser).pointee.record(.field, at: at, length: length)
            return 0
        }
        settings.pointee.on_header_value = { parser, at, length in
            HTTPParser.tokens(of: parser).pointee.record(.value, at: at, length: length)
            return 0
        }
        settings.pointee.on_headers_complete = { parser in
            HTTPParser.tokens(of: parser).pointee.isComplete = true
            // Stop right here: the body (and any following message) is not http_parser's business.
            http_parser_pause(parser, 1)
            return 0
        }
    }

    /// The token recorder of the C parser calling back.
    @inline(__always)
    private static func tokens(of parser: UnsafeMutablePointer<http_parser>?) -> UnsafeMutablePointer<HeadTokens> {
        parser!.pointee.data.assumingMemoryBound(to: HeadTokens.self)
    }

    /// Tokenises and validates one complete head (from its first byte to the LF of the blank
    /// line that ends it, as found by `HeadScanner`). Returns the head event and how the body
    /// is delimited, or nil for an interim (1xx) response, which is skipped.
    func parseHead(_ head: UnsafeRawBufferPointer) throws(HTTPParserError) -> ParsedHead? {
        guard let base = head.baseAddress else { throw .unexpectedEndOfStream }
        http_parser_init(cParser, mode == .request ? HTTP_REQUEST : HTTP_RESPONSE)
        tokens.pointee.reset(base: base)
        defer { tokens.pointee.base = nil }
        let consumed = http_parser_execute(
            cParser, cSettings, base.assumingMemoryBound(to: CChar.self), head.count)
        let errno = cParser.pointee.http_errno
        guard errno == HPE_PAUSED.rawValue, tokens.pointee.isComplete, consumed == head.count - 1 else {
            throw error(for: http_errno(rawValue: errno), in: head)
        }
        let version: HTTPVersion
        switch (cParser.pointee.http_major, cParser.pointee.http_minor) {
        case (1, 1): version = .http1_1
        case (1, 0): version = .http1_0
        default: throw mode == .request ? .unsupportedVersion : .invalidStatusLine
        }
        switch mode {
        case .request:
            return try requestHead(in: head, version: version)
        case .response:
            return try responseHead(in: head, version: version)
        }
    }

    /// Our error for http_parser's, given what was tokenised before it stopped.
    private func error(for errno: http_errno, in head: UnsafeRawBufferPointer) -> HTTPParserError {
        let startLineError: HTTPParserError = mode == .request ? .invalidRequestLine : .invalidStatusLine
        switch errno {
        case HPE_INVALID_METHOD:
            // A token followed by a space is a method we do not know; anything else is garbage.
            let start = head.firstIndex { $0 != HTTPSyntax.cr && $0 != HTTPSyntax.lf } ?? head.count
            let end = head[start...].firstIndex { !HTTPSyntax.isTokenByte($0) } ?? head.count
            return end > start && end < head.count && head[end] == HTTPSyntax.space ? .unsupportedMethod : startLineError
        case HPE_INVALID_URL, HPE_INVALID_HOST, HPE_INVALID_PORT, HPE_INVALID_PATH, HPE_INVALID_QUERY_STRING,
            HPE_INVALID_FRAGMENT:
            return .invalidTarget
        case HPE_INVALID_HEADER_TOKEN:
            return .invalidHeaderField
        case HPE_INVALID_CONTENT_LENGTH:
            return .invalidContentLength
        case HPE_UNEXPECTED_CONTENT_LENGTH:
            // http_parser says this for a repeated Content-Length and for Content-Length with
            // Transfer-Encoding; tell them apart by the names seen so far.
            let hasTransferEncoding = tokens.pointee.fields.contains { field in
                HTTPSyntax.equalsIgnoringCase(head[field.name], "transfer-encoding".utf8)
            }
            return hasTransferEncoding ? .contentLengthWithTransferEncoding : .invalidContentLength
        case HPE_INVALID_TRANSFER_ENCODING:
            return .invalidTransferEncoding
        case HPE_HEADER_OVERFLOW:
            return .headTooLarge
        case HPE_LF_EXPECTED:
            return .invalidLineEnding
        default:
            return startLineError
        }
    }
}
