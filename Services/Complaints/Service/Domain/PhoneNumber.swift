/// A phone number normalised to E.164 (`+212612345678`), from the forms people type.
///
/// Accepted:
/// - international: `+` or `00`, then the country code and number, 8 to 15 digits in all;
/// - Moroccan national: `0` then 9 digits starting with 5, 6, 7 or 8 (`06 12 34 56 78`), which
///   becomes `+212 6 12 34 56 78`; also `212…` without the plus, and `+212 0…` with the trunk
///   zero kept by mistake.
///
/// Spaces, hyphens, dots and parentheses between digits are ignored, and Arabic-Indic digits
/// (`٠٦١٢…`) are read as digits. A Moroccan (+212) number must have 9 digits after the country
/// code, starting with 5–8. Anything else (letters, a `+` inside, too few or too many digits) is
/// rejected.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// Morocco's country calling code.
    public static let moroccoCountryCode = "212"
    /// The longest text looked at.
    public static let maximumInputLength = 40

    /// The number in E.164 form: `+`, country code and subscriber number, digits only.
    public let e164: String

    /// The number, or `nil` if `text` is not a phone number in an accepted form.
    public init?(_ text: String) {
        guard text.utf8.count <= Self.maximumInputLength else { return nil }
        var digits: [UInt8] = []
        var international = false
        var sawDigit = false
        for scalar in text.unicodeScalars {
            if let digit = Self.digitValue(scalar) {
                digits.append(UInt8(ascii: "0") + digit)
                sawDigit = true
            } else if scalar == "+" {
                guard !sawDigit, !international else { return nil }
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
            if digits.count == 10, digits[0] == UInt8(ascii: "0"), Self.isMoroccanLeadingDigit(digits[1]) {
                digits = Array(Self.moroccoCountryCode.utf8) + digits.dropFirst()
            } else if digits.count == 12, digits.starts(with: Array(Self.moroccoCountryCode.utf8)) {
                // 212… typed without the plus.
            } else {
                return nil
            }
        }
        if digits.starts(with: Array(Self.moroccoCountryCode.utf8)) {
            var national = Array(digits.dropFirst(3))
            if national.count == 10, national.first == UInt8(ascii: "0") { national.removeFirst() }
            guard national.count == 9, Self.isMoroccanLeadingDigit(national[0]) else { return nil }
            digits = Array(Self.moroccoCountryCode.utf8) + national
        }
        guard (8...15).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        e164 = "+" + String(decoding: digits, as: UTF8.self)
    }

    /// The E.164 form.
    public var description: String { e164 }

    /// Whether the number is Moroccan (+212).
    public var isMoroccan: Bool { e164.hasPrefix("+212") }

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
