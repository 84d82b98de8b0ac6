/// A SQL statement whose every interpolated value travels as a bound parameter.
///
/// ```swift
/// let query: PostgresQuery = "SELECT name FROM t WHERE tenant_id = \(tenant) AND id = \(id)"
/// // sql: "SELECT name FROM t WHERE tenant_id = $1 AND id = $2", two bindings
/// ```
/// Values never become SQL text. The only way to splice text into the statement is
/// `\(unsafeRaw: …)`, for trusted constants chosen in code (identifiers, an `ORDER BY` direction).
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement, with `$1`, `$2`, … where the values go.
    public var sql: String
    /// The values for the placeholders, in order.
    public var bindings: PostgresBindings

    /// A query from SQL text and its bindings, which must match the placeholders in `unsafeSQL`.
    public init(unsafeSQL: String, bindings: PostgresBindings = PostgresBindings()) {
        self.sql = unsafeSQL
        self.bindings = bindings
    }

    /// A query with no parameters.
    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    /// A query built by interpolation (see the type's documentation).
    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    public var description: String { sql }

    /// Collects the literal pieces as SQL and the interpolated values as parameters.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var bindings = PostgresBindings()

        /// Reserves room for the literal text.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            bindings.reserveCapacity(interpolationCount)
        }

        /// Appends literal SQL written in the source.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Appends `value` as the next parameter (`$n`).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value)
            sql += "$"
            sql += String(bindings.count)
        }

        /// Appends an optional value as the next parameter (`nil` is SQL NULL).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value)
            sql += "$"
            sql += String(bindings.count)
        }

        /// Appends `value` as the next parameter, typed `type` instead of the value's own type.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value, as type: PostgresDataType) {
            bindings.append(value, as: type)
            sql += "$"
            sql += String(bindings.count)
        }

        /// Splices `text` into the statement as SQL. Only for trusted constants chosen in code, never
        /// for input.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            sql += text
        }
    }
}

/// The parameter values of a query in PostgreSQL's text format, with their types.
///
/// The values sit NUL-terminated in one byte buffer, ready to hand to libpq without a copy per value.
public struct PostgresBindings: Sendable, Hashable {
    /// Each parameter's type (`.unspecified` lets the server infer it).
    public private(set) var types: [PostgresDataType] = []
    /// The text of every non-NULL value, each followed by a NUL byte.
    private(set) var bytes: [UInt8] = []
    /// Where each value starts in `bytes`, or -1 for NULL.
    private(set) var offsets: [Int] = []
    /// The first value that could not be encoded; sending the query throws it.
    private(set) var encodingError: PostgresEncodingError?

    /// No parameters.
    public init() {}

    /// The number of parameters.
    public var count: Int { offsets.count }

    mutating func reserveCapacity(_ count: Int) {
        types.reserveCapacity(count)
        offsets.reserveCapacity(count)
    }

    /// Appends `value` as the next parameter.
    public mutating func append<Value: PostgresEncodable>(_ value: Value) {
        append(value, as: Value.postgresType)
    }

    /// Appends `value` as the next parameter with an explicit type.
    public mutating func append<Value: PostgresEncodable>(_ value: Value, as type: PostgresDataType) {
        types.append(type)
        if value.isPostgresNull {
            offsets.append(-1)
            return
        }
        let start = bytes.count
        offsets.append(start)
        do throws(PostgresEncodingError) {
            try value.encode(into: &bytes)
            if bytes[start...].contains(0) {
                throw PostgresEncodingError(parameter: offsets.count, type: String(describing: Value.self),
                                            reason: "contains a NUL character, which PostgreSQL text cannot hold")
            }
        } catch {
            bytes.removeSubrange(start...)
            if encodingError == nil {
                encodingError = PostgresEncodingError(
                    parameter: offsets.count, type: String(describing: Value.self), reason: error.reason)
            }
        }
        bytes.append(0)
    }

    /// The text of parameter `index` (nil for NULL), for logs and tests.
    public func text(at index: Int) -> String? {
        let start = offsets[index]
        guard start >= 0 else { return nil }
        let end = bytes[start...].firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Calls `body` with C pointers to each value (nil for NULL), valid only during the call.
    func withValuePointers<Result>(_ body: ([UnsafePointer<CChar>?]) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers = offsets.map { offset -> UnsafePointer<CChar>? in
                guard offset >= 0, let base else { return nil }
                return base + offset
            }
            return try body(pointers)
        }
    }
}

/// A value that could not become a query parameter (thrown when the query is sent).
public struct PostgresEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based parameter number (`$n`).
    public let parameter: Int
    /// The Swift type of the value.
    public let type: String
    /// What was wrong with it.
    public let reason: String

    /// Describes a parameter that could not be encoded.
    public init(parameter: Int, type: String, reason: String) {
        self.parameter = parameter
        self.type = type
        self.reason = reason
    }

    public var description: String { "cannot encode parameter $\(parameter) of type \(type): \(reason)" }
}
