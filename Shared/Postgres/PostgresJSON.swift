import FoundationEssentials

/// A `Codable` value stored as `jsonb` (and read from `json` or `jsonb`).
///
/// ```swift
/// let query: PostgresQuery = "UPDATE t SET settings = \(PostgresJSON(settings)) WHERE id = \(id)"
/// let settings = try row.decode(PostgresJSON<Settings>.self).value
/// ```
public struct PostgresJSON<Value: Codable & Sendable>: Sendable, PostgresEncodable, PostgresDecodable {
    /// The wrapped value.
    public var value: Value

    /// Wraps `value`.
    public init(_ value: Value) {
        self.value = value
    }

    /// `jsonb`.
    public static var postgresType: PostgresDataType { .jsonb }

    public func encode(into text: inout [UInt8]) throws(PostgresEncodingError) {
        do {
            let data = try JSONEncoder().encode(value)
            text.append(contentsOf: data)
        } catch {
            throw PostgresEncodingError(parameter: 0, type: String(describing: Value.self), reason: "\(error)")
        }
    }

    /// From `jsonb` or `json`.
    public init(postgresText text: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingError.Reason) {
        guard type == .jsonb || type == .json else { throw .typeMismatch }
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(text))
        } catch {
            throw .invalidText("\(error)")
        }
    }
}

extension PostgresJSON: Equatable where Value: Equatable {}
extension PostgresJSON: Hashable where Value: Hashable {}
