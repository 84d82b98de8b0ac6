import FoundationEssentials

/// A type whose Swift arrays travel as a PostgreSQL array (`text[]`, `uuid[]`, `int8[]`, …) — and
/// `UInt8`, whose arrays travel as `bytea`.
public protocol PostgresArrayElement: Sendable {
    /// The type of an array of this element.
    static var postgresArrayType: PostgresDataType { get }
    /// Appends the text form of `elements` as one value.
    static func encodeArray(_ elements: [Self], into text: inout [UInt8]) throws(PostgresEncodingError)
    /// Reads an array value of type `type`.
    static func decodeArray(_ text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) -> [Self]
}

extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    /// Writes a one-dimensional array literal with every element quoted: `{"a","b\"c"}`.
    public static func encodeArray(_ elements: [Self], into text: inout [UInt8]) throws(PostgresEncodingError) {
        text.append(UInt8(ascii: "{"))
        var element: [UInt8] = []
        for (index, value) in elements.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            if value.isPostgresNull {
                text.append(contentsOf: "NULL".utf8)
                continue
            }
            element.removeAll(keepingCapacity: true)
            try value.encode(into: &element)
            text.append(UInt8(ascii: "\""))
            for byte in element {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
                text.append(byte)
            }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: "}"))
    }

    /// Reads a one-dimensional array literal whose element type matches `Self`.
    public static func decodeArray(_ text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) -> [Self] {
        guard type == postgresArrayType || (type == .varcharArray && postgresArrayType == .textArray),
            let elementType = PostgresArrayText.elementType(of: type)
        else { throw .typeMismatch }
        var result: [Self] = []
        try PostgresArrayText.parse(text) { (element: UnsafeRawBufferPointer?) throws(PostgresDecodingError.Reason) in
            if let element {
                result.append(try Self(postgresText: element, type: elementType))
            } else {
                result.append(try Self.postgresNull())
            }
        }
        return result
    }
}

extension String: PostgresArrayElement {
    /// `text[]`.
    public static var postgresArrayType: PostgresDataType { .textArray }
}

extension UUID: PostgresArrayElement {
    /// `uuid[]`.
    public static var postgresArrayType: PostgresDataType { .uuidArray }
}

extension Int: PostgresArrayElement {
    /// `int8[]`.
    public static var postgresArrayType: PostgresDataType { .int8Array }
}

extension Int64: PostgresArrayElement {
    /// `int8[]`.
    public static var postgresArrayType: PostgresDataType { .int8Array }
}

extension Int32: PostgresArrayElement {
    /// `int4[]`.
    public static var postgresArrayType: PostgresDataType { .int4Array }
}

extension Double: PostgresArrayElement {
    /// `float8[]`.
    public static var postgresArrayType: PostgresDataType { .float8Array }
}

extension Bool: PostgresArrayElement {
    /// `bool[]`.
    public static var postgresArrayType: PostgresDataType { .boolArray }
}

extension Date: PostgresArrayElement {
    /// `timestamptz[]`.
    public static var postgresArrayType: PostgresDataType { .timestamptzArray }
}

extension UInt8: PostgresArrayElement {
    /// `[UInt8]` is `bytea`.
    public static var postgresArrayType: PostgresDataType { .bytea }

    /// Writes bytea's hex form: `\x` and two digits per byte.
    public static func encodeArray(_ elements: [UInt8], into text: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        text.reserveCapacity(text.count + 2 + elements.count * 2)
        text.append(UInt8(ascii: "\\"))
        text.append(UInt8(ascii: "x"))
        for byte in elements {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
    }

    /// Reads bytea's hex form (the server default since 9.0).
    public static func decodeArray(_ text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) -> [UInt8] {
        guard type == .bytea else { throw .typeMismatch }
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            throw .invalidText("bytea not in hex form")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else {
                throw .invalidText("bytea has a non-hex digit")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

/// Reads PostgreSQL's one-dimensional array literals (`{a,"b c",NULL}`).
enum PostgresArrayText {
    /// The element type of a known array type.
    static func elementType(of arrayType: PostgresDataType) -> PostgresDataType? {
        switch arrayType {
        case .textArray: .text
        case .varcharArray: .varchar
        case .uuidArray: .uuid
        case .int8Array: .int8
        case .int4Array: .int4
        case .int2Array: .int2
        case .float8Array: .float8
        case .boolArray: .bool
        case .timestamptzArray: .timestamptz
        default: nil
        }
    }

    /// Calls `element` with each element's unescaped text, or nil for NULL.
    static func parse(
        _ text: UnsafeRawBufferPointer,
        _ element: (UnsafeRawBufferPointer?) throws(PostgresDecodingError.Reason) -> Void
    ) throws(PostgresDecodingError.Reason) {
        let invalid = PostgresDecodingError.Reason.invalidText(String(decoding: text, as: UTF8.self))
        guard text.count >= 2, text[0] == UInt8(ascii: "{"), text[text.count - 1] == UInt8(ascii: "}") else {
            throw invalid
        }
        let end = text.count - 1
        if end == 1 { return }
        var index = 1
        var buffer: [UInt8] = []
        while true {
            buffer.removeAll(keepingCapacity: true)
            var quoted = false
            if text[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while true {
                    guard index < end else { throw invalid }
                    let byte = text[index]
                    if byte == UInt8(ascii: "\"") { index += 1; break }
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                        guard index < end else { throw invalid }
                    }
                    buffer.append(text[index])
                    index += 1
                }
            } else {
                while index < end, text[index] != UInt8(ascii: ",") {
                    // Nested arrays are not supported.
                    if text[index] == UInt8(ascii: "{") { throw invalid }
                    buffer.append(text[index])
                    index += 1
                }
            }
            if !quoted && buffer.count == 4 && buffer.elementsEqual("NULL".utf8) {
                try element(nil)
            } else {
                var failure: PostgresDecodingError.Reason?
                buffer.withUnsafeBytes { bytes in
                    do throws(PostgresDecodingError.Reason) { try element(bytes) } catch { failure = error }
                }
                if let failure { throw failure }
            }
            if index == end { return }
            guard text[index] == UInt8(ascii: ",") else { throw invalid }
            index += 1
        }
    }
}
