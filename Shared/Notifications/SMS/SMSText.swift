/// How an SMS text travels and how many parts it takes (3GPP TS 23.038 and 23.040): in the GSM
/// 7-bit default alphabet when every character is in it (160 characters in one SMS, 153 per part
/// of a longer one; `^ { } \ [ ~ ] | €` and form feed take two), in UCS-2 otherwise — Arabic, most
/// accented capitals, emoji — (70 UTF-16 units in one SMS, 67 per part; an emoji takes two). A
/// part never splits an escape or a surrogate pair.
public struct SMSText: Sendable, Hashable {
    /// The encoding on the air.
    public enum Encoding: String, Sendable, Hashable {
        /// GSM 03.38 default alphabet, 7 bits per character.
        case gsm7
        /// UTF-16 big-endian, 16 bits per unit.
        case ucs2
    }

    /// The text.
    public let text: String
    /// Its encoding.
    public let encoding: Encoding
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    public let units: Int
    /// How many SMS it takes (1 for an empty text).
    public let segments: Int

    /// Analyses `text`.
    public init(_ text: String) {
        self.text = text
        var septets: [Int] = []
        var isGSM = true
        for scalar in text.unicodeScalars {
            if Self.basic.contains(scalar) {
                septets.append(1)
            } else if Self.extended.contains(scalar) {
                septets.append(2)
            } else {
                isGSM = false
                break
            }
        }
        if isGSM {
            encoding = .gsm7
            units = septets.reduce(0, +)
            segments = Self.count(septets, single: 160, part: 153)
        } else {
            encoding = .ucs2
            let widths = text.unicodeScalars.map { $0.value > 0xFFFF ? 2 : 1 }
            units = widths.reduce(0, +)
            segments = Self.count(widths, single: 70, part: 67)
        }
    }

    /// Segments for characters of the given widths: one if they fit in `single`, else parts of
    /// `part` units that never split a character.
    private static func count(_ widths: [Int], single: Int, part: Int) -> Int {
        let total = widths.reduce(0, +)
        if total <= single { return 1 }
        var segments = 1
        var used = 0
        for width in widths {
            if used + width > part {
                segments += 1
                used = 0
            }
            used += width
        }
        return segments
    }

    /// The GSM 03.38 default alphabet (one septet each).
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)

    /// The extension table (an escape and a septet each).
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
