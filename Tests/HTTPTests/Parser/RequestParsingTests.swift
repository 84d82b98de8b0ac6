import Testing

@testable import GuichetHTTP

@Suite struct RequestParsingTests {
    @Test func simpleGetHead() throws {
        let outcome = parseRequests(
            "GET /v1/demo/complaints?page=2&q=a%20b HTTP/1.1\r\nHost: api.example\r\nAccept: */*\r\nX-Empty:\r\n\r\n")
        #expect(outcome.error == nil)
        let message = try #require(outcome.messages.first)
        let head = try #require(message.request)
        #expect(head.method == .get)
        #expect(head.target == "/v1/demo/complaints?page=2&q=a%20b")
        #expect(head.path == "/v1/demo/complaints")
        #expect(head.query == "page=2&q=a%20b")
        #expect(head.version == .http1_1)
        #expect(head.keepAlive)
        #expect(head.contentLength == nil)
        #expect(!head.isChunked)
        #expect(head.headers["host"] == "api.example")
        #expect(head.headers["ACCEPT"] == "*/*")
        #expect(head.headers["x-empty"] == "")
        #expect(head.headers.count == 3)
        #expect(message.ended && message.body.isEmpty)
    }

    @Test func valuesAreTrimmedAndKeptInOrder() throws {
        let outcome = parseRequests("GET / HTTP/1.1\r\nHost: a\r\nX-A: \t one two \t\r\nX-A: 2\r\n\r\n")
        let head = try #require(outcome.messages.first?.request)
        #expect(head.headers.values(for: "x-a") == ["one two", "2"])
        #expect(head.headers.map(\.name) == ["Host", "X-A", "X-A"])
    }

    @Test func targetWithoutQueryAndOptionsAsterisk() throws {
        let plain = try #require(parseRequests("DELETE /a/b HTTP/1.1\r\nHost: a\r\n\r\n").messages.first?.request)
        #expect(plain.method == .delete && plain.path == "/a/b" && plain.query == nil)
        let empty = try #require(parseRequests("GET /a? HTTP/1.1\r\nHost: a\r\n\r\n").messages.first?.request)
        #expect(empty.path == "/a" && empty.query == "")
        let star = try #require(parseRequests("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").messages.first?.request)
        #expect(star.method == .options && star.target == "*")
    }

    @Test func otherKnownMethodsAreParsedByName() throws {
        let head = try #require(parseRequests("PROPFIND /x HTTP/1.1\r\nHost: a\r\n\r\n").messages.first?.request)
        #expect(head.method == .other("PROPFIND"))
        #expect(head.method == HTTPMethod(name: "PROPFIND"))
    }

    @Test func keepAliveFollowsVersionAndConnection() throws {
        func keepAlive(_ text: String) throws -> Bool {
            try #require(parseRequests(text).messages.first?.request).keepAlive
        }
        #expect(try keepAlive("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.0\r\n\r\n"))
        #expect(try keepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"))
    }

    @Test func bodyByContentLength() throws {
        let text = "POST /c HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world"
        for delivery in allDeliveries(for: text) {
            let outcome = parseRequests(text, delivery: delivery)
            #expect(outcome.error == nil, "\(delivery)")
            #expect(outcome.messages.count == 1)
            #expect(outcome.messages.first?.bodyText == "hello world", "\(delivery)")
            #expect(outcome.messages.first?.request?.contentLength == 11)
            #expect(outcome.messages.first?.ended == true)
        }
    }

    @Test func contentLengthWithSurroundingWhitespaceAndLeadingZeros() throws {
        let outcome = parseRequests("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:  003 \r\n\r\nabc")
        #expect(outcome.error == nil)
        #expect(outcome.messages.first?.bodyText == "abc")
    }

    @Test func bodyByChunks() throws {
        let text =
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n1;name=value;x=\"q\"\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"
        for delivery in allDeliveries(for: text) {
            let outcome = parseRequests(text, delivery: delivery)
            #expect(outcome.error == nil, "\(delivery)")
            #expect(outcome.messages.count == 1)
            #expect(outcome.messages.first?.bodyText == "hello 0123456789", "\(delivery)")
            #expect(outcome.messages.first?.request?.isChunked == true)
            #expect(outcome.messages.first?.ended == true)
        }
    }

