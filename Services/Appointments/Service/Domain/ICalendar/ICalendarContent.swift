/// The content lines of an iCalendar document (RFC 5545 §3.1): each line folded at 75 octets
/// without splitting a UTF-8 sequence, continuation lines starting with one space, every line
/// ended by CRLF.
struct ICalendarContent {
    /// The longest physical line, in octets, CRLF excluded.
    static let maximumLineOctets = 75

    /// The document so far, in UTF-8.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 2048) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a property: `NAME;PARAMETERS:VALUE`, folded. `value` must already be escaped for
    /// its type (``escapeText(_:)`` for TEXT).
    mutating func append(_ name: String, parameters: String = "", _ value: String) {
        var line: [UInt8] = []
        line.reserveCapacity(name.utf8.count + parameters.utf8.count + value.utf8.count + 2)
        line += name.utf8
        if !parameters.isEmpty {
            line.append(UInt8(ascii: ";"))
            line += parameters.utf8
        }
        line.append(UInt8(ascii: ":"))
        line += value.utf8
        appendFolded(line)
    }

    /// Appends one logical line, folded: a break is placed before the octet that would make a
    /// physical line longer than 75 octets, moved back to the start of a UTF-8 sequence.
    private mutating func appendFolded(_ line: [UInt8]) {
        var start = 0
        var limit = ICalendarContent.maximumLineOctets
        while line.count - start > limit {
            var end = start + limit
            // Never break before a continuation byte (10xxxxxx): it belongs to the previous scalar.
            while end > start && line[end] & 0xC0 == 0x80 { end -= 1 }
            bytes += line[start..<end]
            bytes += [0x0D, 0x0A, 0x20]
            start = end
            limit = ICalendarContent.maximumLineOctets - 1  // the leading space counts
        }
        bytes += line[start...]
        bytes += [0x0D, 0x0A]
    }

    /// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma are preceded by a
    /// backslash, line breaks (CRLF, CR or LF) become `\n`, and other control characters, which
    /// TEXT cannot carry, are dropped.
    static func escapeText(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n" where previousWasCR: break
            case "\n": result += "\\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { break }
                result.unicodeScalars.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return result
    }
}
