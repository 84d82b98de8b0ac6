import GuichetCore
import GuichetHTTP
import GuichetPostgres

extension PostgresConnectionError: ProblemConvertible {
    /// The database is unreachable: 503, so clients retry later.
    public func problem(in language: Language) -> Problem {
        Problem(.databaseUnavailable, language: language)
    }
}

extension PostgresPoolTimeoutError: ProblemConvertible {
    /// Every connection stayed busy: 503, so clients retry later.
    public func problem(in language: Language) -> Problem {
        Problem(.databaseUnavailable, language: language)
    }
}

extension PostgresError: ProblemConvertible {
    /// A statement cancelled by `statement_timeout`, or a conflict still failing after the retries,
    /// is a 503 the client may retry; anything else is a bug or a broken rule: a 500 that reveals
    /// nothing (the server logs the error). Services map the errors they expect (unique
    /// violations…) to their own problems before this.
    public func problem(in language: Language) -> Problem {
        if isQueryCanceled || isTransient {
            return Problem(.serviceUnavailable, language: language)
        }
        return Problem(.internalError, language: language)
    }
}
