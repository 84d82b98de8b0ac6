import GuichetCore
import Testing

@testable import Mail

@Suite struct CanonicalJSONTests {
    @Test func membersAreSortedByUTF8BytesWithoutWhiteSpace() throws {
        let value: JSONValue = ["b": 1, "a": ["z": true, "y": nil], "é": "x", "B": false, "aa": [1, 2, 3], "": "empty"]
        #expect(try CanonicalJSON.string(value) == #"{"":"empty","B":false,"a":{"y":null,"z":true},"aa":[1,2,3],"b":1,"é":"x"}"#)
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() throws {
        #expect(try CanonicalJSON.string("quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{08} ff \u{0C}")
            == #""quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f""#)
        #expect(try CanonicalJSON.string("\u{01}\u{1F}\u{7F}é😀") == "\"\\u0001\\u001f\u{7F}é😀\"")
        // No Unicode normalisation: precomposed and decomposed forms stay different bytes.
        #expect(try CanonicalJSON.encode("é") != CanonicalJSON.encode("e\u{0301}"))
    }

    @Test func numbersMustBeSafeIntegers() throws {
        #expect(try CanonicalJSON.string([0, -0.0, 42, -7, 9_007_199_254_740_991]) == "[0,0,42,-7,9007199254740991]")
        for bad in [1.5, 9_007_199_254_740_992, -9_007_199_254_740_992, Double.nan, Double.infinity] {
            #expect(throws: CanonicalJSON.EncodingError.self) { try CanonicalJSON.encode(.number(bad)) }
        }
        #expect(throws: CanonicalJSON.EncodingError.self) { try CanonicalJSON.encode(["deep": [["x": 0.25]]]) }
    }

    @Test func equalValuesGiveEqualBytesWhateverTheirConstructionOrder() throws {
        var first: [String: JSONValue] = [:]
        var second: [String: JSONValue] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for key in keys { first[key] = .string(key) }
        for key in keys.reversed() { second[key] = .string(key) }
        #expect(try CanonicalJSON.encode(.object(first)) == CanonicalJSON.encode(.object(second)))
    }
}
