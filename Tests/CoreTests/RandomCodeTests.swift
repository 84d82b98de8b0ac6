import FoundationEssentials
import GuichetCore
import Testing

/// A code of 7 symbols in groups of 3, short enough to test every edge.
private enum ShortFormat: RandomCodeFormat {
    static let symbolCount = 7
    static let groupSize = 3
    static let maximumInputLength = 12
}

/// A code longer than one 64-bit draw (12 symbols).
private enum LongFormat: RandomCodeFormat {
    static let symbolCount = 25
    static let groupSize = 5
    static let maximumInputLength = 64
}

/// A generator that returns the same value forever.
private struct Constant: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

@Suite struct RandomCodeTests {
    @Test func symbolsComeFromTheHighestBitsFirst() {
        var zero = Constant(value: 0)
        #expect(RandomCode<ShortFormat>.random(using: &zero).canonical == "0000000")
        var all = Constant(value: .max)
        #expect(RandomCode<ShortFormat>.random(using: &all).canonical == "ZZZZZZZ")
        // 7 symbols take the low 35 bits: 1, 2, …, 7 from the highest group down.
        var counting = Constant(value: 1 << 30 | 2 << 25 | 3 << 20 | 4 << 15 | 5 << 10 | 6 << 5 | 7)
        #expect(RandomCode<ShortFormat>.random(using: &counting).canonical == "1234567")
        // 25 symbols take three draws (12 + 12 + 1).
        var long = Constant(value: .max)
        #expect(RandomCode<LongFormat>.random(using: &long).canonical == String(repeating: "Z", count: 25))
        var system = SystemRandomNumberGenerator()
        let codes = (0..<500).map { _ in RandomCode<LongFormat>.random(using: &system) }
        #expect(Set(codes).count == 500)
        #expect(codes.allSatisfy { $0.canonical.utf8.count == 25 && $0.canonical.utf8.allSatisfy(CrockfordBase32.alphabet.contains) })
    }

    @Test func displayedInGroupsAndParsedForgivingly() throws {
        let code = try #require(RandomCode<ShortFormat>("1234567"))
        #expect(code.displayed == "123-456-7" && code.description == code.displayed)
        for typed in ["123-456-7", "123 4567", "I23-456-7", "l234567", " 1-2-34567 "] {
            #expect(RandomCode<ShortFormat>(typed) == code, "\(typed)")
        }
        #expect(RandomCode<ShortFormat>("OOOOOOO")?.canonical == "0000000")
    }

    @Test func parsingRejectsWrongLengthsSymbolsAndLongInput() {
        for bad in ["", "123456", "12345678", "123456U", "123_4567", "١٢٣٤٥٦٧", "1234567\n", "1-2-3-4-5-6-7--", String(repeating: "-", count: 10_000)] {
            #expect(RandomCode<ShortFormat>(bad) == nil, "\(bad.prefix(20))")
        }
    }

    @Test func codableInDisplayedForm() throws {
        let code = try #require(RandomCode<ShortFormat>("1234567"))
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["123-456-7"]"#)
        #expect(try JSONDecoder().decode([RandomCode<ShortFormat>].self, from: Data(#"["i23 4567"]"#.utf8)) == [code])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RandomCode<ShortFormat>].self, from: Data(#"["123"]"#.utf8)) }
    }
}
