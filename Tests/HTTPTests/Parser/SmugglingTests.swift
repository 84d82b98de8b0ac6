import Testing

@testable import GuichetHTTP

/// A raw request the parser must refuse, and why.
struct RefusedRequest: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let error: HTTPParserError

    init(_ name: String, _ raw: String, _ error: HTTPParserError) {
        self.name = name
        self.raw = raw
        self.error = error
    }

    var testDescription: String { name }
}

private let host = "Host: a\r\n"
private let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

/// Every shape below is accepted by the Debian build of http_parser 2.9.4 on its own or differs
/// between common parsers; each must be refused, whole and byte by byte.
let refusedRequests: [RefusedRequest] = [
    // Line endings in the head.
    .init("bare LF after the request line", "GET / HTTP/1.1\n\(host)\r\n", .invalidLineEnding),
    .init("bare LF after a header", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", .invalidLineEnding),
    .init("bare LF ending the head", "GET / HTTP/1.1\r\n\(host)\n", .invalidLineEnding),
    .init("bare LF before the request", "\nGET / HTTP/1.1\r\n\(host)\r\n", .invalidLineEnding),
    .init("CR followed by a header", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", .invalidLineEnding),
    .init("CR inside a value", "GET / HTTP/1.1\r\n\(host)X: a\rb\r\n\r\n", .invalidLineEnding),
    .init("CR CR LF", "GET / HTTP/1.1\r\r\n\(host)\r\n", .invalidLineEnding),
    // Folding and whitespace.
    .init("folded header (SP)", "GET / HTTP/1.1\r\n\(host)X: a\r\n b\r\n\r\n", .obsoleteLineFolding),
    .init("folded header (HTAB)", "GET / HTTP/1.1\r\n\(host)X: a\r\n\tb\r\n\r\n", .obsoleteLineFolding),
    .init("whitespace before the first header", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", .obsoleteLineFolding),
    .init("space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .invalidHeaderField),
    .init("tab before the colon", "GET / HTTP/1.1\r\n\(host)Content-Length\t: 0\r\n\r\n", .invalidHeaderField),
    .init("TE with space before the colon", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", .invalidHeaderField),
    .init("separator in a header name", "GET / HTTP/1.1\r\n\(host)X(y): 1\r\n\r\n", .invalidHeaderField),
    .init("control byte in a header name", "GET / HTTP/1.1\r\n\(host)X\u{1}: 1\r\n\r\n", .invalidHeaderField),
    .init("empty header name", "GET / HTTP/1.1\r\n\(host): 1\r\n\r\n", .invalidHeaderField),
    .init("NUL in a value", "GET / HTTP/1.1\r\n\(host)X: a\u{0}b\r\n\r\n", .invalidHeaderField),
    .init("control byte in a value", "GET / HTTP/1.1\r\n\(host)X: a\u{1}b\r\n\r\n", .invalidHeaderField),
    .init("DEL in a value", "GET / HTTP/1.1\r\n\(host)X: a\u{7F}b\r\n\r\n", .invalidHeaderField),
    .init("vertical tab before chunked", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: \u{B}chunked\r\n\r\n0\r\n\r\n", .invalidHeaderField),
    // Content-Length.
    .init("Content-Length and Transfer-Encoding", "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .contentLengthWithTransferEncoding),
    .init("Transfer-Encoding and Content-Length", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", .contentLengthWithTransferEncoding),
    .init("Content-Length and Transfer-Encoding gzip", "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nTransfer-Encoding: gzip\r\n\r\nhello", .contentLengthWithTransferEncoding),
    .init("duplicate equal Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 1\r\nContent-Length: 1\r\n\r\nx", .invalidContentLength),
    .init("conflicting Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 1\r\nContent-Length: 2\r\n\r\nxy", .invalidContentLength),
    .init("Content-Length list", "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 5\r\n\r\nhello", .invalidContentLength),
    .init("Content-Length with sign", "POST / HTTP/1.1\r\n\(host)Content-Length: +5\r\n\r\nhello", .invalidContentLength),
    .init("negative Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", .invalidContentLength),
    .init("Content-Length with letters", "POST / HTTP/1.1\r\n\(host)Content-Length: 5a\r\n\r\nhello", .invalidContentLength),
    .init("hexadecimal Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 0x5\r\n\r\nhello", .invalidContentLength),
    .init("empty Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length:\r\n\r\n", .invalidContentLength),
    .init("Content-Length with inner space", "POST / HTTP/1.1\r\n\(host)Content-Length: 1 2\r\n\r\n", .invalidContentLength),
    .init("overflowing Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999\r\n\r\n", .invalidContentLength),
    .init("Content-Length past Int.max", "POST / HTTP/1.1\r\n\(host)Content-Length: 9223372036854775808\r\n\r\n", .invalidContentLength),
    // Transfer-Encoding.
    .init("gzip then chunked", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", .unsupportedTransferEncoding),
    .init("gzip only", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding),
    .init("chunked then gzip", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, gzip\r\n\r\n", .unsupportedTransferEncoding),
    .init("chunked twice in a list", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    .init("two Transfer-Encoding fields", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    .init("chunked with a parameter", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    .init("chunked with a trailing comma", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked,\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    .init("chunked split by a space", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chun ked\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    .init("quoted chunked", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    .init("empty Transfer-Encoding", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding:\r\n\r\n", .invalidTransferEncoding),
    .init("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .invalidTransferEncoding),
    // Host.
    .init("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", .invalidHost),
    .init("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost),
    .init("Host list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", .invalidHost),
    .init("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .invalidHost),
    .init("HTTP/1.0 with two Host fields", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost),
    // Request line and version.
    .init("HTTP/2.0", "GET / HTTP/2.0\r\n\(host)\r\n", .unsupportedVersion),
    .init("HTTP/1.2", "GET / HTTP/1.2\r\n\(host)\r\n", .unsupportedVersion),
    .init("HTTP/0.9 simple request", "GET /\r\n\r\n", .unsupportedVersion),
    .init("HTTP/1.10", "GET / HTTP/1.10\r\n\(host)\r\n", .invalidRequestLine),
    .init("lower-case protocol", "GET / http/1.1\r\n\(host)\r\n", .invalidRequestLine),
    .init("two spaces after the method", "GET  / HTTP/1.1\r\n\(host)\r\n", .invalidRequestLine),
    .init("two spaces before the version", "GET /  HTTP/1.1\r\n\(host)\r\n", .invalidRequestLine),
    .init("space after the version", "GET / HTTP/1.1 \r\n\(host)\r\n", .invalidRequestLine),
    .init("tab as separator", "GET\t/ HTTP/1.1\r\n\(host)\r\n", .invalidRequestLine),
    .init("garbage (a TLS hello)", "\u{16}\u{3}\u{1}\u{2}\u{0}\r\n\r\n", .invalidRequestLine),
    .init("unknown method", "BREW / HTTP/1.1\r\n\(host)\r\n", .unsupportedMethod),
    .init("lower-case method", "get / HTTP/1.1\r\n\(host)\r\n", .unsupportedMethod),
    .init("CONNECT", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", .unsupportedMethod),
    .init("CONNECT with a path", "CONNECT / HTTP/1.1\r\n\(host)\r\n", .unsupportedMethod),
    // Request target.
    .init("absolute-form", "GET http://a/b HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("authority-form", "GET a:443 HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("asterisk with GET", "GET * HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("fragment", "GET /a#b HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("raw UTF-8 in the target", "GET /caf\u{E9} HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("bad percent-escape", "GET /a%zz HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("truncated percent-escape", "GET /a% HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("percent-encoded NUL", "GET /a%00b HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    .init("control byte in the target", "GET /a\u{1}b HTTP/1.1\r\n\(host)\r\n", .invalidTarget),
    // Chunked framing.
    .init("bare LF after a chunk size", "\(chunked)1\nx\r\n0\r\n\r\n", .invalidLineEnding),
    .init("bare LF inside a chunk extension", "\(chunked)1;a\nb\r\nx\r\n0\r\n\r\n", .invalidLineEnding),
    .init("CR then a byte after a chunk size", "\(chunked)1\rXx\r\n0\r\n\r\n", .invalidLineEnding),
    .init("two bytes instead of CRLF after data", "\(chunked)1\r\nxXX0\r\n\r\n", .invalidChunk),
    .init("bare LF after chunk data", "\(chunked)1\r\nx\n0\r\n\r\n", .invalidLineEnding),
    .init("CR without LF after chunk data", "\(chunked)1\r\nx\r0\r\n\r\n", .invalidLineEnding),
    .init("bare LFs after the last chunk", "\(chunked)0\n\n", .invalidLineEnding),
    .init("bare LF after a trailer", "\(chunked)0\r\nA: b\n\r\n", .invalidLineEnding),
    .init("bare LF ending the trailers", "\(chunked)0\r\n\n", .invalidLineEnding),
    .init("CR then a byte ending the body", "\(chunked)0\r\n\rX", .invalidLineEnding),
    .init("folded trailer", "\(chunked)0\r\nA: b\r\n c\r\n\r\n", .obsoleteLineFolding),
    .init("trailer without a colon", "\(chunked)0\r\nnocolon\r\n\r\n", .invalidChunk),
    .init("control byte in a trailer", "\(chunked)0\r\nA: \u{1}\r\n\r\n", .invalidChunk),
    .init("non-hex chunk size", "\(chunked)g\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("empty chunk size", "\(chunked)\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("negative chunk size", "\(chunked)-1\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("0x-prefixed chunk size", "\(chunked)0x1\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("space before a chunk size", "\(chunked) 1\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("whitespace after a chunk size without extension", "\(chunked)1 \r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("overflowing chunk size", "\(chunked)10000000000000000\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("control byte in a chunk extension", "\(chunked)1;a\u{1}\r\nx\r\n0\r\n\r\n", .invalidChunk),
    .init("chunk size past the body limit", "\(chunked)fffffffffffffff\r\nx\r\n0\r\n\r\n", .bodyTooLarge),
    .init("declared body past the body limit", "POST / HTTP/1.1\r\n\(host)Content-Length: 1048577\r\n\r\n", .bodyTooLarge),
]

@Suite struct SmugglingTests {
    @Test(arguments: refusedRequests)
    func refusedWhole(_ request: RefusedRequest) {
        let outcome = parseRequests(request.raw)
        #expect(outcome.error == request.error)
        #expect(outcome.messages.allSatisfy { !$0.ended })
    }

    @Test(arguments: refusedRequests)
    func refusedByteByByte(_ request: RefusedRequest) {
        let outcome = parseRequests(request.raw, delivery: .byteByByte)
        #expect(outcome.error == request.error)
        #expect(outcome.messages.allSatisfy { !$0.ended })
    }

    /// A refused request after a valid one: the valid one is served, then the parser fails
    /// before anything of the second request is delivered as a message.
    @Test func refusedAfterAValidPipelinedRequest() {
        let outcome = parseRequests(
            "GET /ok HTTP/1.1\r\nHost: a\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx")
        #expect(outcome.messages.first?.request?.path == "/ok")
        #expect(outcome.messages.first?.ended == true)
        #expect(outcome.messages.count == 1)
        #expect(outcome.error == .invalidContentLength)
    }
}
