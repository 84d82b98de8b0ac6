/// The database cannot be reached or the connection broke: no answer from the server exists.
///
/// The HTTP layer answers 503 for `.unavailable` (and may for the others); a statement whose
/// connection was lost may or may not have been committed.
public struct PostgresConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// A connection attempt failed (refused, authentication, timeout).
        case connectFailed
        /// An established connection broke (the server closed it, the network failed).
        case connectionLost
        /// The pool knows the server is unreachable (a recent connection attempt failed) and failed the
        /// call at once instead of letting it wait.
        case unavailable
        /// The pool is shut down.
        case shutDown
    }

    /// What went wrong.
    public let kind: Kind
    /// libpq's explanation.
    public let message: String

    /// An error of `kind` with libpq's `message`.
    public init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "PostgreSQL \(kind): \(message)" }
}

/// No connection could be leased within the pool's wait timeout (every connection stayed busy).
public struct PostgresPoolTimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How long the call waited.
    public let waited: Duration

    /// A timeout after `waited`.
    public init(waited: Duration) {
        self.waited = waited
    }

    public var description: String { "no PostgreSQL connection became free within \(waited)" }
}

/// A column value could not be read as the requested Swift type.
public struct PostgresDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the value could not be read.
    public enum Reason: Error, Sendable, Hashable {
        /// The column is NULL and the requested type is not optional.
        case unexpectedNull
        /// The column's type cannot become the requested Swift type.
        case typeMismatch
        /// The text is not a valid value of the type.
        case invalidText(String)
        /// There is no such column (by index or name).
        case missingColumn
    }

    /// The column's name (or its index for a missing column).
    public let column: String
    /// The column's index.
    public let index: Int
    /// The Swift type requested.
    public let expectedType: String
    /// The column's PostgreSQL type.
    public let actualType: PostgresDataType
    /// Why it failed.
    public let reason: Reason

    /// An error for the column at `index` named `column`.
    public init(column: String, index: Int, expectedType: String, actualType: PostgresDataType, reason: Reason) {
        self.column = column
        self.index = index
        self.expectedType = expectedType
        self.actualType = actualType
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unexpectedNull:
            "column \"\(column)\" (#\(index)) is NULL but \(expectedType) is not optional"
        case .typeMismatch:
            "column \"\(column)\" (#\(index)) of type \(actualType) cannot be read as \(expectedType)"
        case .invalidText(let text):
            "column \"\(column)\" (#\(index)) of type \(actualType) holds no valid \(expectedType): \(text)"
        case .missingColumn:
            "no column \"\(column)\" to read as \(expectedType)"
        }
    }
}
