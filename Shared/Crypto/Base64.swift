/// Base64 (RFC 4648 section 4), standard alphabet, with or without `=` padding.
///
/// Decoding is strict: only the alphabet (and correct padding, if any) is accepted; no whitespace,
/// no characters of the URL-safe alphabet, and unused bits must be zero (one encoding per value).
public enum Base64 {
    static let codec = Base64Codec(alphabet: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8))

    /// Encodes bytes; padded with `=` by default.
    public static func encode(_ bytes: some Collection<UInt8>, padding: Bool = true) -> String {
        codec.encode(bytes, padding: padding)
    }

    /// Decodes text with or without padding; `nil` if it is not canonical base64.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        codec.decode(text.utf8, allowPadding: true)
    }
}

/// Base64url (RFC 4648 section 5) without padding, as JOSE (JWS, JWK) uses it.
///
/// Decoding is strict: only `A-Z a-z 0-9 - _`, no padding, no whitespace, unused bits zero.
public enum Base64URL {
    static let codec = Base64Codec(alphabet: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8))

    /// Encodes bytes without padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        codec.encode(bytes, padding: false)
    }

    /// Decodes unpadded base64url text; `nil` if it is not canonical.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        codec.decode(text.utf8, allowPadding: false)
    }

    /// Decodes unpadded base64url bytes; `nil` if they are not canonical.
    public static func decode(bytes: some Collection<UInt8>) -> [UInt8]? {
        codec.decode(bytes, allowPadding: false)
    }
}

/// A base64 alphabet and its decoding table.
struct Base64Codec: Sendable {
    let alphabet: [UInt8]
    let table: [UInt8]  // 0xFF for bytes outside the alphabet

    init(alphabet: [UInt8]) {
        self.alphabet = alphabet
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        self.table = table
    }

    func encode(_ bytes: some Collection<UInt8>, padding: Bool) -> String {
        let count = bytes.count
        let capacity = padding ? (count + 2) / 3 * 4 : (count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: capacity) { output in
            var position = 0
            var iterator = bytes.makeIterator()
            while let first = iterator.next() {
                let second = iterator.next()
                let third = second == nil ? nil : iterator.next()
                let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
                output[position] = alphabet[Int(group >> 18 & 0x3F)]
                output[position + 1] = alphabet[Int(group >> 12 & 0x3F)]
                position += 2
                if second != nil {
                    output[position] = alphabet[Int(group >> 6 & 0x3F)]
                    position += 1
                } else if padding {
                    output[position] = UInt8(ascii: "=")
                    position += 1
                }
                if third != nil {
                    output[position] = alphabet[Int(group & 0x3F)]
                    position += 1
                } else if padding {
                    output[position] = UInt8(ascii: "=")
                    position += 1
                }
            }
            return position
        }
    }

    func decode(_ input: some Collection<UInt8>, allowPadding: Bool) -> [UInt8]? {
        var symbols = input.count
        if allowPadding, symbols % 4 == 0, symbols > 0 {
            symbols -= input.reversed().prefix(2).prefix { $0 == UInt8(ascii: "=") }.count
        }
        guard symbols % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(symbols * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var index = 0
        for byte in input {
            if index == symbols { break }
            index += 1
            let value = table[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Unused low bits of the last symbol must be zero, so that every value has one encoding.
        guard accumulator == 0 else { return nil }
        return output
    }
}
