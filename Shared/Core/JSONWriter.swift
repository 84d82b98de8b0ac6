/// Writes compact JSON into a byte buffer, escaping strings; used where `JSONEncoder` would cost too
/// much (log lines, problem documents, JWT headers).
///
/// Commas are inserted automatically: write a key with ``writeKey(_:)`` and then its value, or the
/// elements of an array one after another.
///
/// ```swift
/// var json = JSONWriter()
/// json.openObject()
/// json.writeKey("status"); json.write(404)
/// json.closeObject()   // {"status":404}
/// ```
public struct JSONWriter: Sendable {
    /// The bytes written so far (UTF-8).
    public private(set) var bytes: [UInt8]
    private var needsComma = false

    /// Creates an empty writer with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object (`{`).
    public mutating func openObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends an object (`}`).
    public mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array (`[`).
    public mutating func openArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends an array (`]`).
    public mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object member's key and the colon; the value comes next.
    public mutating func writeKey(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value, quoted and escaped.
    public mutating func write(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func write(_ value: Int) {
        separate()
        appendInteger(Int64(value))
        needsComma = true
    }

    /// Writes a number; integral values have no fraction and non-finite values become `null`.
    public mutating func write(_ value: Double) {
        separate()
        appendNumber(value)
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func write(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func writeNull() {
        separate()
        bytes.append(contentsOf: Self.nullBytes)
        needsComma = true
    }

    /// Writes bytes that already form one complete JSON value, as they are.
    public mutating func writeRawValue(_ json: some Sequence<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes any JSON value; object members are written in sorted key order.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeNull()
        case .bool(let flag): write(flag)
        case .number(let number): write(number)
        case .string(let string): write(string)
        case .array(let elements):
            openArray()
            for element in elements { write(element) }
            closeArray()
        case .object(let members):
            openObject()
            for key in members.keys.sorted() {
                writeKey(key)
                write(members[key] ?? .null)
            }
            closeObject()
        }
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ string: String) {
        Self.appendQuoted(string, to: &bytes)
    }

    /// Appends `string` as a JSON string literal: `"` and `\` escaped, U+0008, U+0009, U+000A,
    /// U+000C and U+000D as `\b \t \n \f \r`, other characters below U+0020 as `\u00xx` (lowercase
    /// hex), everything else as its UTF-8 bytes. U+007F is written `\u007f` too unless
    /// `escapingDelete` is false (formats whose bytes are fixed by a specification, such as canonical
    /// JSON for hashing, keep it raw).
    public static func appendQuoted(_ string: String, to bytes: inout [UInt8], escapingDelete: Bool = true) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x00..<0x20: appendUnicodeEscape(byte, to: &bytes)
            case 0x7F where escapingDelete: appendUnicodeEscape(byte, to: &bytes)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `\u00xx` for an ASCII control character.
    private static func appendUnicodeEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0x0F)])
    }

    private mutating func appendInteger(_ value: Int64) {
        // Integers print as small strings, which live inline without a heap allocation.
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func appendNumber(_ value: Double) {
        guard value.isFinite else {
            bytes.append(contentsOf: Self.nullBytes)
            return
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            appendInteger(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }
}
