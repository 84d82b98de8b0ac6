/// How a free-text field a person typed is cleaned and checked: subjects, descriptions, names,
/// replies, reasons.
///
/// Cleaning, in order: line breaks are unified to `\n` (CRLF, CR, U+2028 and U+2029) when the
/// field allows them; control characters (Unicode category Cc, and line breaks and tabs in a
/// single-line field) and noncharacters are refused; leading and trailing white space is
/// trimmed; the text is put in Unicode normalisation form C, so that `é` typed as `e` + U+0301
/// and Arabic letters with combining marks compare and index like their precomposed forms. Length
/// is counted in characters (grapheme clusters), as a person counts; to bound the work on
/// pathological input, a text of more than four Unicode scalars per allowed character is too long.
///
/// A blank text (only white space and line breaks) is empty, whatever the field allows: `required`
/// when ``minimumLength`` is above 0. Errors are appended to a list so that a form reports every
/// invalid field at once.
///
/// ```swift
/// let subject = TextRule(minimumLength: 3, maximumLength: 200)
/// var errors: [FieldError] = []
/// let text = subject.clean(raw, field: "/subject", errors: &errors)   // nil when an error was added
/// ```
public struct TextRule: Sendable, Hashable {
    /// The fewest characters accepted (after trimming); 0 lets an optional field be empty.
    public var minimumLength: Int
    /// The most characters accepted.
    public var maximumLength: Int
    /// Whether the text may span several lines (and hold tabs).
    public var allowsLineBreaks: Bool

    /// A rule for texts of `minimumLength...maximumLength` characters.
    public init(minimumLength: Int, maximumLength: Int, allowsLineBreaks: Bool = false) {
        precondition(minimumLength >= 0 && minimumLength <= maximumLength, "Invalid text length bounds")
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.allowsLineBreaks = allowsLineBreaks
    }

    /// The cleaned text, or `nil` after appending the reason to `errors` (`required` when empty,
    /// `too_short`, `too_long`, `control_character`), with `field` as the error's JSON pointer.
    public func clean(_ raw: String, field: String, errors: inout [FieldError]) -> String? {
        // Reject absurd input before looking at it closely.
        guard raw.utf8.count <= maximumLength * 16 + 1024 else {
            errors.append(.tooLong(field, maximum: maximumLength))
            return nil
        }
        if raw.isBlank {
            if minimumLength > 0 { errors.append(.required(field)) }
            return minimumLength > 0 ? nil : ""
        }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in raw.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\r", "\n", "\u{2028}", "\u{2029}":
                guard allowsLineBreaks else {
                    errors.append(.controlCharacter(field))
                    return nil
                }
                if scalar == "\n" && previousWasCR { continue }
                scalars.append("\n")
            case "\t" where allowsLineBreaks:
                scalars.append(scalar)
            default:
                guard !Self.isForbidden(scalar) else {
                    errors.append(.controlCharacter(field))
                    return nil
                }
                scalars.append(scalar)
            }
        }
        let text = Self.normalizedNFC(String(String(scalars).trimmingWhitespace()))
        if text.isEmpty && minimumLength > 0 {
            errors.append(.required(field))
            return nil
        }
        if text.unicodeScalars.count > maximumLength * 4 || text.count > maximumLength {
            errors.append(.tooLong(field, maximum: maximumLength))
            return nil
        }
        if text.count < minimumLength {
            errors.append(.tooShort(field, minimum: minimumLength))
            return nil
        }
        return text
    }

    /// Whether a scalar is never accepted in text: C0 and C1 controls, DEL, and noncharacters.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return true }
        return false
    }

    /// `text` in Unicode normalisation form C (ASCII text is returned as it is).
    static func normalizedNFC(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // The standard library's NFC normaliser (the one Foundation's
        // `precomposedStringWithCanonicalMapping` uses); FoundationEssentials does not expose it.
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }
}
