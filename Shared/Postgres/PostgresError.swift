import CLibPQ

/// An error the server reported for a statement, with its SQLSTATE and diagnostic fields.
///
/// The HTTP layer maps the common cases with the helpers: `isUniqueViolation` (409),
/// `isForeignKeyViolation`, `isCheckViolation` (422), `isSerializationFailure` (retried by the pool
/// for retryable transactions), `isQueryCanceled` (a `statement_timeout`).
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The five-character SQLSTATE code (`23505`).
    public var sqlState: String
    /// `ERROR`, `FATAL` or `PANIC`.
    public var severity: String
    /// The primary message.
    public var message: String
    /// More detail, which may include the values in conflict.
    public var detail: String?
    /// A suggestion from the server.
    public var hint: String?
    /// The constraint that failed, for integrity violations.
    public var constraint: String?
    /// The schema of the object concerned.
    public var schema: String?
    /// The table concerned.
    public var table: String?
    /// The column concerned.
    public var column: String?
    /// The data type concerned.
    public var dataType: String?
    /// The 1-based character position of the error in the statement.
    public var position: Int?

    /// An error with the given fields (tests and synthesized errors).
    public init(
        sqlState: String, severity: String = "ERROR", message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, schema: String? = nil, table: String? = nil, column: String? = nil,
        dataType: String? = nil, position: Int? = nil
    ) {
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.schema = schema
        self.table = table
        self.column = column
        self.dataType = dataType
        self.position = position
    }

    /// Reads the diagnostic fields of an error result.
    init(result: OpaquePointer) {
        // libpq's PG_DIAG_* field codes are character constants, which Swift does not import.
        func field(_ code: Unicode.Scalar) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.value)) else { return nil }
            return String(cString: value)
        }
        let message = field("M")
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
        self.init(
            sqlState: field("C") ?? "XX000",
            severity: field("V") ?? field("S") ?? "ERROR",
            message: message,
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            schema: field("s"),
            table: field("t"),
            column: field("c"),
            dataType: field("d"),
            position: field("P").flatMap { Int($0) })
    }

    /// `23505`: a unique or primary key constraint was violated (see `constraint`).
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// `23503`: a foreign key constraint was violated.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// `23502`: a NOT NULL constraint was violated.
    public var isNotNullViolation: Bool { sqlState == "23502" }
    /// `23514`: a CHECK constraint was violated.
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// `23P01`: an exclusion constraint was violated (overlapping bookings).
    public var isExclusionViolation: Bool { sqlState == "23P01" }
    /// `40001`: a serializable transaction could not be serialized; running it again may succeed.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// `40P01`: the transaction was chosen as a deadlock victim; running it again may succeed.
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// Whether running the whole transaction again may succeed (`40001` or `40P01`).
    public var isTransient: Bool { isSerializationFailure || isDeadlock }
    /// `57014`: the statement was cancelled, normally by `statement_timeout`.
    public var isQueryCanceled: Bool { sqlState == "57014" }
    /// `42501`: permission denied, including a row-level security policy refusing a write.
    public var isInsufficientPrivilege: Bool { sqlState == "42501" }
    /// Class `22`: bad data (a value out of range, an invalid text representation).
    public var isDataException: Bool { sqlState.hasPrefix("22") }

    public var description: String {
        var text = "\(severity) \(sqlState): \(message)"
        if let detail { text += " (detail: \(detail))" }
        if let hint { text += " (hint: \(hint))" }
        if let constraint { text += " (constraint: \(constraint))" }
        return text
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
