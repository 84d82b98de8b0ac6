import Testing

@testable import GuichetHTTP

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add("x-a", "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["x-A"] == "1")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        #expect(headers.count(of: "x-a") == 2)
        #expect(headers.contains("x-a") && !headers.contains("x-b"))
        #expect(headers["missing"] == nil)
        #expect(headers.map(\.name) == ["Content-Type", "X-A", "x-a"])
    }

    @Test func replaceOrAddReplacesTheFirstAndDropsTheRest() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
        headers.replaceOrAdd("a", "9")
        #expect(headers.map(\.name) == ["a", "B"])
        #expect(headers["A"] == "9")
        headers.replaceOrAdd("C", "new")
        #expect(headers.map(\.name) == ["a", "B", "C"])
    }

    @Test func removeDropsEveryFieldOfTheName() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
        headers.remove("A")
        #expect(headers.map(\.name) == ["B"])
        headers.remove("nothing")
        #expect(headers.count == 1)
    }

    @Test func valuesSetFromSwiftCannotInjectLines() {
        var headers = HTTPHeaders()
        headers.add("Location", "/ok\r\nSet-Cookie: session=evil")
        headers.replaceOrAdd("X-Name", "a\u{0}b\u{7F}c\td\u{1B}")
        #expect(headers["location"] == "/okSet-Cookie: session=evil")
        #expect(headers["x-name"] == "abc\td")
        #expect(headers.count == 2)
        let init2 = HTTPHeaders([("X", "line\nbreak")])
        #expect(init2["x"] == "linebreak")
    }

    @Test func validValuesAreKeptAsGiven() {
        var headers = HTTPHeaders()
        headers.add("X", " spaced\tvalue, caf\u{E9} ")
        #expect(headers["x"] == " spaced\tvalue, caf\u{E9} ")
    }

    @Test func invalidNamesStopTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var headers = HTTPHeaders()
            headers.add("X-Bad\r\nInjected", "1")
        }
        await #expect(processExitsWith: .failure) {
            var headers = HTTPHeaders()
            headers.replaceOrAdd("", "1")
        }
    }

    @Test func equalityComparesFieldsInOrder() {
        #expect((["A": "1", "B": "2"] as HTTPHeaders) == ["A": "1", "B": "2"])
        #expect((["A": "1", "B": "2"] as HTTPHeaders) != ["B": "2", "A": "1"])
        #expect((["A": "1"] as HTTPHeaders) != ["a": "1"])
    }

    @Test func connectionOptionsAndKeepAlive() {
        let headers: HTTPHeaders = ["Connection": " Upgrade ,, keep-alive", "connection": "TE"]
        #expect(headers.connectionOptionsContain("upgrade"))
        #expect(headers.connectionOptionsContain("KEEP-ALIVE"))
        #expect(headers.connectionOptionsContain("te"))
        #expect(!headers.connectionOptionsContain("close"))
        #expect(!headers.connectionOptionsContain("keep"))
        #expect(headers.keepAlive(for: .http1_0))
        #expect(headers.keepAlive(for: .http1_1))
        #expect(!HTTPHeaders().keepAlive(for: .http1_0))
        #expect(!(["Connection": "close"] as HTTPHeaders).keepAlive(for: .http1_1))
    }
}

@Suite struct HTTPMethodStatusVersionTests {
    @Test func methodsFromNames() {
        #expect(HTTPMethod(name: "GET") == .get)
        #expect(HTTPMethod(name: "PATCH") == .patch)
        #expect(HTTPMethod(name: "get") == .other("get"))
        #expect(HTTPMethod(name: "MKCOL").name == "MKCOL")
        #expect(HTTPMethod.delete.description == "DELETE")
    }

    @Test func statuses() {
        #expect(HTTPStatus.notFound.code == 404 && HTTPStatus.notFound.reasonPhrase == "Not Found")
        #expect(HTTPStatus(code: 413).reasonPhrase == "Content Too Large")
        #expect(HTTPStatus(code: 299).reasonPhrase == "")
        #expect(HTTPStatus(code: 200) == .ok)
        #expect(HTTPStatus.noContent.forbidsBody && HTTPStatus.notModified.forbidsBody && HTTPStatus.continue.forbidsBody)
        #expect(!HTTPStatus.ok.forbidsBody)
        #expect(HTTPStatus.requestHeaderFieldsTooLarge.description == "431 Request Header Fields Too Large")
    }

    @Test func versions() {
        #expect(HTTPVersion.http1_0.description == "HTTP/1.0")
        #expect(HTTPVersion.http1_1.minor == 1)
    }
}
