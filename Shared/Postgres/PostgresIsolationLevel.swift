/// A transaction's isolation level (`BEGIN ISOLATION LEVEL …`).
public enum PostgresIsolationLevel: Sendable, Hashable {
    /// Each statement sees what was committed before it began (PostgreSQL's default).
    case readCommitted
    /// The transaction sees one snapshot; a conflicting write fails with 40001.
    case repeatableRead
    /// As if transactions ran one after another; conflicts fail with 40001 (retry them).
    case serializable

    /// The `BEGIN` statement for the level (`nil`: the server's default).
    static func beginStatement(_ level: PostgresIsolationLevel?) -> String {
        switch level {
        case nil: "BEGIN"
        case .readCommitted: "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }
}
