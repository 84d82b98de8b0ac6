import CLibPQ
import Glibc

/// Owns one libpq result (`PGresult`) and frees it when the last reference goes.
///
/// Sendable: a `PGresult` is never modified after libpq hands it over, and libpq documents that
/// such a result may be read from any thread ("PGresult objects are normally read-only after
/// creation, and so can be passed around freely between threads"). Nothing here writes to it; the
/// only other operation, `PQclear`, runs once in `deinit`, when no reader remains.
final class PostgresResult: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The number of rows.
    let rowCount: Int
    /// The number of columns.
    let columnCount: Int

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        self.rowCount = Int(PQntuples(pointer))
        self.columnCount = Int(PQnfields(pointer))
    }

    deinit {
        PQclear(pointer)
    }

    /// The result's status.
    var status: ExecStatusType { PQresultStatus(pointer) }

    /// The number of rows the command inserted, updated or deleted (0 when it says none).
    var rowsAffected: Int {
        Int(String(cString: PQcmdTuples(pointer))) ?? 0
    }

    /// The command tag (`INSERT 0 1`, `SELECT 3`).
    var commandTag: String { String(cString: PQcmdStatus(pointer)) }

    func columnName(_ column: Int) -> String {
        guard let name = PQfname(pointer, Int32(column)) else { return "#\(column)" }
        return String(cString: name)
    }

    func columnType(_ column: Int) -> PostgresDataType {
        PostgresDataType(rawValue: PQftype(pointer, Int32(column)))
    }

    /// The column index for an exact (case-sensitive) name, or nil.
    func columnIndex(named name: String) -> Int? {
        for column in 0..<columnCount {
            guard let field = PQfname(pointer, Int32(column)) else { continue }
            if name.utf8.elementsEqual(UnsafeRawBufferPointer(start: field, count: strlen(field))) {
                return column
            }
        }
        return nil
    }

    /// Whether the cell is NULL.
    func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(pointer, Int32(row), Int32(column)) != 0
    }

    /// The cell's text bytes (not NUL-terminated), valid while `self` lives; nil for NULL.
    func bytes(row: Int, column: Int) -> UnsafeRawBufferPointer? {
        if PQgetisnull(pointer, Int32(row), Int32(column)) != 0 { return nil }
        let value = PQgetvalue(pointer, Int32(row), Int32(column))
        let length = PQgetlength(pointer, Int32(row), Int32(column))
        return UnsafeRawBufferPointer(start: value, count: Int(length))
    }
}
