import Synchronization
import Testing

@testable import GuichetHTTP

@Suite struct SerializationTests {
    /// A date cache stopped at Sun, 06 Nov 1994 08:49:37 GMT.
    let dates = HTTPDateCache(clock: { 784_111_777 })

    private func text(_ head: HTTPResponseHead) -> String {
        var buffer: [UInt8] = []
        head.write(into: &buffer, dates: dates)
        return String(decoding: buffer, as: UTF8.self)
    }

    private func text(_ head: HTTPRequestHead) -> String {
        var buffer: [UInt8] = []
        head.write(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func responseWithBody() {
        let head = HTTPResponseHead(status: .ok, headers: ["Content-Type": "application/json"], contentLength: 1234)
        #expect(
            text(head)
                == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 1234\r\n\r\n"
        )
    }

    @Test func closingResponseAndFramingHeadersFromTheFields() {
        let head = HTTPResponseHead(
            status: .badRequest,
            headers: ["content-length": "99", "Transfer-Encoding": "chunked", "Connection": "keep-alive", "Date": "x"],
            keepAlive: false)
        #expect(text(head) == "HTTP/1.1 400 Bad Request\r\nDate: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func bodilessStatuses() {
        #expect(
            text(HTTPResponseHead(status: .noContent, contentLength: 5))
                == "HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        #expect(
            text(HTTPResponseHead(status: .notModified))
                == "HTTP/1.1 304 Not Modified\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        #expect(text(HTTPResponseHead(status: .notModified, contentLength: 7)).contains("Content-Length: 7\r\n"))
    }

    @Test func chunkedAndHTTP10KeepAlive() {
        #expect(text(HTTPResponseHead(status: .ok, isChunked: true)).contains("\r\nTransfer-Encoding: chunked\r\n\r\n"))
        let old = text(HTTPResponseHead(status: .ok, version: .http1_0, contentLength: 0))
        #expect(old.hasPrefix("HTTP/1.0 200 OK\r\n"))
        #expect(old.hasSuffix("Content-Length: 0\r\nConnection: keep-alive\r\n\r\n"))
    }

    @Test func largeContentLength() {
        #expect(text(HTTPResponseHead(status: .ok, contentLength: 9_876_543_210)).contains("Content-Length: 9876543210\r\n"))
    }

    @Test func requestHead() {
        let head = HTTPRequestHead(
            method: .post, target: "/v1/x?y=1",
            headers: ["Accept": "*/*", "Host": "complaints:8081", "Content-Length": "5", "connection": "close"],
            keepAlive: true, contentLength: 42)
        #expect(
            text(head) == "POST /v1/x?y=1 HTTP/1.1\r\nHost: complaints:8081\r\nAccept: */*\r\nContent-Length: 42\r\n\r\n")
        let bodiless = HTTPRequestHead(method: .put, target: "/a", headers: ["Host": "h"], keepAlive: false)
        #expect(text(bodiless) == "PUT /a HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        let get = HTTPRequestHead(method: .get, target: "/", headers: ["Host": "h"])
        #expect(text(get) == "GET / HTTP/1.1\r\nHost: h\r\n\r\n")
    }

    @Test func requestHeadDefaultsKeepAliveFromHeaders() {
        #expect(!HTTPRequestHead(method: .get, target: "/", headers: ["Host": "h", "Connection": "close"]).keepAlive)
        #expect(!HTTPRequestHead(method: .get, target: "/", version: .http1_0).keepAlive)
    }

    @Test func invalidRequestsStopTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var buffer: [UInt8] = []
            HTTPRequestHead(method: .get, target: "/").write(into: &buffer)
        }
        await #expect(processExitsWith: .failure) {
            _ = HTTPRequestHead(method: .get, target: "/a b\r\nX: y", headers: ["Host": "h"])
        }
        await #expect(processExitsWith: .failure) {
            _ = HTTPRequestHead(method: .get, target: "http://a/b", headers: ["Host": "h"])
        }
    }

    @Test func serialisedRequestsParseBack() throws {
        let sent = HTTPRequestHead(
            method: .patch, target: "/v1/demo/complaints/AB%2012?lang=ar",
            headers: ["Host": "complaints", "X-Request-Id": "r-1", "Traceparent": "00-abc-def-01"],
            contentLength: 3)
        var buffer: [UInt8] = []
        sent.write(into: &buffer)
        buffer.append(contentsOf: "{x}".utf8)
        let outcome = drive(HTTPParser(mode: .request), buffer)
        let received = try #require(outcome.messages.first?.request)
        #expect(received.method == .patch)
        #expect(received.target == sent.target)
        #expect(received.path == "/v1/demo/complaints/AB%2012")
        #expect(received.query == "lang=ar")
        #expect(received.headers["x-request-id"] == "r-1")
        #expect(received.contentLength == 3)
        #expect(outcome.messages.first?.bodyText == "{x}")
    }

    @Test func serialisedResponsesParseBack() throws {
        var buffer: [UInt8] = []
        HTTPResponseHead(status: .created, headers: ["Location": "/x"], keepAlive: false, contentLength: 2)
            .write(into: &buffer, dates: dates)
        buffer.append(contentsOf: "ok".utf8)
        let outcome = drive(HTTPParser(mode: .response), buffer)
        let received = try #require(outcome.messages.first?.response)
        #expect(received.status == .created)
        #expect(!received.keepAlive)
        #expect(received.headers["date"] == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(outcome.messages.first?.bodyText == "ok")
    }
}

@Suite struct HTTPDateCacheTests {
    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ])
    func imfFixdate(_ seconds: Int, _ expected: String) {
        #expect(String(decoding: HTTPDateCache.imfFixdate(secondsSince1970: seconds), as: UTF8.self) == expected)
    }

    @Test func followsTheClock() {
        let now = Atomic<Int>(784_111_777)
        let cache = HTTPDateCache(clock: { now.load(ordering: .relaxed) })
        #expect(cache.current == "Sun, 06 Nov 1994 08:49:37 GMT")
        now.store(784_111_778, ordering: .relaxed)
        #expect(cache.current == "Sun, 06 Nov 1994 08:49:38 GMT")
        var buffer: [UInt8] = Array("Date: ".utf8)
        cache.append(to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "Date: Sun, 06 Nov 1994 08:49:38 GMT")
    }

    @Test func concurrentReadersSeeWholeValues() async {
        let tick = Atomic<Int>(0)
        let cache = HTTPDateCache(clock: { 784_111_777 + tick.add(1, ordering: .relaxed).newValue % 3 })
        let values = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<500).map { _ in cache.current } }
            }
            var all: [String] = []
            for await values in group { all += values }
            return all
        }
        let expected: Set = ["Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:38 GMT", "Sun, 06 Nov 1994 08:49:39 GMT"]
        #expect(values.count == 2_000)
        #expect(Set(values).isSubset(of: expected))
    }

    @Test func settingAnInvalidTargetStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var head = HTTPRequestHead(method: .get, target: "/", headers: ["Host": "h"])
            head.target = "/x HTTP/1.1\r\nInjected: 1"
        }
    }

    @Test func sharedCacheFormatsTheRealClock() {
        let value = HTTPDateCache.shared.current
        #expect(value.utf8.count == 29)
        #expect(value.hasSuffix(" GMT"))
    }
}
