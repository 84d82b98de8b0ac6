import Testing

@testable import GuichetHTTP

@Suite struct LimitTests {
    /// A request whose head is exactly `length` bytes long.
    private func request(headLength length: Int) -> String {
        let prefix = "GET / HTTP/1.1\r\nHost: a\r\nX: "
        let padding = String(repeating: "p", count: length - prefix.utf8.count - 4)
        return prefix + padding + "\r\n\r\n"
    }

    @Test(arguments: [200, 16_384])
    func headBytesAtAndPastTheCap(_ cap: Int) {
        let limits = HTTPParser.Limits(maxHeaderBytes: cap)
        for delivery in [Delivery.whole, .byteByByte] {
            let atCap = parseRequests(request(headLength: cap), delivery: delivery, limits: limits)
            #expect(atCap.error == nil)
            #expect(atCap.messages.first?.ended == true)
            let pastCap = parseRequests(request(headLength: cap + 1), delivery: delivery, limits: limits)
            #expect(pastCap.error == .headTooLarge)
            #expect(pastCap.error?.status == .requestHeaderFieldsTooLarge)
        }
    }

    @Test func emptyLinesBeforeTheRequestCountTowardsTheCap() {
        let limits = HTTPParser.Limits(maxHeaderBytes: 100)
        let outcome = parseRequests(String(repeating: "\r\n", count: 51), limits: limits)
        #expect(outcome.error == .headTooLarge)
    }

    @Test func defaultCapIs16KiB() {
        #expect(HTTPParser.Limits().maxHeaderBytes == 16_384)
        #expect(HTTPParser.Limits().maxHeaderCount == 100)
    }

    /// A request with `count` header fields (Host included).
    private func request(fieldCount count: Int) -> String {
        "GET / HTTP/1.1\r\nHost: a\r\n" + (1..<count).map { "X-\($0): v\r\n" }.joined() + "\r\n"
    }

    @Test func headerCountAtAndPastTheCap() {
        for delivery in [Delivery.whole, .byteByByte] {
            let atCap = parseRequests(request(fieldCount: 100), delivery: delivery)
            #expect(atCap.error == nil)
            #expect(atCap.messages.first?.request?.headers.count == 100)
            let pastCap = parseRequests(request(fieldCount: 101), delivery: delivery)
            #expect(pastCap.error == .tooManyHeaders)
            #expect(pastCap.error?.status == .requestHeaderFieldsTooLarge)
        }
    }

    @Test func declaredBodyAtAndPastTheRouteLimit() {
        let setLimit: (HTTPParser) -> Void = { $0.bodyLimit = 10 }
        let atLimit = parseRequests(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", onHead: setLimit)
        #expect(atLimit.error == nil)
        #expect(atLimit.messages.first?.bodyText == "0123456789")
        // Refused as soon as the head is known, before any body byte arrives.
        let pastLimit = parseRequests("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", onHead: setLimit)
        #expect(pastLimit.error == .bodyTooLarge)
        #expect(pastLimit.error?.status == .contentTooLarge)
    }

    @Test func chunkedBodyAtAndPastTheLimit() {
        let limits = HTTPParser.Limits(defaultBodyLimit: 10)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        for delivery in [Delivery.whole, .byteByByte] {
            let atLimit = parseRequests(head + "4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n", delivery: delivery, limits: limits)
            #expect(atLimit.error == nil)
            #expect(atLimit.messages.first?.bodyText == "0123456789")
            let pastLimit = parseRequests(head + "4\r\n0123\r\n7\r\n", delivery: delivery, limits: limits)
            #expect(pastLimit.error == .bodyTooLarge)
            #expect(pastLimit.messages.first?.bodyText == "0123")
        }
    }

    @Test func bodyLimitReturnsToTheDefaultForEachMessage() {
        let limits = HTTPParser.Limits(defaultBodyLimit: 4)
        let text =
            "POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabcdef"
            + "POST /small HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabcdef"
        // Raised after every head: both pass.
        let outcome = parseRequests(text, limits: limits) { parser in
            #expect(parser.bodyLimit == 4)
            parser.bodyLimit = 100
        }
        #expect(outcome.messages.count == 2)
        #expect(outcome.error == nil)
        // Raised after the first head only: the second request is held to the default.
        var raisedOnce = false
        let second = parseRequests(text, limits: limits) { parser in
            if !raisedOnce { parser.bodyLimit = 100 }
            raisedOnce = true
        }
        #expect(second.messages.first?.bodyText == "abcdef")
        #expect(second.error == .bodyTooLarge)
    }

    @Test func chunkExtensionsAtAndPastTheCap() {
        let limits = HTTPParser.Limits(maxChunkExtensionBytes: 8)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        // The extension bytes are everything between the size and the CR: ";a=1" twice is 8.
        let atCap = parseRequests(head + "1;a=1\r\nx\r\n0;b=2\r\n\r\n", limits: limits)
        #expect(atCap.error == nil)
        #expect(atCap.messages.first?.bodyText == "x")
        let pastCap = parseRequests(head + "1;a=1\r\nx\r\n0;b=22\r\n\r\n", limits: limits)
        #expect(pastCap.error == .chunkExtensionsTooLarge)
    }

    @Test func trailersAtAndPastTheCap() {
        let limits = HTTPParser.Limits(maxTrailerBytes: 10)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        // Trailer bytes are the trailer lines without their CRLFs: "A: 1" and "B:23456" make 11.
        let twoLines = parseRequests(head + "0\r\nA: 1\r\nB:2345\r\n\r\n", limits: limits)
        #expect(twoLines.error == nil)
        let twoLinesPast = parseRequests(head + "0\r\nA: 1\r\nB:23456\r\n\r\n", limits: limits)
        #expect(twoLinesPast.error == .trailersTooLarge)
        let exactly = parseRequests(head + "0\r\nA: 1234567\r\n\r\n", limits: limits)
        #expect(exactly.error == nil)
        #expect(exactly.messages.first?.ended == true)
        let pastCap = parseRequests(head + "0\r\nA: 12345678\r\n\r\n", limits: limits)
        #expect(pastCap.error == .trailersTooLarge)
    }
}
