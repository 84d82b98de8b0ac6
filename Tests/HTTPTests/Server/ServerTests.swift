import Foundation
import GuichetHTTP
import GuichetIO
import GuichetTestSupport
import Testing

@Suite("HTTP server")
struct ServerTests {
    @Test("answers, keeps the connection alive and runs handlers on the loop")
    func keepAlive() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        for _ in 0..<3 {
            try connection.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(await connection.readResponse())
            #expect(response.status == 200)
            #expect(response.text == "bonjour")
            #expect(response.header("connection") == nil)
        }
        try connection.send("GET /loop HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.text == "on loop")
        await server.stop()
    }

    @Test("pipelined requests are answered in order")
    func pipelining() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /items/42 HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.text == "slow")
        #expect(await connection.readResponse()?.text == "item 42")
        #expect(await connection.readResponse()?.text == "bonjour")
        await server.stop()
    }

    @Test("an unknown route is a 404 problem, a wrong method a 405 with Allow")
    func notFoundAndMethodNotAllowed() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
        let notFound = try #require(await connection.readResponse())
        #expect(notFound.status == 404)
        #expect(notFound.header("content-type") == "application/problem+json")
        #expect(notFound.text.contains("\"code\":\"not_found\""))
        try connection.send("DELETE /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        let wrongMethod = try #require(await connection.readResponse())
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("allow")?.contains("GET") == true)
        // The connection is still usable.
        try connection.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.status == 200)
        await server.stop()
    }

    @Test("problems speak the client's language")
    func localizedProblems() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /nowhere HTTP/1.1\r\nHost: x\r\nAccept-Language: ar-MA, fr;q=0.5\r\n\r\n")
        let response = try #require(await connection.readResponse())
        #expect(response.header("content-language") == "ar")
        let document = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let title = try #require(document?["title"] as? String)
        #expect(title.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
        try connection.send("GET /nowhere HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n")
        #expect(await connection.readResponse()?.header("content-language") == "en")
        try connection.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.header("content-language") == "fr")
        await server.stop()
    }

    @Test("malformed JSON is a 400, wrong types and missing members a 422 with field errors")
    func jsonErrors() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        func post(_ body: String, contentType: String = "application/json") async throws -> RawResponse? {
            try connection.send(
                "POST /greetings HTTP/1.1\r\nHost: x\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            return await connection.readResponse()
        }
        #expect(try await post("{\"name\": \"Amal\", \"count\": 2}")?.status == 201)
        let malformed = try #require(try await post("{\"name\": "))
        #expect(malformed.status == 400)
        #expect(malformed.text.contains("malformed_json"))
        let wrongType = try #require(try await post("{\"name\": \"Amal\", \"count\": \"two\"}"))
        #expect(wrongType.status == 422)
        #expect(wrongType.text.contains("\"field\":\"/count\""))
        let missing = try #require(try await post("{\"name\": \"Amal\"}"))
        #expect(missing.status == 422)
        #expect(missing.text.contains("\"field\":\"/count\""))
        #expect(missing.text.contains("\"code\":\"required\""))
        let nested = try #require(try await post("{\"name\": \"Amal\", \"count\": 1, \"tags\": [\"a\", 3]}"))
        #expect(nested.status == 422)
        #expect(nested.text.contains("\"field\":\"/tags/1\""))
        let wrongMedia = try #require(try await post("name=Amal", contentType: "application/x-www-form-urlencoded"))
        #expect(wrongMedia.status == 415)
        await server.stop()
    }

    @Test("a body over the route's limit is a 413 and the connection closes")
    func bodyTooLarge() async throws {
        let server = try await TestServer.start()
        let declared = try RawConnection(port: server.port)
        try declared.send("POST /greetings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n")
        #expect(await declared.readResponse()?.status == 413)
        #expect(await declared.waitForClose())
        let chunked = try RawConnection(port: server.port)
        let chunk = String(repeating: "a", count: 800)
        try chunked.send(
            "POST /greetings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n0\r\n\r\n")
        #expect(await chunked.readResponse()?.status == 413)
        #expect(await chunked.waitForClose())
        await server.stop()
    }

    @Test("headers over the cap are a 431")
    func headersTooLarge() async throws {
        let server = try await TestServer.start()
        let big = try RawConnection(port: server.port)
        try big.send("GET /plain HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 20_000))\r\n\r\n")
        #expect(await big.readResponse()?.status == 431)
        #expect(await big.waitForClose())
        let many = try RawConnection(port: server.port)
        let fields = (0..<150).map { "X-F\($0): v\r\n" }.joined()
        try many.send("GET /plain HTTP/1.1\r\nHost: x\r\n\(fields)\r\n")
        #expect(await many.readResponse()?.status == 431)
        await server.stop()
    }

    @Test(
        "request smuggling shapes are refused with 400 and the connection closes",
        arguments: [
            "POST /greetings HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /greetings HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd",
            "POST /greetings HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 4\r\n\r\nabcd",
            "POST /greetings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET /plain HTTP/1.1\nHost: x\n\n",
            "GET /plain HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n",
            "GET /plain HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
            "GET /plain HTTP/1.1\r\n\r\n",
        ])
    func smuggling(request: String) async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send(request)
        let response = try #require(await connection.readResponse())
        #expect(response.status == 400 || response.status == 501)
        #expect(response.header("connection") == "close")
        #expect(await connection.waitForClose())
        await server.stop()
    }

    @Test("a transfer coding other than chunked is not implemented")
    func unsupportedTransferCoding() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /greetings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
        #expect(await connection.readResponse()?.status == 501)
        #expect(await connection.waitForClose())
        await server.stop()
    }

    @Test("a slow-drip head is cut at the header timeout while other clients are served")
    func slowDripHeaders() async throws {
        let server = try await TestServer.start(configuration: HTTPServer.Configuration(headerTimeout: .milliseconds(300)))
        let slow = try RawConnection(port: server.port)
        try slow.send("GET /plain HTTP/1.1\r\n")
        try slow.send("Host: x\r\n")
        let other = try RawConnection(port: server.port)
        try other.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await other.readResponse()?.status == 200)
        let timedOut = await slow.readResponse()
        #expect(timedOut?.status == 408)
        #expect(await slow.waitForClose())
        // A connection that never sends anything is dropped too.
        let silent = try RawConnection(port: server.port)
        #expect(await silent.waitForClose())
        await server.stop()
    }

    @Test("connections over the cap get a 503 and are closed; the others keep working")
    func connectionCap() async throws {
        let server = try await TestServer.start(configuration: HTTPServer.Configuration(maxConnections: 3))
        let kept = try (0..<3).map { _ in try RawConnection(port: server.port) }
        for connection in kept {
            try connection.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await connection.readResponse()?.status == 200)
        }
        let refused = try RawConnection(port: server.port)
        #expect(await refused.readResponse()?.status == 503)
        #expect(await refused.waitForClose())
        try kept[0].send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await kept[0].readResponse()?.status == 200)
        await server.stop()
    }

    @Test("HEAD answers the GET's headers without its body")
    func head() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send("HEAD /plain HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        // The HEAD response says Content-Length: 7 but carries no body: read the head only.
        try await Task.sleep(for: .milliseconds(100))
        let response = try #require(await connection.readResponse())
        #expect(response.status == 200)
        await server.stop()
    }

    @Test("Expect: 100-continue gets an interim 100 before the final answer")
    func expectContinue() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "POST /greetings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 25\r\nExpect: 100-continue\r\n\r\n")
        try await Task.sleep(for: .milliseconds(50))
        try connection.send("{\"name\":\"Sara\",\"count\":1}")
        let response = try #require(await connection.readResponse())
        #expect(response.status == 201)
        await server.stop()
    }

    @Test("an unexpected error is a 500 problem that reveals nothing")
    func internalError() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try #require(await connection.readResponse())
        #expect(response.status == 500)
        #expect(!response.text.contains("Secret"))
        await server.stop()
    }

    @Test("a drain lets the request in flight finish with Connection: close and refuses new connections")
    func drain() async throws {
        let server = try await TestServer.start()
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /gated HTTP/1.1\r\nHost: x\r\n\r\n")
        while !server.gate.hasWaiters { try await Task.sleep(for: .milliseconds(5)) }
        let draining = Task { await server.server.drain() }
        while !server.server.isDraining { try await Task.sleep(for: .milliseconds(5)) }
        server.gate.open()
        let response = try #require(await connection.readResponse())
        #expect(response.status == 200)
        #expect(response.text == "opened")
        #expect(response.header("connection") == "close")
        await draining.value
        await #expect(throws: (any Error).self) {
            let late = try RawConnection(port: server.port)
            try late.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
            if await late.readResponse(timeout: 500) == nil { throw IOError("refused") }
        }
        server.group.shutdown()
    }
}
