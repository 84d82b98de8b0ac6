/// Why percent-decoded text was refused.
public enum URLDecodingError: Error, Hashable, Sendable {
    /// A `%` not followed by two hexadecimal digits.
    case invalidEscape
    /// `%00`: a NUL byte, which no text column (PostgreSQL) or C API accepts.
    case nulByte
    /// The decoded bytes are not valid UTF-8.
    case invalidUTF8
}

/// Percent-decoding (RFC 3986, section 2.1) of path segments, query items and form fields.
public enum PercentDecoding {
    /// The decoded text of `encoded`. With `plusAsSpace`, `+` decodes to a space
    /// (`application/x-www-form-urlencoded`); path segments keep `+` as is.
    ///
    /// Text without `%` (or `+` when it matters) is returned without decoding work.
    public static func decode(_ encoded: some StringProtocol, plusAsSpace: Bool = false) throws(URLDecodingError) -> String {
        var needsWork = false
        for byte in encoded.utf8 where byte == HTTPSyntax.percent || (plusAsSpace && byte == UInt8(ascii: "+")) {
            needsWork = true
            break
        }
        guard needsWork else { return String(encoded) }
        var text = String(encoded)
        return try text.withUTF8 { bytes in
            Result { () throws(URLDecodingError) in try decode(UnsafeRawBufferPointer(bytes), plusAsSpace: plusAsSpace) }
        }.get()
    }

    /// The decoded text of `bytes` (see ``decode(_:plusAsSpace:)``).
    static func decode(_ bytes: UnsafeRawBufferPointer, plusAsSpace: Bool) throws(URLDecodingError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == HTTPSyntax.percent {
                guard index + 2 < bytes.count,
                    let high = HTTPSyntax.hexValue(bytes[index + 1]),
                    let low = HTTPSyntax.hexValue(bytes[index + 2])
                else { throw .invalidEscape }
                let value = high << 4 | low
                if value == 0 { throw .nulByte }
                decoded.append(value)
                index += 3
            } else {
                decoded.append(plusAsSpace && byte == UInt8(ascii: "+") ? HTTPSyntax.space : byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    /// Whether every `%` in `bytes` starts a valid escape (two hexadecimal digits, not `%00`).
    static func hasValidEscapes(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == HTTPSyntax.percent else { continue }
            guard let high = iterator.next().flatMap(HTTPSyntax.hexValue),
                let low = iterator.next().flatMap(HTTPSyntax.hexValue),
                high | low != 0
            else { return false }
        }
        return true
    }
}

extension PercentDecoding {
    /// The decoded text of `encoded`, assuming valid escapes (as checked by the parser and the
    /// router); bytes that are not UTF-8 become U+FFFD instead of failing.
    static func decodeLossy(_ encoded: Substring) -> String {
        guard encoded.utf8.contains(HTTPSyntax.percent) else { return String(encoded) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(encoded.utf8.count)
        var iterator = encoded.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == HTTPSyntax.percent, let high = iterator.next().flatMap(HTTPSyntax.hexValue),
                let low = iterator.next().flatMap(HTTPSyntax.hexValue)
            {
                decoded.append(high << 4 | low)
            } else {
                decoded.append(byte)
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
