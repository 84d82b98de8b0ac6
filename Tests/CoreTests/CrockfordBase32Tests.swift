import Testing
import GuichetCore

@Suite struct CrockfordBase32Tests {
    @Test func encodesIntegers() {
        #expect(CrockfordBase32.encode(0) == "0")
        #expect(CrockfordBase32.encode(31) == "Z")
        #expect(CrockfordBase32.encode(32) == "10")
        #expect(CrockfordBase32.encode(1234) == "16J")
        #expect(CrockfordBase32.encode(5, minimumLength: 4) == "0005")
        #expect(CrockfordBase32.encode(UInt64.max) == "FZZZZZZZZZZZZ")
    }

    @Test func decodesIntegers() {
        #expect(CrockfordBase32.decodeInteger("16J") == 1234)
        #expect(CrockfordBase32.decodeInteger("16j") == 1234)
        #expect(CrockfordBase32.decodeInteger("FZZZZZZZZZZZZ") == UInt64.max)
        #expect(CrockfordBase32.decodeInteger("G000000000000") == nil)  // 2^64 overflows
        #expect(CrockfordBase32.decodeInteger("") == nil)
        #expect(CrockfordBase32.decodeInteger("--") == nil)
    }

    @Test func encodesBytesAndRoundTrips() throws {
        #expect(CrockfordBase32.encode([UInt8]()) == "")
        #expect(CrockfordBase32.encode([0xFF]) == "ZW")
        #expect(CrockfordBase32.encode([0x00, 0x00, 0x00, 0x00, 0x00]) == "00000000")
        #expect(CrockfordBase32.encode(Array("foobar".utf8)) == "CSQPYRK1E8")
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = CrockfordBase32.encode(bytes)
            #expect(text.count == (length * 8 + 4) / 5)
            #expect(try #require(CrockfordBase32.decode(text)) == bytes)
        }
    }

    @Test func trackingCodesAreSixteenSymbols() throws {
        let bytes: [UInt8] = [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0, 0x01, 0x23]
        let code = CrockfordBase32.encode(bytes)
        #expect(code.count == 16)
        let grouped = CrockfordBase32.grouped(code)
        #expect(grouped.count == 19)
        #expect(grouped.split(separator: "-").map(\.count) == [4, 4, 4, 4])
        #expect(CrockfordBase32.decode(grouped) == bytes)
        #expect(CrockfordBase32.decode(grouped.lowercased().replacing("-", with: " ")) == bytes)
        #expect(CrockfordBase32.grouped("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS")
        #expect(CrockfordBase32.grouped("ABCDEFG", groupSize: 3, separator: " ") == "ABC DEF G")
    }

    @Test func confusableLettersAreMapped() {
        #expect(CrockfordBase32.normalize("o1-iL") == "0111 ".trimmingCharacters())
        #expect(CrockfordBase32.decodeInteger("IO") == CrockfordBase32.decodeInteger("10"))
        #expect(CrockfordBase32.decodeInteger("lo") == 32)
    }

    @Test(arguments: ["U", "u", "!", "AB_C", "é", "😀", "0u12", "A\u{0}B", "A\tB", "A\nB", "A.B", "=", "A+B"])
    func invalidCharactersAreRejected(text: String) {
        #expect(CrockfordBase32.decode(text) == nil)
        #expect(CrockfordBase32.decodeInteger(text) == nil)
        #expect(CrockfordBase32.normalize(text) == nil)
    }

    @Test func nonCanonicalPaddingIsRejected() {
        #expect(CrockfordBase32.decode("ZW") == [0xFF])
        #expect(CrockfordBase32.decode("ZZ") == nil)  // the two padding bits are not zero
        #expect(CrockfordBase32.decode("Z") == nil)  // five bits are no byte and are not zero padding
        #expect(CrockfordBase32.decode("0") == nil)  // five padding bits: not a canonical encoding
    }

    @Test func overlongInputIsRejected() {
        #expect(CrockfordBase32.decode(String(repeating: "0", count: 10_000)) == nil)
        #expect(CrockfordBase32.normalize(String(repeating: "-", count: 257)) == nil)
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String { String(filter { $0 != " " }) }
}
