/// Crockford's base 32 (`0-9A-Z` without `I`, `L`, `O`, `U`): short codes people can read aloud and
/// type, such as tracking codes (16 symbols carry 80 random bits).
///
/// Decoding is forgiving in the ways Crockford intended: case is ignored, hyphens and spaces are
/// skipped, `I`/`L` read as `1` and `O` as `0`; anything else is rejected, and so is input longer
/// than ``maximumInputLength`` characters. It never traps on any input.
public enum CrockfordBase32 {
    /// The 32 symbols, in value order.
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// The longest text ``decode(_:)`` accepts, separators included.
    public static let maximumInputLength = 256

    private static let decodingTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, symbol) in alphabet.enumerated() {
            table[Int(symbol)] = Int8(value)
            table[Int(symbol | 0x20)] = Int8(value)
        }
        for symbol in "Ii".utf8 { table[Int(symbol)] = 1 }
        for symbol in "Ll".utf8 { table[Int(symbol)] = 1 }
        for symbol in "Oo".utf8 { table[Int(symbol)] = 0 }
        return table
    }()

    /// Encodes bytes, 5 bits per symbol, most significant bit first; the last symbol is padded with
    /// zero bits. Ten bytes give sixteen symbols.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int(buffer >> UInt32(bits) & 0x1F)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 {
            output.append(alphabet[Int(buffer << UInt32(5 - bits) & 0x1F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes an integer in the fewest symbols (at least `minimumLength`, left-padded with `0`).
    public static func encode(_ value: UInt64, minimumLength: Int = 1) -> String {
        var symbols: [UInt8] = []
        var remaining = value
        repeat {
            symbols.append(alphabet[Int(remaining & 0x1F)])
            remaining >>= 5
        } while remaining > 0
        while symbols.count < minimumLength { symbols.append(UInt8(ascii: "0")) }
        return String(decoding: symbols.reversed(), as: UTF8.self)
    }

    /// Decodes symbols to bytes (the inverse of ``encode(_:)-(Sequence<UInt8>)``); `nil` if the text has a
    /// character outside the alphabet, is too long, or its padding bits are not zero.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard let values = symbolValues(text) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits are padding: canonical encodings have at most 4 of them, all zero.
        guard bits < 5, buffer == 0 else { return nil }
        return output
    }

    /// Decodes symbols to an integer (the inverse of ``encode(_:minimumLength:)``); `nil` if invalid,
    /// empty, or larger than `UInt64.max`.
    public static func decodeInteger(_ text: some StringProtocol) -> UInt64? {
        guard let values = symbolValues(text), !values.isEmpty else { return nil }
        var result: UInt64 = 0
        for value in values {
            guard result >> 59 == 0 else { return nil }
            result = result << 5 | UInt64(value)
        }
        return result
    }

    /// Normalises a code as typed by a person to its canonical symbols (upper case, no separators,
    /// `I`/`L`→`1`, `O`→`0`); `nil` if invalid.
    public static func normalize(_ text: some StringProtocol) -> String? {
        guard let values = symbolValues(text) else { return nil }
        return String(decoding: values.map { alphabet[Int($0)] }, as: UTF8.self)
    }

    /// Groups a code for display: `ABCDEFGHJKMNPQRS` becomes `ABCD-EFGH-JKMN-PQRS`.
    public static func grouped(_ code: some StringProtocol, groupSize: Int = 4, separator: Character = "-") -> String {
        precondition(groupSize > 0, "groupSize must be positive")
        var result = ""
        result.reserveCapacity(code.count + code.count / groupSize)
        for (index, character) in code.enumerated() {
            if index > 0 && index % groupSize == 0 { result.append(separator) }
            result.append(character)
        }
        return result
    }

    /// The 5-bit values of the symbols in `text`, skipping hyphens and spaces.
    private static func symbolValues(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count <= maximumInputLength else { return nil }
        var values: [UInt8] = []
        values.reserveCapacity(utf8.count)
        for byte in utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") { continue }
            let value = decodingTable[Int(byte)]
            guard value >= 0 else { return nil }
            values.append(UInt8(value))
        }
        return values
    }
}
