import CLibPQ
import FoundationEssentials
import GuichetIO

/// An interactive transaction on one leased connection, handed to the closure of
/// `PostgresPool.transaction(tenant:isolation:retryable:_:)`.
///
/// Nothing is sent until the first statement, which goes out in one write together with `BEGIN`
/// and `SELECT set_config('app.tenant_id', $1, true)`; each later statement (or group of
/// statements given to `execute`) is one more round trip. The pool commits after the closure
/// returns, or rolls back if it throws. Use it only inside the closure, from the task that runs it.
public final class PostgresTransaction {
    typealias Command = PostgresConnection.Machine.Command

    let connection: PostgresConnection
    private var prelude: [Command]
    /// The first server error a statement of this transaction failed with.
    private(set) var firstError: PostgresError?

    init(connection: PostgresConnection, prelude: [Command]) {
        self.connection = connection
        self.prelude = prelude
    }

    /// Whether `BEGIN` was sent.
    var hasBegun: Bool { prelude.isEmpty }

    /// Runs one statement inside the transaction and returns its rows.
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await execute([query])[0]
    }

    /// Runs several statements inside the transaction in one round trip and returns each one's rows;
    /// the first error stops the rest.
    public func execute(_ queries: [PostgresQuery]) async throws -> [PostgresRows] {
        var commands = prelude
        commands.reserveCapacity(commands.count + queries.count)
        for query in queries {
            commands.append(Command(sql: query.sql, bindings: query.bindings, returnsRows: true))
        }
        prelude.removeAll()
        do {
            return try await connection.run(commands).map(PostgresRows.init)
        } catch let error as PostgresError {
            if firstError == nil { firstError = error }
            throw error
        }
    }

    /// The round trips made so far on this transaction's connection since it opened (for tests
    /// proving what a unit of work costs).
    public var connectionRoundTrips: Int { connection.roundTrips }

    /// Whether the statement `sql` is already prepared on this transaction's connection.
    public func isPrepared(_ sql: String) -> Bool { connection.isPrepared(sql) }
}

extension PostgresTransaction {
    /// The statements that open a transaction: `BEGIN [ISOLATION LEVEL …]` and, with a tenant,
    /// `set_config('app.tenant_id', …, true)` (transaction-local, never a session `SET`).
    static func opening(tenant: UUID?, isolation: PostgresIsolationLevel?) -> [Command] {
        var commands = [Command(sql: PostgresIsolationLevel.beginStatement(isolation), bindings: PostgresBindings(), returnsRows: false)]
        if let tenant {
            var bindings = PostgresBindings()
            bindings.append(tenant.uuidString.lowercased())
            commands.append(Command(sql: setTenantSQL, bindings: bindings, returnsRows: false))
        }
        return commands
    }

    static let setTenantSQL = "SELECT set_config('app.tenant_id', $1, true)"
    static let commit = Command(sql: "COMMIT", bindings: PostgresBindings(), returnsRows: false)
    static let rollback = Command(sql: "ROLLBACK", bindings: PostgresBindings(), returnsRows: false)
}
