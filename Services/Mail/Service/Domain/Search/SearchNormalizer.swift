/// Normalises French and Arabic text the same way for indexing and for querying, so that PostgreSQL's
/// text search (with the `simple` configuration over the normalised text) matches what people mean.
///
/// - Letters are lower-cased and French accents removed: `Élève` → `eleve`, `cœur` → `coeur`; combining
///   marks of decomposed text go too.
/// - Arabic: short vowels and other marks (tashkeel) and the tatweel are removed; `أ إ آ ٱ` become `ا`,
///   `ة` becomes `ه` and `ى` becomes `ي`.
/// - Eastern Arabic and Persian digits become ASCII digits: `٢٠٢٦` → `2026`.
/// - Typographic apostrophes become `'`; runs of white space become one space, trimmed.
///
/// Numbers are found with or without the spaces people put in them (``numberTerms(inText:)``,
/// ``numberTerms(inQuery:)``) and registry numbers whatever their separators (``SearchQuery``).
public enum SearchNormalizer {
    /// The longest digit run kept as a number term; longer runs are not numbers people search for.
    public static let maximumNumberLength = 20

    /// `text` normalised for matching.
    public static func normalize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if scalar.isASCII {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                let value = scalar.value
                output.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
                continue
            }
            let mapped = fold(scalar)
            guard !mapped.isEmpty else { continue }
            if pendingSpace { output.append(" ") }
            pendingSpace = false
            output.append(contentsOf: mapped)
        }
        return String(output)
    }

    /// `text` normalised, with every character that is neither a letter nor a digit made a space and
    /// runs of spaces collapsed: words PostgreSQL's parser reads one by one, so that an address, an
    /// apostrophe or a slash never glues words into one token (`l'École/2026` → `l ecole 2026`).
    public static func words(_ text: String) -> String {
        var output = ""
        var pendingSpace = false
        for character in normalize(text) {
            if character.isLetter || character.isNumber {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(character)
            } else {
                pendingSpace = true
            }
        }
        return output
    }

    /// The number terms to index for `text`: every run of digits without its leading zeros, and each
    /// group of runs separated by single spaces joined into one number (`06 12 34 56 78` gives
    /// `612345678` as well as `6`, `12`, `34`, `56`, `78`). Unique, in order of appearance.
    public static func numberTerms(inText text: String) -> [String] {
        var terms: [String] = []
        var seen: Set<String> = []
        for group in digitGroups(normalize(text)) {
            for term in group.count > 1 ? [group.joined()] + group : group {
                let stripped = strippingLeadingZeros(term)
                if stripped.utf8.count <= maximumNumberLength, seen.insert(stripped).inserted { terms.append(stripped) }
            }
        }
        return terms
    }

    /// The number terms of a query: each group of digit runs separated by single spaces, joined and
    /// without leading zeros (`000 123` → `123`), so that a number typed with or without its spaces
    /// finds the same items.
    public static func numberTerms(inQuery query: String) -> [String] {
        var terms: [String] = []
        for group in digitGroups(normalize(query)) {
            let term = strippingLeadingZeros(group.joined())
            if term.utf8.count <= maximumNumberLength, !terms.contains(term) { terms.append(term) }
        }
        return terms
    }

    /// The terms under which a registry number is indexed: its search key (`2026a123`) and its
    /// sequence (`123`), so that `2026/A/000123`, `000123` and `123` all find it.
    public static func indexTerms(for number: RegistryNumber) -> [String] {
        [number.searchKey, String(number.sequence)]
    }

    /// Runs of ASCII digits, grouped when only one space separates them.
    static func digitGroups(_ normalized: String) -> [[String]] {
        var groups: [[String]] = []
        var group: [String] = []
        var run: [UInt8] = []
        var spaceAfterRun = false
        func endRun() {
            if !run.isEmpty { group.append(String(decoding: run, as: UTF8.self)) }
            run = []
        }
        func endGroup() {
            endRun()
            if !group.isEmpty { groups.append(group) }
            group = []
        }
        for byte in normalized.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if !spaceAfterRun, run.isEmpty { endGroup() }
                spaceAfterRun = false
                run.append(byte)
            } else if byte == UInt8(ascii: " "), !run.isEmpty {
                endRun()
                spaceAfterRun = true
            } else {
                spaceAfterRun = false
                endGroup()
            }
        }
        endGroup()
        return groups
    }

    static func strippingLeadingZeros(_ digits: String) -> String {
        let stripped = digits.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    /// What a non-ASCII scalar becomes: nothing (marks), one or more scalars.
    static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let value = scalar.value
        switch value {
        case 0x0660...0x0669: return [Unicode.Scalar(UInt8(value - 0x0660) + UInt8(ascii: "0"))]
        case 0x06F0...0x06F9: return [Unicode.Scalar(UInt8(value - 0x06F0) + UInt8(ascii: "0"))]
        case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED: return []  // tashkeel, superscript alef, tatweel, Quranic marks
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return ["\u{0627}"]  // alef forms
        case 0x0629: return ["\u{0647}"]  // taa marbuta → haa
        case 0x0649: return ["\u{064A}"]  // alef maqsura → yaa
        case 0x0300...0x036F: return []  // combining diacritical marks
        case 0x2018, 0x2019, 0x02BC: return ["'"]
        case 0x200B...0x200F, 0x061C, 0xFEFF: return []  // zero-width and direction marks
        default: break
        }
        var result: [Unicode.Scalar] = []
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if let folded = latinFolding[lower.value] {
                result.append(contentsOf: folded.unicodeScalars)
            } else if !(0x0300...0x036F).contains(lower.value) {
                result.append(lower)
            }
        }
        return result
    }

    /// Lower-case Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A) and the
    /// letters they stand for.
    static let latinFolding: [UInt32: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšſ", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
            ("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ð", "d"), ("þ", "th"), ("ĳ", "ij"),
        ]
        var table: [UInt32: String] = [:]
        for (letters, replacement) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = replacement }
        }
        return table
    }()
}
