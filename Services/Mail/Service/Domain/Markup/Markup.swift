import GuichetCore

/// Escaping for the XML, SVG and HTML the mail domain writes (labels, acknowledgements, manifests).
enum Markup {
    /// `text` safe inside element content and inside attribute values in either quote: `&`, `<`, `>`,
    /// `"` and `'` become entities, and characters XML 1.0 forbids (control characters other than tab,
    /// line feed and carriage return, U+FFFE, U+FFFF) are dropped.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A length in a fixed-point decimal form with at most three decimals and no trailing zeros
    /// (`12`, `0.5`, `3.125`), so that the same drawing always gives the same bytes.
    static func number(_ value: Double) -> String {
        String(fixedPoint: value, maximumFractionDigits: 3)
    }
}
