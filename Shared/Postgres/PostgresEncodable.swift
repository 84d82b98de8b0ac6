import FoundationEssentials
import GuichetCore

/// A Swift value that can be sent as a query parameter, in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The parameter type sent with the value.
    static var postgresType: PostgresDataType { get }

    /// Appends the value's text form (as PostgreSQL's input function reads it) to `text`.
    /// Not called for SQL NULL.
    func encode(into text: inout [UInt8]) throws(PostgresEncodingError)

    /// Whether the value is SQL NULL (only `Optional.none` is).
    var isPostgresNull: Bool { get }
}

extension PostgresEncodable {
    /// Values are not NULL, except `Optional.none`.
    public var isPostgresNull: Bool { false }
}

extension String: PostgresEncodable {
    /// `text`.
    public static var postgresType: PostgresDataType { .text }

    public func encode(into text: inout [UInt8]) {
        text.append(contentsOf: utf8)
    }
}

extension Substring: PostgresEncodable {
    /// `text`.
    public static var postgresType: PostgresDataType { .text }

    public func encode(into text: inout [UInt8]) {
        text.append(contentsOf: utf8)
    }
}


extension Int: PostgresEncodable {
    /// `int8`.
    public static var postgresType: PostgresDataType { .int8 }
    public func encode(into text: inout [UInt8]) { text.appendDecimal(self) }
}

extension Int64: PostgresEncodable {
    /// `int8`.
    public static var postgresType: PostgresDataType { .int8 }
    public func encode(into text: inout [UInt8]) { text.appendDecimal(self) }
}

extension Int32: PostgresEncodable {
    /// `int4`.
    public static var postgresType: PostgresDataType { .int4 }
    public func encode(into text: inout [UInt8]) { text.appendDecimal(self) }
}

extension Int16: PostgresEncodable {
    /// `int2`.
    public static var postgresType: PostgresDataType { .int2 }
    public func encode(into text: inout [UInt8]) { text.appendDecimal(self) }
}

extension Double: PostgresEncodable {
    /// `float8`.
    public static var postgresType: PostgresDataType { .float8 }

    public func encode(into text: inout [UInt8]) {
        if isNaN {
            text.append(contentsOf: "NaN".utf8)
        } else if isInfinite {
            text.append(contentsOf: (self < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            // Swift prints the shortest text that reads back as the same Double.
            text.append(contentsOf: description.utf8)
        }
    }
}

extension Bool: PostgresEncodable {
    /// `bool`.
    public static var postgresType: PostgresDataType { .bool }
    public func encode(into text: inout [UInt8]) { text.append(self ? UInt8(ascii: "t") : UInt8(ascii: "f")) }
}

extension UUID: PostgresEncodable {
    /// `uuid`.
    public static var postgresType: PostgresDataType { .uuid }

    public func encode(into text: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: uuid) { bytes in
            hex.withUTF8Buffer { digits in
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
                    text.append(digits[Int(byte >> 4)])
                    text.append(digits[Int(byte & 0x0F)])
                }
            }
        }
    }
}

extension Date: PostgresEncodable {
    /// `timestamptz`, sent as ISO text in UTC with microseconds.
    public static var postgresType: PostgresDataType { .timestamptz }
    public func encode(into text: inout [UInt8]) { PostgresTimestamp.format(self, into: &text) }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The array type of the element (`text[]`, `uuid[]`, …), or `bytea` for `[UInt8]`.
    public static var postgresType: PostgresDataType { Element.postgresArrayType }

    public func encode(into text: inout [UInt8]) throws(PostgresEncodingError) {
        try Element.encodeArray(self, into: &text)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's.
    public static var postgresType: PostgresDataType { Wrapped.postgresType }

    /// `true` for `nil`, sent as SQL NULL.
    public var isPostgresNull: Bool {
        switch self {
        case .none: true
        case .some(let value): value.isPostgresNull
        }
    }

    public func encode(into text: inout [UInt8]) throws(PostgresEncodingError) {
        if case .some(let value) = self { try value.encode(into: &text) }
    }
}
