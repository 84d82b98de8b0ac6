import FoundationEssentials
import Testing
import GuichetCore

@Suite struct JSONValueTests {
    @Test func decodesEveryKind() throws {
        let value = try JSONTestSupport.parse(#"{"a":null,"b":true,"c":1.5,"d":"x","e":[1,"y"],"f":{"g":false}}"#)
        #expect(value["a"] == .null)
        #expect(value["b"] == .bool(true))
        #expect(value["c"] == .number(1.5))
        #expect(value["d"] == .string("x"))
        #expect(value["e"] == [1, "y"])
        #expect(value["e"]?[1] == "y")
        #expect(value["e"]?[5] == nil)
        #expect(value["f"]?["g"]?.boolValue == false)
        #expect(value["missing"] == nil)
    }

    @Test func booleansAndNumbersStayDistinct() throws {
        #expect(try JSONTestSupport.parse("[true, 1, 0, false]") == [true, 1, 0, false])
    }

    @Test func encodesCompactAndSorted() {
        let value: JSONValue = ["b": [1, 2.5, nil], "a": "x", "c": ["z": true]]
        #expect(String(decoding: value.encodedJSON, as: UTF8.self) == #"{"a":"x","b":[1,2.5,null],"c":{"z":true}}"#)
    }

    @Test func numbersAreWrittenAsJSON() {
        func text(_ value: Double) -> String { String(decoding: JSONValue.number(value).encodedJSON, as: UTF8.self) }
        #expect(text(3) == "3")
        #expect(text(-0.0) == "0")
        #expect(text(-42) == "-42")
        #expect(text(0.1) == "0.1")
        #expect(text(1e300) == "1e+300")
        #expect(text(.nan) == "null")
        #expect(text(.infinity) == "null")
        #expect(text(9_007_199_254_740_994) == "9.007199254740994e+15")
        #expect(text(9_007_199_254_740_991) == "9007199254740991")
    }

    @Test func stringsAreEscaped() throws {
        let tricky = "quote\" backslash\\ newline\n tab\t cr\r nul\u{0} bell\u{7} del\u{7F} é ع 😀 </script>"
        let bytes = JSONValue.string(tricky).encodedJSON
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"\""#))
        #expect(text.contains(#"\\"#))
        #expect(text.contains(#"\n"#))
        #expect(text.contains(#"\u0000"#))
        #expect(text.contains(#"\u0007"#))
        #expect(!bytes.contains(0x0A))
        #expect(!bytes.contains(0x00))
        #expect(try JSONTestSupport.parse(bytes) == .string(tricky))
        // DEL is escaped unless a fixed format keeps it raw.
        #expect(text.contains(#"\u007f"#))
        var raw: [UInt8] = []
        JSONWriter.appendQuoted("a\u{7F}\u{1}é", to: &raw, escapingDelete: false)
        #expect(raw == Array("\"a\u{7F}\\u0001é\"".utf8))
    }

    @Test func codableRoundTripThroughFoundation() throws {
        let value: JSONValue = ["next_slots": ["2026-03-02T09:00:00+01:00"], "count": 2, "ok": true, "none": nil]
        #expect(try JSONTestSupport.roundTrip(value) == value)
        #expect(try JSONTestSupport.parse(value.encodedJSON) == value)
    }

    @Test func writerSeparatesMembersAndElements() {
        var json = JSONWriter()
        json.openObject()
        json.writeKey("a")
        json.openArray()
        json.write(1)
        json.write("two")
        json.openObject()
        json.closeObject()
        json.writeNull()
        json.closeArray()
        json.writeKey("b")
        json.writeRawValue(Array("[true]".utf8))
        json.writeKey("c")
        json.write(false)
        json.closeObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a":[1,"two",{},null],"b":[true],"c":false}"#)
    }
}
