import Testing
@testable import GuichetCore

@Suite struct LanguageTests {
    @Test(arguments: [
        (nil, Language.fr),
        ("", .fr),
        ("ar", .ar),
        ("ar-MA", .ar),
        ("AR-ma", .ar),
        ("en-US,en;q=0.9", .en),
        ("de-DE, en;q=0.5, ar;q=0.8", .ar),
        ("de, es", .fr),
        ("*", .fr),
        ("fr;q=0, *", .ar),
        ("de, *;q=0.1", .fr),
        ("en;q=0.1, *;q=0.5", .fr),
        ("fr;q=0.2, ar;q=0.2, en;q=0.9", .en),
        ("fr;q=0.5, ar;q=0.5", .fr),
        ("ar;q=0.5, fr;q=0.5", .ar),
        ("en;q=0, ar;q=0, fr;q=0", .fr),
        ("ar;q=0, en", .en),
        ("zh-Hant-TW, ar-Latn-MA;q=0.3", .ar),
        ("en;q=1.000, ar;q=0.999", .en),
        (" ar ; q=0.7 ,\ten ; q=0.8", .en),
    ] as [(String?, Language)])
    func negotiation(header: String?, expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }

    @Test(arguments: [
        "en;q=2, ar",  // q above 1 is invalid: en is skipped
        "en;q=0.5000, ar;q=0.1",  // four decimals: en is skipped
        "en;q=abc, ar;q=0.1",
        "en;q=, ar;q=0.1",
        "en;;, ar;q=0.1",
        "e n, ar;q=0.1",
        "en-, ar;q=0.1",
        "toolongprimary, ar;q=0.1",
        "en;level=1, ar;q=0.1",
    ])
    func malformedRangesAreSkipped(header: String) {
        #expect(Language.negotiate(acceptLanguage: header) == .ar)
    }

    @Test(arguments: [
        ",,,;;;===",
        "q=1",
        ";q=1",
        "\u{0}\u{1}\u{2}",
        "ع;q=1",
        "😀, 🇲🇦;q=0.3",
        String(repeating: "x", count: 100_000),
        String(repeating: "en;q=0.1,", count: 10_000),
        String(repeating: "-", count: 5000),
    ])
    func garbageNeverCrashesAndDefaultsSensibly(header: String) {
        let language = Language.negotiate(acceptLanguage: header)
        #expect(Language.allCases.contains(language))
    }

    @Test func onlyTheFirstRangesAreConsidered() {
        let header = String(repeating: "de,", count: 40) + "ar"
        #expect(Language.negotiate(acceptLanguage: header) == .fr)
    }

    @Test func rightToLeft() {
        #expect(Language.ar.isRightToLeft)
        #expect(!Language.fr.isRightToLeft)
        #expect(!Language.en.isRightToLeft)
        #expect(Language.default == .fr)
        #expect(Language.ar.tag == "ar")
    }
}

@Suite struct LocalizedTextTests {
    @Test func fallsBackToFrench() {
        let text = LocalizedText(fr: "Bonjour")
        #expect(text.text(in: .fr) == "Bonjour")
        #expect(text.text(in: .ar) == "Bonjour")
        #expect(text.text(in: .en) == "Bonjour")
        let full = LocalizedText(fr: "Bonjour", ar: "مرحبا", en: "Hello")
        #expect(full.text(in: .ar) == "مرحبا")
        #expect(full.text(in: .en) == "Hello")
    }

    @Test func parametersAreReplacedInEveryLanguage() {
        let text = LocalizedText(fr: "Au plus {max}.", ar: "{max} على الأكثر.", en: "At most {max}.")
            .replacing(["max": "200"])
        #expect(text == LocalizedText(fr: "Au plus 200.", ar: "200 على الأكثر.", en: "At most 200."))
    }

    @Test func codableRoundTrip() throws {
        let text = LocalizedText(fr: "Oui", en: "Yes")
        let decoded = try JSONTestSupport.roundTrip(text)
        #expect(decoded == text)
        let fromJSON = try JSONTestSupport.decode(LocalizedText.self, #"{"fr":"Non"}"#)
        #expect(fromJSON == LocalizedText(fr: "Non"))
        #expect(throws: (any Error).self) { try JSONTestSupport.decode(LocalizedText.self, #"{"ar":"لا"}"#) }
    }
}
