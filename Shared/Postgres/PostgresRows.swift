/// The rows one statement returned, readable from any thread.
///
/// ```swift
/// for row in rows {
///     let (id, name, closedAt) = try row.decode((UUID, String, Date?).self)
/// }
/// let name = try rows.first?["name"].decode(String.self)
/// ```
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: PostgresResult?

    init(_ result: PostgresResult?) {
        self.result = result
    }

    /// No rows (a statement that returns none).
    public static let empty = PostgresRows(nil)

    public var startIndex: Int { 0 }
    public var endIndex: Int { result?.rowCount ?? 0 }

    public subscript(position: Int) -> PostgresRow {
        precondition(position >= 0 && position < endIndex, "row index out of range")
        return PostgresRow(result: result!, index: position)
    }

    /// The column names, in order.
    public var columnNames: [String] {
        guard let result else { return [] }
        return (0..<result.columnCount).map(result.columnName)
    }

    /// The number of rows the command inserted, updated or deleted (`UPDATE 3` → 3).
    public var rowsAffected: Int { result?.rowsAffected ?? 0 }

    /// The command tag the server returned (`INSERT 0 1`, `SELECT 3`).
    public var commandTag: String { result?.commandTag ?? "" }

    /// The single row's values decoded as `types`; throws when there is not exactly one row.
    public func single<each Value: PostgresDecodable>(_ types: (repeat each Value).Type) throws -> (repeat each Value) {
        guard count == 1 else { throw PostgresRowCountError(expected: 1, actual: count) }
        return try self[0].decode(types)
    }
}

/// A statement returned a different number of rows than the caller required.
public struct PostgresRowCountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The count required.
    public let expected: Int
    /// The count returned.
    public let actual: Int

    public var description: String { "expected \(expected) row(s), got \(actual)" }
}

/// One row of a result: cells by index or by column name, or all columns decoded at once.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    /// The row's position in its result.
    public let index: Int

    /// The number of columns.
    public var columnCount: Int { result.columnCount }

    /// The cell at `column` (0-based).
    public subscript(column: Int) -> PostgresCell {
        PostgresCell(result: result, row: index, column: column)
    }

    /// The cell of the column named `name` (exact spelling); reading a missing column throws.
    public subscript(name: String) -> PostgresCell {
        PostgresCell(result: result, row: index, column: result.columnIndex(named: name) ?? -1, missingName: name)
    }

    /// Decodes the row's columns, in order, as the given types:
    /// `let (id, name, at) = try row.decode((UUID, String, Date?).self)`.
    ///
    /// Throws `PostgresDecodingError` naming the column and the expected type, or when the row has a
    /// different number of columns than types.
    public func decode<each Value: PostgresDecodable>(_ types: (repeat each Value).Type) throws -> (repeat each Value) {
        var column = 0
        func next<Decoded: PostgresDecodable>(_ type: Decoded.Type) throws(PostgresDecodingError) -> Decoded {
            defer { column += 1 }
            return try self[column].decode(Decoded.self)
        }
        let values = (repeat try next((each Value).self))
        guard column == result.columnCount else {
            throw PostgresDecodingError(
                column: "#\(column)", index: column, expectedType: "\(column) columns",
                actualType: .unspecified, reason: .invalidText("the row has \(result.columnCount) columns"))
        }
        return values
    }
}

/// One cell of a row.
public struct PostgresCell: Sendable {
    let result: PostgresResult
    let row: Int
    /// The column's index (-1 when looked up by a name that does not exist).
    public let column: Int
    let missingName: String?

    init(result: PostgresResult, row: Int, column: Int, missingName: String? = nil) {
        self.result = result
        self.row = row
        self.column = column
        self.missingName = missingName
    }

    /// The column's name.
    public var columnName: String {
        guard column >= 0, column < result.columnCount else { return missingName ?? "#\(column)" }
        return result.columnName(column)
    }

    /// The column's PostgreSQL type.
    public var dataType: PostgresDataType {
        guard column >= 0, column < result.columnCount else { return .unspecified }
        return result.columnType(column)
    }

    /// Whether the value is SQL NULL.
    public var isNull: Bool {
        guard column >= 0, column < result.columnCount else { return true }
        return result.isNull(row: row, column: column)
    }

    /// The value decoded as `type`; NULL only for an optional type.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self) throws(PostgresDecodingError) -> Value {
        guard column >= 0, column < result.columnCount else {
            throw PostgresDecodingError(
                column: missingName ?? "#\(column)", index: column, expectedType: String(describing: Value.self),
                actualType: .unspecified, reason: .missingColumn)
        }
        let type = result.columnType(column)
        do throws(PostgresDecodingError.Reason) {
            guard let bytes = result.bytes(row: row, column: column) else { return try Value.postgresNull() }
            return try Value(postgresText: bytes, type: type)
        } catch {
            throw PostgresDecodingError(
                column: result.columnName(column), index: column, expectedType: String(describing: Value.self),
                actualType: type, reason: error)
        }
    }
}
