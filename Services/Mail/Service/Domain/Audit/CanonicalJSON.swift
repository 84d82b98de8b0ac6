import GuichetCore

/// The canonical JSON text of a value, so that the same value always gives the same bytes (and the
/// same hash): the encoding of audit payloads and archive manifests.
///
/// Rules:
/// - no white space anywhere;
/// - object members sorted by the bytes of their keys' UTF-8 encoding (unsigned, lexicographic;
///   a key that is a prefix of another comes first);
/// - strings: `"` and `\` are escaped as `\"` and `\\`; U+0008, U+0009, U+000A, U+000C, U+000D as
///   `\b \t \n \f \r`; other characters below U+0020 as `\u00xx` (lowercase hex); everything else,
///   U+007F and non-ASCII included, as its UTF-8 bytes, unnormalised;
/// - numbers: integers only, in ±(2⁵³ − 1), written in decimal without a sign for zero, a fraction or
///   an exponent (`-0` is `0`). A quantity that is not such an integer belongs in a string: binary
///   floating point has no single canonical decimal form across implementations;
/// - `true`, `false`, `null`.
public enum CanonicalJSON {
    /// A value that has no canonical encoding.
    public enum EncodingError: Error, Sendable, Hashable {
        /// A number that is not an integer in ±(2⁵³ − 1) (a fraction, infinity, NaN or too large).
        case numberNotCanonical(Double)
    }

    /// The largest integer written as a number.
    public static let maximumInteger: Double = 9_007_199_254_740_991

    /// The canonical UTF-8 bytes of `value`.
    public static func encode(_ value: JSONValue) throws(EncodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        try append(value, to: &bytes)
        return bytes
    }

    /// The canonical JSON text of `value`.
    public static func string(_ value: JSONValue) throws(EncodingError) -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    static func append(_ value: JSONValue, to bytes: inout [UInt8]) throws(EncodingError) {
        switch value {
        case .null: bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let flag): bytes.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case .number(let number):
            guard number.isFinite, number == number.rounded(), abs(number) <= maximumInteger else {
                throw .numberNotCanonical(number)
            }
            bytes.append(contentsOf: String(Int64(number)).utf8)
        case .string(let string): appendString(string, to: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try append(element, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            let keys = members.keys.map { (key: $0, utf8: Array($0.utf8)) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(key.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                try append(members[key.key] ?? .null, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ string: String, to bytes: inout [UInt8]) {
        JSONWriter.appendQuoted(string, to: &bytes, escapingDelete: false)
    }
}
