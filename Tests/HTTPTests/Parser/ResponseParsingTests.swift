import Testing

@testable import GuichetHTTP

@Suite struct ResponseParsingTests {
    private func parseResponses(
        _ text: String, delivery: Delivery = .whole, finish: Bool = false, noBody: Bool = false
    ) -> ParseOutcome {
        let parser = HTTPParser(mode: .response)
        if noBody { parser.expectNoBody() }
        return drive(parser, Array(text.utf8), delivery: delivery, finish: finish)
    }

    @Test func responseWithContentLength() throws {
        let text = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nLocation: /x\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        for delivery in allDeliveries(for: text) {
            let outcome = parseResponses(text, delivery: delivery)
            #expect(outcome.error == nil)
            #expect(outcome.messages.map { $0.response?.status } == [.created, .ok])
            #expect(outcome.messages.map(\.bodyText) == ["ok", ""])
            #expect(outcome.messages.allSatisfy { $0.ended && $0.response?.keepAlive == true })
        }
    }

    @Test func chunkedResponse() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        for delivery in allDeliveries(for: text) {
            let outcome = parseResponses(text, delivery: delivery)
            #expect(outcome.error == nil)
            #expect(outcome.messages.first?.bodyText == "abc")
            #expect(outcome.messages.first?.response?.isChunked == true)
        }
    }

    @Test func responseDelimitedByClose() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until the end"
        for delivery in [Delivery.whole, .byteByByte, .splitAt(10)] {
            let outcome = parseResponses(text, delivery: delivery, finish: true)
            #expect(outcome.error == nil)
            let message = try #require(outcome.messages.first)
            #expect(message.bodyText == "all of this until the end")
            #expect(message.ended)
            #expect(message.response?.keepAlive == false)
        }
        // Without the close, the message is not complete.
        let open = parseResponses(text)
        #expect(open.messages.first?.ended == false)
    }

    @Test func responseToHeadHasNoBody() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nx"
        let outcome = parseResponses(text, noBody: true)
        #expect(outcome.error == nil)
        #expect(outcome.messages.map { $0.response?.status } == [.ok, .notFound])
        #expect(outcome.messages.map(\.bodyText) == ["", "x"])
        #expect(outcome.messages.first?.response?.contentLength == 1234)
    }

    @Test func interimResponsesAreSkipped() throws {
        let text =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
        for delivery in allDeliveries(for: text) {
            let outcome = parseResponses(text, delivery: delivery)
            #expect(outcome.error == nil)
            #expect(outcome.messages.count == 1)
            #expect(outcome.messages.first?.response?.status == .ok)
            #expect(outcome.messages.first?.bodyText == "hi")
        }
    }

    @Test(arguments: [204, 304])
    func noContentAndNotModifiedHaveNoBody(_ code: Int) throws {
        let text = "HTTP/1.1 \(code) X\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ny"
        let outcome = parseResponses(text)
        #expect(outcome.error == nil)
        #expect(outcome.messages.map { $0.response?.status.code } == [code, 200])
        #expect(outcome.messages.map(\.bodyText) == ["", "y"])
    }

    @Test func statusLineWithoutReasonPhrase() throws {
        let outcome = parseResponses("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.messages.first?.response?.status == .ok)
    }

    @Test func httpOneZeroResponse() throws {
        let closing = parseResponses("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx")
        #expect(closing.messages.first?.response?.keepAlive == false)
        #expect(closing.messages.first?.response?.version == .http1_0)
        let kept = parseResponses("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx")
        #expect(kept.messages.first?.response?.keepAlive == true)
    }

    @Test(arguments: [
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", HTTPParserError.unexpectedSwitchingProtocols),
        ("HTTP/1.1 20 OK\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1 600 Odd\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1  200 OK\r\n\r\n", .invalidStatusLine),
        ("HTTP/2.0 200 OK\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", .invalidLineEnding),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", .invalidContentLength),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", .contentLengthWithTransferEncoding),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding),
        ("HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n", .obsoleteLineFolding),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxYY", .invalidChunk),
    ])
    func refusedResponses(_ raw: String, _ error: HTTPParserError) {
        #expect(parseResponses(raw).error == error)
        #expect(parseResponses(raw, delivery: .byteByByte).error == error)
    }

    @Test func closeDelimitedBodyRespectsTheLimit() {
        let parser = HTTPParser(mode: .response, limits: .init(defaultBodyLimit: 5))
        let outcome = drive(parser, Array("HTTP/1.1 200 OK\r\n\r\n123456".utf8), delivery: .byteByByte)
        #expect(outcome.error == .bodyTooLarge)
        #expect(outcome.messages.first?.bodyText == "12345")
    }

    @Test func endOfStreamInsideAResponse() {
        let parser = HTTPParser(mode: .response)
        let outcome = drive(parser, Array("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab".utf8), finish: true)
        #expect(outcome.error == .unexpectedEndOfStream)
    }
}
