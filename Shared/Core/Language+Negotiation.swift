extension Language {
    /// The most header bytes looked at; anything beyond is ignored (a real header is tiny).
    static let negotiationInputLimit = 4096
    /// The most language ranges looked at.
    static let negotiationRangeLimit = 32

    /// Chooses the language to answer in from an `Accept-Language` header (RFC 9110, section 12.5.4).
    ///
    /// Ranges are tried in decreasing order of weight (`q`), ties in the order given; a range matches
    /// a language when its primary subtag is that language (`ar-MA` matches Arabic), and `*` matches any
    /// language that no other range excluded. Ranges with `q=0` exclude a language. Malformed ranges
    /// are skipped; a missing, empty or unusable header yields ``Language/default`` (French).
    public static func negotiate(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage, !header.isEmpty else { return .default }
        var ranges: [(primary: Substring, weight: Int, order: Int)] = []
        var excluded: Set<Language> = []
        var wildcardExcluded = false
        let elements = header.prefix(negotiationInputLimit).split(separator: ",").prefix(negotiationRangeLimit)
        for (index, element) in elements.enumerated() {
            guard let range = parseRange(element) else { continue }
            if range.weight == 0 {
                if range.primary == "*" {
                    wildcardExcluded = true
                } else if let language = Language(primarySubtag: range.primary) {
                    excluded.insert(language)
                }
                continue
            }
            ranges.append((range.primary, range.weight, index))
        }
        ranges.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.order < $1.order }
        for range in ranges {
            if range.primary == "*" {
                if wildcardExcluded { continue }
                let named = Set(ranges.compactMap { Language(primarySubtag: $0.primary) })
                let candidates = [Language.default] + Language.allCases.filter { $0 != .default }
                if let choice = candidates.first(where: { !excluded.contains($0) && !named.contains($0) }) {
                    return choice
                }
                continue
            }
            if let language = Language(primarySubtag: range.primary), !excluded.contains(language) {
                return language
            }
        }
        return .default
    }

    /// Creates a language from a primary language subtag such as `fr`, `AR` or `en`.
    init?(primarySubtag: Substring) {
        switch primarySubtag.lowercased() {
        case "fr": self = .fr
        case "ar": self = .ar
        case "en": self = .en
        default: return nil
        }
    }

    /// Parses one `language-range [ OWS ";" OWS "q=" qvalue ]` element; the weight is in thousandths.
    private static func parseRange(_ element: Substring) -> (primary: Substring, weight: Int)? {
        let parts = element.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first else { return nil }
        let range = first.trimmingWhitespace()
        guard !range.isEmpty else { return nil }
        if range != "*" {
            // language-range = 1*8ALPHA *( "-" 1*8alphanum )
            let subtags = range.split(separator: "-", omittingEmptySubsequences: false)
            guard let primary = subtags.first, (1...8).contains(primary.count),
                primary.utf8.allSatisfy(\.isASCIILetter)
            else { return nil }
            for subtag in subtags.dropFirst() {
                guard (1...8).contains(subtag.count), subtag.utf8.allSatisfy(\.isASCIILetterOrDigit) else {
                    return nil
                }
            }
        }
        var weight = 1000
        for parameter in parts.dropFirst() {
            let trimmed = parameter.trimmingWhitespace()
            guard trimmed.count >= 2, trimmed.first == "q" || trimmed.first == "Q",
                trimmed.dropFirst().first == "="
            else {
                return nil
            }
            guard let parsed = parseQValue(trimmed.dropFirst(2)) else { return nil }
            weight = parsed
        }
        let primary = range == "*" ? range : range.prefix { $0 != "-" }
        return (primary, weight)
    }

    /// Parses `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` into thousandths.
    private static func parseQValue(_ text: Substring) -> Int? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var value = first == UInt8(ascii: "1") ? 1000 : 0
        if bytes.count == 1 { return value }
        guard bytes[1] == UInt8(ascii: "."), bytes.count <= 5 else { return nil }
        var scale = 100
        for byte in bytes.dropFirst(2) {
            guard byte.isASCIIDigit else { return nil }
            value += Int(byte - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }
}

extension Substring {
    /// The text without leading and trailing spaces and horizontal tabs (HTTP's OWS).
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isASCIILetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }
    var isASCIILetterOrDigit: Bool { isASCIIDigit || isASCIILetter }
}
