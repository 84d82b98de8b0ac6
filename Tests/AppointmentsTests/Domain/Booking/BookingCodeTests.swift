import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

/// A deterministic generator for tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite struct BookingCodeTests {
    @Test func codesAreTenSymbolsOfTheAlphabetGroupedByFive() {
        let alphabet = Set(CrockfordBase32.alphabet)
        var generator = SeededGenerator(state: 42)
        for _ in 0..<1000 {
            let code = BookingCode.random(using: &generator)
            #expect(code.canonical.utf8.count == 10)
            #expect(code.canonical.utf8.allSatisfy(alphabet.contains))
            #expect(code.displayed.count == 11)
            #expect(Array(code.displayed)[5] == "-")
            #expect(BookingCode(code.displayed) == code)
            #expect(code.description == code.displayed)
        }
        // The smallest and largest 50-bit values keep their ten symbols.
        struct Fixed: RandomNumberGenerator {
            var value: UInt64
            mutating func next() -> UInt64 { value }
        }
        var zero = Fixed(value: 0)
        #expect(BookingCode.random(using: &zero).canonical == "0000000000")
        var all = Fixed(value: .max)
        #expect(BookingCode.random(using: &all).canonical == "ZZZZZZZZZZ")
    }

    @Test func secureCodesDoNotRepeat() {
        var seen: Set<BookingCode> = []
        for _ in 0..<20_000 { seen.insert(BookingCode.random()) }
        // 20 000 draws from 2^50: a collision has probability below 2e-7.
        #expect(seen.count == 20_000)
        // Every symbol position varies.
        let codes = Array(seen.prefix(2000)).map { Array($0.canonical.utf8) }
        for position in 0..<10 { #expect(Set(codes.map { $0[position] }).count > 20) }
    }

    @Test func parsingForgivesCaseSeparatorsAndLookAlikes() throws {
        let code = try #require(BookingCode("7K3QD-M9XT1"))
        #expect(BookingCode("7k3qd-m9xt1") == code)
        #expect(BookingCode("7K3QDM9XT1") == code)
        #expect(BookingCode(" 7K3 QD M9X T1 ") == code)
        #expect(BookingCode("7K3 QD-M9X TI") == code)
        #expect(BookingCode("7K3QD-M9XTl") == code)
        #expect(BookingCode("OOOOO-OOOOO")?.canonical == "0000000000")
    }

    @Test(arguments: ["", "7K3QD-M9XT", "7K3QD-M9XT11", "7K3QD-M9XTU", "7K3QD_M9XT1", "7K3QD-M9XT!", "٧K3QD-M9XT1", "7K3QD\nM9XT1"])
    func rejectsWhatIsNotACode(_ text: String) {
        #expect(BookingCode(text) == nil)
    }
}
