import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct TrackingCodeTests {
    @Test func randomCodesAreSixteenSymbolsAndDistinct() {
        var seen: Set<TrackingCode> = []
        for _ in 0..<2000 {
            let code = TrackingCode.random()
            #expect(code.canonical.utf8.count == 16)
            #expect(code.canonical.utf8.allSatisfy { CrockfordBase32.alphabet.contains($0) })
            #expect(code.bytes.count == 10)
            seen.insert(code)
        }
        #expect(seen.count == 2000)
    }

    @Test func displayedInGroupsOfFour() throws {
        let code = try #require(TrackingCode(bytes: [0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF]))
        #expect(code.canonical == "0123456789ABCDEF")
        #expect(code.displayed == "0123-4567-89AB-CDEF")
        #expect(code.description == code.displayed)
        #expect(code.bytes == [0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF])
        #expect(TrackingCode(bytes: [UInt8](repeating: 0xFF, count: 10))?.canonical == "ZZZZZZZZZZZZZZZZ")
        #expect(TrackingCode(bytes: [1, 2, 3]) == nil)
        #expect(TrackingCode(bytes: []) == nil)
        #expect(TrackingCode(bytes: [UInt8](repeating: 0, count: 11)) == nil)
    }

    @Test func parsingForgivesCaseSeparatorsAndConfusableLetters() throws {
        let code = try #require(TrackingCode("0123-4567-89AB-CDEF"))
        for typed in ["0123456789ABCDEF", "0123-4567-89ab-cdef", "o123 4567 89AB CDEF", "OI23-4567-89AB-CDEF", "0l23456789abcdef",
            " 0123 - 4567 - 89AB - CDEF ", "0-1-2-3-4-5-6-7-8-9-A-B-C-D-E-F"]
        {
            #expect(TrackingCode(typed) == code, "\(typed)")
        }
        #expect(TrackingCode("0123-4567-89AB-CDEF")?.canonical == "0123456789ABCDEF")
    }

    @Test func parsingRejectsEverythingElseWithoutTrapping() {
        let bad = [
            "", "-", "0123-4567-89AB-CDE", "0123-4567-89AB-CDEF0", "0123-4567-89AB-CDEU", "0123_4567_89AB_CDEF",
            "0123-4567-89AB-CDE!", "٠١٢٣-4567-89AB-CDEF", "0123\u{0}4567-89AB-CDEF", "ÀBCD-EFGH-JKMN-PQRS",
            String(repeating: "0", count: 41), String(repeating: "-", count: 10_000), String(repeating: "A", count: 1_000_000),
            "../../etc/passwd", "0123-4567-89AB-CDEF\n", "'; DROP TABLE complaints; --",
        ]
        for text in bad {
            #expect(TrackingCode(text) == nil, "\(text.prefix(40))")
        }
    }

    @Test func codableInDisplayedForm() throws {
        let code = try #require(TrackingCode("7KQ3M9XD2TNBHV0R"))
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["7KQ3-M9XD-2TNB-HV0R"]"#)
        #expect(try JSONDecoder().decode([TrackingCode].self, from: Data(#"["7kq3 m9xd 2tnb hvor"]"#.utf8)) == [code])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TrackingCode].self, from: Data(#"["7KQ3"]"#.utf8)) }
    }
}
