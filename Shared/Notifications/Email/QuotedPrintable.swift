/// Quoted-printable (RFC 2045 section 6.7) for text bodies: printable ASCII stays readable,
/// every other byte becomes `=XX`, lines stay within 76 characters (soft breaks `=`), line
/// breaks are CRLF, and spaces or tabs at a line's end are encoded so no gateway strips them.
public enum QuotedPrintable {
    /// The longest encoded line, soft-break `=` included.
    static let maximumLineLength = 76

    /// Encodes `text` (UTF-8); any line break (LF, CRLF or CR) becomes a CRLF hard break.
    public static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3 / 2 + 16)
        for (index, line) in lines(of: text).enumerated() {
            if index > 0 { output += [13, 10] }
            encode(line: line, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes quoted-printable text to bytes (soft breaks removed, CRLF kept); nil for a malformed
    /// escape. For tests and tools reading what was sent.
    public static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                output.append(byte)
                index += 1
                continue
            }
            if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                index += 3
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == 10 {
                index += 2
                continue
            }
            guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                return nil
            }
            output.append(high << 4 | low)
            index += 3
        }
        return output
    }

    /// Splits on LF, CRLF or CR, as bytes.
    static func lines(of text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 || bytes[index] == 10 {
                lines.append(bytes[start..<index])
                if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    private static func encode(line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var length = 0
        let last = line.indices.last
        for index in line.indices {
            let byte = line[index]
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && index != last)
            let width = literal ? 1 : 3
            // Keep room for the soft break's `=` unless this token ends the line.
            let limit = index == last ? maximumLineLength : maximumLineLength - 1
            if length + width > limit {
                output += [UInt8(ascii: "="), 13, 10]
                length = 0
            }
            if literal {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "="))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
            length += width
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
