import FoundationEssentials

/// A Swift value that can be read from a result column in PostgreSQL's text format.
public protocol PostgresDecodable {
    /// Reads the value from its text form in a column of type `type`.
    init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason)

    /// The value for SQL NULL; throws `.unexpectedNull` except for `Optional`.
    static func postgresNull() throws(PostgresDecodingError.Reason) -> Self
}

extension PostgresDecodable {
    /// NULL is an error for every type but `Optional`.
    public static func postgresNull() throws(PostgresDecodingError.Reason) -> Self {
        throw .unexpectedNull
    }
}

extension String: PostgresDecodable {
    /// Any column reads as its text form (text, varchar, enums, numeric, …).
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) {
        self.init(decoding: text, as: UTF8.self)
    }
}

/// Parses a decimal integer written by PostgreSQL (optional sign, digits), checking the range.
@inline(__always)
func parseDecimal<Integer: FixedWidthInteger>(_ text: UnsafeRawBufferPointer, as _: Integer.Type) -> Integer? {
    var index = 0
    var negative = false
    if text.count > 0, text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
        negative = text[0] == UInt8(ascii: "-")
        index = 1
    }
    guard index < text.count else { return nil }
    var value: Integer = 0
    while index < text.count {
        let digit = text[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (next, overflow2) = negative
            ? scaled.subtractingReportingOverflow(Integer(digit))
            : scaled.addingReportingOverflow(Integer(digit))
        if overflow1 || overflow2 { return nil }
        value = next
        index += 1
    }
    return value
}

/// Decodes an integer column of one of `accepted` types.
@inline(__always)
func decodeInteger<Integer: FixedWidthInteger>(
    _ text: UnsafeRawBufferPointer, type: PostgresDataType, accepted: Set<PostgresDataType>
) throws(PostgresDecodingError.Reason) -> Integer {
    guard accepted.contains(type) else { throw .typeMismatch }
    guard let value = parseDecimal(text, as: Integer.self) else {
        throw .invalidText(String(decoding: text, as: UTF8.self))
    }
    return value
}

private let int8Sources: Set<PostgresDataType> = [.int2, .int4, .int8, .oid]
private let int4Sources: Set<PostgresDataType> = [.int2, .int4]
private let int2Sources: Set<PostgresDataType> = [.int2]

extension Int: PostgresDecodable {
    /// From `int2`, `int4`, `int8` (and `oid`).
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        self = try decodeInteger(text, type: type, accepted: int8Sources)
    }
}

extension Int64: PostgresDecodable {
    /// From `int2`, `int4`, `int8` (and `oid`).
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        self = try decodeInteger(text, type: type, accepted: int8Sources)
    }
}

extension Int32: PostgresDecodable {
    /// From `int2` and `int4`.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        self = try decodeInteger(text, type: type, accepted: int4Sources)
    }
}

extension Int16: PostgresDecodable {
    /// From `int2`.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        self = try decodeInteger(text, type: type, accepted: int2Sources)
    }
}

extension Double: PostgresDecodable {
    /// From `float8`, `float4`, `numeric` and the integer types.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        switch type {
        case .float8, .float4, .numeric, .int2, .int4, .int8: break
        default: throw .typeMismatch
        }
        let string = String(decoding: text, as: UTF8.self)
        switch string {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(string) else { throw .invalidText(string) }
            self = value
        }
    }
}

extension Bool: PostgresDecodable {
    /// From `bool` (`t` or `f`).
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        guard type == .bool else { throw .typeMismatch }
        guard text.count == 1 else { throw .invalidText(String(decoding: text, as: UTF8.self)) }
        switch text[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: throw .invalidText(String(decoding: text, as: UTF8.self))
        }
    }
}

/// The value of a hexadecimal digit, or nil.
@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

extension UUID: PostgresDecodable {
    /// From `uuid`.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        guard type == .uuid else { throw .typeMismatch }
        guard let uuid = UUID(postgresText: text) else { throw .invalidText(String(decoding: text, as: UTF8.self)) }
        self = uuid
    }

    /// Parses the canonical 36-character form without allocating.
    init?(postgresText text: UnsafeRawBufferPointer) {
        guard text.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
            var position = 0
            for index in 0..<16 {
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard text[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                }
                guard let high = hexValue(text[position]), let low = hexValue(text[position + 1]) else { return false }
                output[index] = high << 4 | low
                position += 2
            }
            return true
        }
        guard parsed else { return nil }
        self.init(uuid: bytes)
    }
}

extension Date: PostgresDecodable {
    /// From `timestamptz` (and `timestamp`, read as UTC); `infinity` reads as `distantFuture`.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        guard type == .timestamptz || type == .timestamp else { throw .typeMismatch }
        guard let date = PostgresTimestamp.parse(text) else { throw .invalidText(String(decoding: text, as: UTF8.self)) }
        self = date
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// From the element's array type (`text[]`, `uuid[]`, …), or `bytea` for `[UInt8]`.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        self = try Element.decodeArray(text, type: type)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// The wrapped value.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        self = .some(try Wrapped(postgresText: text, type: type))
    }

    /// `nil`.
    public static func postgresNull() -> Self { .none }
}
