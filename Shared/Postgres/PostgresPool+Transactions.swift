import CLibPQ
import FoundationEssentials
import GuichetIO

extension PostgresPool {
    /// Runs one statement and returns its rows, in one round trip.
    ///
    /// With a tenant it is a transaction of one statement (`BEGIN`, `set_config('app.tenant_id', …,
    /// true)`, the statement, `COMMIT` in one write); without one it runs alone and
    /// `app.tenant_id` is not set at all. A serialization failure or deadlock runs it again (the
    /// failed attempt left nothing behind).
    public func query(_ query: PostgresQuery, tenant: UUID?) async throws -> PostgresRows {
        if tenant == nil {
            return try await onLoop { pool in
                try await retrying(true, on: pool.loop) {
                    try await withConnection(pool) { connection in
                        let command = PostgresTransaction.Command(sql: query.sql, bindings: query.bindings, returnsRows: true)
                        return PostgresRows(try await connection.run([command])[0])
                    }
                }
            }
        }
        return try await transaction([query], tenant: tenant)[0]
    }

    /// Runs `queries` as one transaction in ONE write and one round trip — `BEGIN`, `set_config`
    /// for the tenant, every statement, `COMMIT` — and returns each statement's rows, in order.
    ///
    /// The first error skips the rest and rolls the transaction back (a second round trip, on
    /// failure only). A serialization failure or deadlock runs the whole batch again, up to
    /// `configuration.maxRetries` times, after a jittered back-off: a batch is all database work,
    /// rolled back entirely when it fails, so running it again is always safe (`retryable: false`
    /// only to observe the failure itself).
    public func transaction(
        _ queries: [PostgresQuery], tenant: UUID?, isolation: PostgresIsolationLevel? = nil, retryable: Bool = true
    ) async throws -> [PostgresRows] {
        try await onLoop { pool in
            try await retrying(retryable, on: pool.loop) {
                try await withConnection(pool) { connection in
                    var commands = PostgresTransaction.opening(tenant: tenant, isolation: isolation)
                    for query in queries {
                        commands.append(.init(sql: query.sql, bindings: query.bindings, returnsRows: true))
                    }
                    commands.append(PostgresTransaction.commit)
                    do {
                        return try await connection.run(commands).map(PostgresRows.init)
                    } catch {
                        await rollBackIfNeeded(connection)
                        throw error
                    }
                }
            }
        }
    }

    /// Runs `body` in an interactive transaction on one connection: its first statement goes out
    /// together with `BEGIN` and `set_config('app.tenant_id', …, true)`; `COMMIT` follows when
    /// `body` returns, `ROLLBACK` when it throws.
    ///
    /// With `retryable`, a serialization failure or deadlock (40001, 40P01) runs `body` again from
    /// the start, up to `configuration.maxRetries` times — so `body` must have no effect outside
    /// the database. A transaction in which a statement failed is never committed: the error is
    /// rethrown even if `body` caught it.
    public func transaction<Value>(
        tenant: UUID?, isolation: PostgresIsolationLevel? = nil, retryable: Bool = false,
        _ body: (PostgresTransaction) async throws -> Value
    ) async throws -> Value {
        try await onLoop { pool in
            try await retrying(retryable, on: pool.loop) {
                try await withConnection(pool) { connection in
                    let transaction = PostgresTransaction(
                        connection: connection, prelude: PostgresTransaction.opening(tenant: tenant, isolation: isolation))
                    do {
                        let value = try await body(transaction)
                        if transaction.hasBegun {
                            if connection.transactionStatus == PQTRANS_INERROR, let error = transaction.firstError {
                                throw error
                            }
                            _ = try await connection.run([PostgresTransaction.commit])
                        }
                        return value
                    } catch {
                        await rollBackIfNeeded(connection)
                        throw error
                    }
                }
            }
        }
    }

    /// Sends `ROLLBACK` when the connection is still inside a transaction (after an error the
    /// server waits for it); a connection it cannot clean is closed on release.
    private func rollBackIfNeeded(_ connection: PostgresConnection) async {
        guard connection.isOpen, connection.transactionStatus != PQTRANS_IDLE else { return }
        _ = try? await connection.run([PostgresTransaction.rollback])
    }

    /// Runs `attempt`, again after a jittered back-off when it fails with a serialization failure
    /// or a deadlock and `retryable` is set, at most `maxRetries` more times.
    private func retrying<Value>(
        _ retryable: Bool, on loop: EventLoop, _ attempt: () async throws -> Value
    ) async throws -> Value {
        var retries = 0
        while true {
            do {
                return try await attempt()
            } catch let error as PostgresError where retryable && error.isTransient && retries < configuration.maxRetries {
                retries += 1
                let base = configuration.retryBackoff.nanosecondsClamped << min(retries - 1, 10)
                let delay = Duration.nanoseconds(Int64.random(in: base / 2...max(base / 2, base * 3 / 2)))
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    loop.scheduleTimer(after: delay) { continuation.resume() }
                }
            }
        }
    }
}
