import Testing

@testable import GuichetHTTP

@Suite struct URLQueryTests {
    @Test func decodesItems() throws {
        let query = try URLQuery(parsing: "a=1&b=x%20y&c&a=2&&d=&e=%E2%9C%93+ok%2B")
        #expect(query.items.map(\.name) == ["a", "b", "c", "a", "d", "e"])
        #expect(query["a"] == "1")
        #expect(query.values(for: "a") == ["1", "2"])
        #expect(query["b"] == "x y")
        #expect(query["c"] == "")
        #expect(query["d"] == "")
        #expect(query["e"] == "✓ ok+")
        #expect(query["A"] == nil)
    }

    @Test func emptyAndOddQueries() throws {
        #expect(try URLQuery(parsing: "").items.isEmpty)
        #expect(try URLQuery(parsing: "&&&").items.isEmpty)
        let odd = try URLQuery(parsing: "=v&k==x")
        #expect(odd.items.map(\.name) == ["", "k"])
        #expect(odd["k"] == "=x")
    }

    @Test func parsesTheQueryOfARequest() throws {
        let head = HTTPRequestHead(method: .get, target: "/search?q=caf%C3%A9&page=2", headers: ["Host": "h"])
        let query = try URLQuery(parsing: try #require(head.query))
        #expect(query["q"] == "café")
        #expect(query["page"] == "2")
    }

    @Test func decodesFormBodies() throws {
        let form = try URLQuery(decodingForm: Array("name=Fatima+Zahra&city=F%C3%A8s".utf8))
        #expect(form["name"] == "Fatima Zahra")
        #expect(form["city"] == "Fès")
    }

    @Test(arguments: [
        ("a=%zz", URLDecodingError.invalidEscape),
        ("a=%4", .invalidEscape),
        ("a=%", .invalidEscape),
        ("%G1=x", .invalidEscape),
        ("a=%00", .nulByte),
        ("a=%FF", .invalidUTF8),
        ("a=%C3", .invalidUTF8),
    ])
    func refusesMalformedText(_ text: String, _ error: URLDecodingError) {
        #expect(throws: error) { try URLQuery(parsing: text) }
        #expect(throws: error) { try URLQuery(decodingForm: Array(text.utf8)) }
    }

    @Test func percentDecodingOfPathSegments() throws {
        #expect(try PercentDecoding.decode("a+b%20c%2Fd") == "a+b c/d")
        #expect(try PercentDecoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(try PercentDecoding.decode("plain") == "plain")
        #expect(try PercentDecoding.decode("%D8%B4%D9%83%D8%A7%D9%8A%D8%A9") == "شكاية")
        #expect(throws: URLDecodingError.invalidEscape) { try PercentDecoding.decode("100%") }
        #expect(throws: URLDecodingError.nulByte) { try PercentDecoding.decode("a%00") }
    }
}
