/// A phone number normalised to E.164 (`+212612345678`), from the forms people type.
///
/// Accepted:
/// - international: `+` or `00`, then the country code and number, 8 to 15 digits in all;
/// - national, in the country of `defaultCallingCode` (Morocco unless told otherwise): the number
///   with or without its trunk `0` (`06 12 34 56 78`, `612345678`), which becomes
///   `+212 6 12 34 56 78`; also the country code typed without the plus (`212612345678`), and
///   `+212 0…` with the trunk zero kept by mistake.
///
/// Spaces, hyphens, dots, no-break spaces and parentheses between digits are ignored, and
/// Arabic-Indic digits (`٠٦١٢…`) are read as digits. A Moroccan (+212) number must have 9 digits
/// after the country code, starting with 5–8. Anything else (letters, a `+` after a digit, too few or
/// too many digits, surrounding white space — callers trim first) is rejected.
///
/// ```swift
/// PhoneNumber("06 12 34 56 78")?.e164                          // "+212612345678"
/// PhoneNumber("0612345678", defaultCallingCode: "33")?.e164    // "+33612345678"
/// ```
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// Morocco's country calling code, the default for national numbers.
    public static let moroccoCountryCode = "212"
    /// The longest text looked at.
    public static let maximumInputLength = 40
    /// The digits of a Moroccan national number, after the country code.
    private static let moroccanNationalDigits = 9

    /// The number in E.164 form: `+`, country code and subscriber number, digits only.
    public let e164: String

    /// The number, or `nil` if `text` is not a phone number in an accepted form (or
    /// `defaultCallingCode` is not 1 to 3 digits).
    public init?(_ text: some StringProtocol, defaultCallingCode: String = PhoneNumber.moroccoCountryCode) {
        guard text.utf8.count <= Self.maximumInputLength else { return nil }
        let code = Array(defaultCallingCode.utf8)
        guard (1...3).contains(code.count), code.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        var digits: [UInt8] = []
        var international = false
        for scalar in text.unicodeScalars {
            if let digit = Self.digitValue(scalar) {
                digits.append(UInt8(ascii: "0") + digit)
            } else if scalar == "+" {
                guard digits.isEmpty, !international else { return nil }
                international = true
            } else if scalar == " " || scalar == "-" || scalar == "." || scalar == "(" || scalar == ")" || scalar == "\u{A0}" {
                continue
            } else {
                return nil
            }
        }
        if !international, digits.starts(with: Array("00".utf8)) {
            digits.removeFirst(2)
            international = true
        }
        if !international {
            if code == Array(Self.moroccoCountryCode.utf8), digits.count == code.count + Self.moroccanNationalDigits,
                digits.starts(with: code)
            {
                // 212… typed without the plus.
            } else {
                if digits.first == UInt8(ascii: "0") { digits.removeFirst() }
                digits = code + digits
            }
        }
        let morocco = Array(Self.moroccoCountryCode.utf8)
        if digits.starts(with: morocco) {
            var national = Array(digits.dropFirst(morocco.count))
            if national.count == Self.moroccanNationalDigits + 1, national.first == UInt8(ascii: "0") { national.removeFirst() }
            guard national.count == Self.moroccanNationalDigits, Self.isMoroccanLeadingDigit(national[0]) else { return nil }
            digits = morocco + national
        }
        guard (8...15).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        e164 = "+" + String(decoding: digits, as: UTF8.self)
    }

    /// The E.164 form.
    public var description: String { e164 }

    /// Whether the number is Moroccan (+212).
    public var isMoroccan: Bool { e164.utf8.dropFirst().starts(with: Self.moroccoCountryCode.utf8) }

    private static func isMoroccanLeadingDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "5")...UInt8(ascii: "8")).contains(byte)
    }

    /// The value of an ASCII, Arabic-Indic (U+0660…) or Extended Arabic-Indic (U+06F0…) digit.
    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: UInt8(scalar.value - 0x30)
        case 0x660...0x669: UInt8(scalar.value - 0x660)
        case 0x6F0...0x6F9: UInt8(scalar.value - 0x6F0)
        default: nil
        }
    }
}
