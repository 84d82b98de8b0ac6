import Testing
import GuichetCore

@Suite struct TextRuleTests {
    let line = TextRule(minimumLength: 3, maximumLength: 10)
    let paragraph = TextRule(minimumLength: 1, maximumLength: 50, allowsLineBreaks: true)

    private func clean(_ text: String, _ rule: TextRule) -> (String?, [String]) {
        var errors: [FieldError] = []
        let result = rule.clean(text, field: "/f", errors: &errors)
        #expect(errors.allSatisfy { $0.field == "/f" })
        return (result, errors.map(\.code))
    }

    @Test func trimsAndKeepsInnerText() {
        #expect(clean("  abc  ", line).0 == "abc")
        #expect(clean("\u{A0}\u{2003}abc def\u{3000}", line).0 == "abc def")
        #expect(clean("\n\n  line one\r\nline two\rline three\u{2028}four\n\n", paragraph).0 == "line one\nline two\nline three\nfour")
        #expect(clean("a\tb", paragraph).0 == "a\tb")
    }

    @Test func normalisesToNFCAndKeepsArabicIntact() {
        let decomposed = "e\u{301}te\u{301}"
        #expect(clean(decomposed, line).0 == "\u{E9}t\u{E9}")
        #expect(clean(decomposed, line).0?.unicodeScalars.count == 3)
        let arabic = "شكاية بخصوص إنارة الشارع"
        #expect(clean(arabic, paragraph).0 == arabic)
        // Alef followed by a combining madda becomes the precomposed alef with madda.
        #expect(clean("\u{627}\u{653}\u{645}\u{646}", line).0 == "\u{622}\u{645}\u{646}")
        // Right-to-left marks are ordinary format characters, kept.
        #expect(clean("\u{200F}مرحبا\u{200F}", line).0 == "\u{200F}مرحبا\u{200F}")
    }

    @Test func countsCharactersAsPeopleDo() {
        // Ten characters, some of several scalars or bytes.
        #expect(clean("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}abcde", line).0 != nil)
        #expect(clean("👍🏽👍🏽👍🏽", line).0 == "👍🏽👍🏽👍🏽")
        #expect(clean("مرحبا بكم!", line).0 != nil)
        #expect(clean("abcdefghijk", line).1 == ["too_long"])
        #expect(clean("ab", line).1 == ["too_short"])
        #expect(clean("   ", line).1 == ["required"])
        #expect(clean("", line).1 == ["required"])
        // Blank is empty, even with line breaks in a single-line field.
        #expect(clean("   \n ", line).1 == ["required"])
        #expect(clean(" \n\t", TextRule(minimumLength: 0, maximumLength: 10)) == ("", []))
        // A grapheme stuffed with combining marks is one character but far too many scalars.
        #expect(clean("a" + String(repeating: "\u{301}", count: 60), line).1 == ["too_long"])
        #expect(clean(String(repeating: "x", count: 1_000_000), line).1 == ["too_long"])
    }

    /// "ab", the scalar, "c" (Swift refuses noncharacters in string literals).
    private static func withScalar(_ value: UInt32) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: "ab".unicodeScalars)
        if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        scalars.append("c")
        return String(scalars)
    }

    @Test func refusesControlCharacters() {
        for bad in ["ab\u{0}c", "ab\u{7}c", "ab\u{1B}[31mc", "abc\u{7F}", "ab\u{85}c", "ab\u{9B}c", Self.withScalar(0xFFFE), Self.withScalar(0xFDD0), Self.withScalar(0x10FFFF)] {
            #expect(clean(bad, line).1 == ["control_character"], "\(bad.unicodeScalars.map(\.value))")
            #expect(clean(bad, paragraph).1 == ["control_character"])
        }
        for lineBreak in ["ab\nc", "ab\rc", "ab\tc", "ab\u{2028}c"] {
            #expect(clean(lineBreak, line).1 == ["control_character"])
        }
    }
}

extension TextRuleTests {
    @Test func translationsAreCleanedOneByOne() {
        let rule = TextRule(minimumLength: 1, maximumLength: 5)
        var errors: [FieldError] = []
        let clean = rule.clean(LocalizedText(fr: " Voie ", ar: "طريق", en: nil), field: "/name", errors: &errors)
        #expect(clean == LocalizedText(fr: "Voie", ar: "طريق") && errors.isEmpty)
        let bad = rule.clean(LocalizedText(fr: "  ", ar: "", en: "Roads!"), field: "/name", errors: &errors)
        #expect(bad == nil)
        #expect(errors.map { "\($0.field) \($0.code)" } == ["/name/fr required", "/name/ar required", "/name/en too_long"])
        // An optional rule still wants every given translation filled.
        errors = []
        #expect(TextRule(minimumLength: 0, maximumLength: 5).clean(LocalizedText(fr: "x", en: " "), field: "/d", errors: &errors) == nil)
        #expect(errors.map(\.field) == ["/d/en"])
        errors = []
        #expect(rule.clean(LocalizedText(fr: "a\u{7}b"), field: "/n", errors: &errors) == nil)
        #expect(errors.map(\.code) == ["control_character"])
    }
}

@Suite struct TrimmingTests {
    @Test func trimsEveryKindOfWhiteSpace() {
        #expect("\u{A0} Amina \n".trimmingWhitespace() == "Amina")
        #expect("\t\r\n\u{2028}\u{3000}".trimmingWhitespace().isEmpty)
        #expect("".trimmingWhitespace().isEmpty)
        #expect("a b".trimmingWhitespace() == "a b")
        #expect(" x ".dropFirst().trimmingWhitespace() == "x")
        #expect(" \n\u{A0}".isBlank && "".isBlank && !" x ".isBlank)
    }
}