    @Test(arguments: [" chunked", "chunked \t", "CHUNKED", "Chunked"])
    func transferEncodingChunkedSpellings(_ value: String) throws {
        let outcome = parseRequests("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\(value)\r\n\r\n2\r\nok\r\n0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.messages.first?.bodyText == "ok")
    }

    @Test func pipelinedRequestsInOneBuffer() throws {
        let text =
            "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
            + "\r\n"  // a stray CRLF between requests is allowed
            + "PUT /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n"
            + "GET /four HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        for delivery in allDeliveries(for: text) {
            let outcome = parseRequests(text, delivery: delivery)
            #expect(outcome.error == nil, "\(delivery)")
            #expect(outcome.messages.map { $0.request?.path ?? "?" } == ["/one", "/two", "/three", "/four"], "\(delivery)")
            #expect(outcome.messages.map(\.bodyText) == ["", "abc", "xyz", ""], "\(delivery)")
            #expect(outcome.messages.allSatisfy { $0.ended })
            #expect(outcome.messages.map { $0.request?.keepAlive } == [true, true, true, false])
        }
    }

    @Test func pausesAfterHeadAndAfterEnd() throws {
        let parser = HTTPParser(mode: .request)
        let bytes = Array("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhiGET /b HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        let headLength = bytes.count - 2 - "GET /b HTTP/1.1\r\nHost: a\r\n\r\n".utf8.count
        try bytes.withUnsafeBytes { all in
            var offset = 0
            func next() throws -> HTTPParser.Step {
                let step = try parser.feed(UnsafeRawBufferPointer(rebasing: all[offset...]))
                offset += step.consumed
                return step
            }
            let head = try next()
            guard case .requestHead = head.event else { Issue.record("expected a head"); return }
            #expect(head.consumed == headLength)
            let body = try next()
            guard case .body(let range) = body.event else { Issue.record("expected a body"); return }
            #expect(range == 0..<2)
            let end = try next()
            guard case .end = end.event else { Issue.record("expected the end"); return }
            #expect(end.consumed == 0)
            // The next request is untouched until fed again.
            let second = try next()
            guard case .requestHead(let request) = second.event else { Issue.record("expected a head"); return }
            #expect(request.path == "/b")
            let secondEnd = try next()
            guard case .end = secondEnd.event else { Issue.record("expected the end"); return }
            let idle = try next()
            #expect(idle.event == nil && idle.consumed == 0 && offset == all.count)
        }
    }

    @Test func upgradeRequestsAreOrdinaryRequests() throws {
        let text =
            "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /up HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: upgrade\r\nContent-Length: 2\r\n\r\nokGET /last HTTP/1.1\r\nHost: a\r\n\r\n"
        for delivery in [Delivery.whole, .byteByByte] {
            let outcome = parseRequests(text, delivery: delivery)
            #expect(outcome.error == nil)
            #expect(outcome.messages.map { $0.request?.path ?? "?" } == ["/ws", "/next", "/up", "/last"])
            #expect(outcome.messages.map(\.bodyText) == ["", "", "ok", ""])
        }
    }

    @Test func emptyLinesBeforeTheRequestLineAreSkipped() throws {
        let outcome = parseRequests("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.messages.first?.request?.path == "/")
    }

    @Test func httpOneZeroWithoutHost() throws {
        let outcome = parseRequests("GET /old HTTP/1.0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.messages.first?.request?.version == .http1_0)
    }

    @Test func errorsAreSticky() throws {
        let parser = HTTPParser(mode: .request)
        let bad = Array("GET / HTTP/1.1\nHost: a\r\n\r\n".utf8)
        #expect(throws: HTTPParserError.invalidLineEnding) {
            _ = try bad.withUnsafeBytes { try parser.feed($0) }
        }
        let good = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        #expect(throws: HTTPParserError.invalidLineEnding) {
            _ = try good.withUnsafeBytes { try parser.feed($0) }
        }
    }

    @Test func finishBetweenAndInsideMessages() throws {
        let idle = HTTPParser(mode: .request)
        #expect(try idle.finish() == nil)

        let cut = HTTPParser(mode: .request)
        _ = drive(cut, Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab".utf8))
        #expect(throws: HTTPParserError.unexpectedEndOfStream) { try cut.finish() }

        let halfHead = HTTPParser(mode: .request)
        _ = drive(halfHead, Array("GET / HTTP/1.1\r\nHo".utf8))
        #expect(throws: HTTPParserError.unexpectedEndOfStream) { try halfHead.finish() }
    }

    @Test func errorStatusesAndClosing() {
        #expect(HTTPParserError.tooManyHeaders.status == .requestHeaderFieldsTooLarge)
        #expect(HTTPParserError.bodyTooLarge.status == .contentTooLarge)
        #expect(HTTPParserError.unsupportedVersion.status == .httpVersionNotSupported)
        #expect(HTTPParserError.unsupportedMethod.status == .notImplemented)
        #expect(HTTPParserError.invalidLineEnding.status == .badRequest)
        #expect(HTTPParserError.invalidStatusLine.status == .badGateway)
        #expect(HTTPParserError.contentLengthWithTransferEncoding.closesConnection)
    }
}
