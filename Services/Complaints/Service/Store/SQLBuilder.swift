import GuichetPostgres

/// Builds a statement whose shape depends on the request (optional filters) while every value
/// still travels as a bound parameter: SQL text comes only from code, values only through
/// ``bind(_:)``.
struct SQLBuilder {
    private(set) var sql = ""
    private var bindings = PostgresBindings()

    /// Appends SQL written in code (never input).
    mutating func append(_ text: String) {
        sql += text
    }

    /// Binds `value` and returns its placeholder (`$n`).
    mutating func bind<Value: PostgresEncodable>(_ value: Value) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds an optional value (`nil` is SQL NULL) and returns its placeholder.
    mutating func bind<Value: PostgresEncodable>(_ value: Value?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// The statement.
    var query: PostgresQuery {
        PostgresQuery(unsafeSQL: sql, bindings: bindings)
    }
}
