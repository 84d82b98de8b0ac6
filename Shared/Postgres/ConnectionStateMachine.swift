/// The protocol bookkeeping of one pipelined connection, as a value type with no I/O: it turns
/// requests into the messages to send and the results libpq hands back into the answer for each
/// request, and says what the connection must do (`Action`s). Tested without a server.
///
/// A request is a list of statements followed by one `Sync`; several requests may be in flight.
/// For each statement libpq returns one result and then a end-of-statement marker (a NULL
/// `PGresult`); after the first error the server skips the rest (each an *aborted* result) up to
/// the `Sync`, whose own result closes the request:
/// ```
///   send:     [Parse S1] [Execute S1] [Execute S2] … Sync
///   receive:   ok  end    rows  end    error  end … sync   → request fails with the error
/// ```
/// Statements are prepared on first use, in the same write as their first execution, and kept in
/// a bounded per-connection cache.
struct ConnectionStateMachine<Waiter, Result> {
    /// One statement of a request.
    struct Command {
        /// The SQL text, with `$n` placeholders.
        var sql: String
        /// The parameters.
        var bindings: PostgresBindings
        /// Whether the caller wants the statement's rows (false for BEGIN, set_config, COMMIT).
        var returnsRows: Bool
    }

    /// A message to hand to libpq.
    enum Message: Equatable {
        /// `DEALLOCATE name`, freeing an evicted statement.
        case deallocate(name: String)
        /// `Parse` of `sql` as the statement `name`.
        case prepare(name: String, sql: String, types: [PostgresDataType])
        /// Bind and execute the prepared statement `name`.
        case executePrepared(name: String, bindings: PostgresBindings)
        /// Parse, bind and execute `sql` as the unnamed statement.
        case execute(sql: String, bindings: PostgresBindings)
    }

    /// What the connection must do after an event.
    enum Action {
        /// Nothing yet.
        case none
        /// Hand `messages` to libpq, then a `Sync`, and flush.
        case send([Message])
        /// The request is answered: resume its waiter with the results it asked for, in order.
        case succeed(Waiter, [Result])
        /// The request failed with the server's first error.
        case fail(Waiter, PostgresError)
        /// The request cannot run: the connection is closed.
        case failClosed(Waiter, PostgresConnectionError)
        /// libpq said something the bookkeeping did not expect: close the connection and fail
        /// every request in flight.
        case close(PostgresConnectionError, [Waiter])
    }

    /// What libpq handed back.
    enum Event {
        /// A successful result (rows or a command tag).
        case result(Result)
        /// An error result for the current statement.
        case error(PostgresError)
        /// The statement did not run because an earlier one failed.
        case aborted
        /// The current statement's results are complete (a NULL from `PQgetResult`).
        case endOfStatement
        /// The `Sync` that closes the oldest request.
        case sync
    }

    private enum Expectation {
        case discard
        case prepare(sql: String)
        case keep
    }

    private struct Request {
        var waiter: Waiter
        var expectations: [Expectation]
        var position = 0
        /// The current statement produced its result and awaits its end marker.
        var statementAnswered = false
        var results: [Result] = []
        var error: PostgresError?
    }

    private var requests: [Request] = []
    private var statements: PreparedStatementCache
    private var closed = false

    /// The number of requests sent, each one round trip (its messages and a `Sync`, then waiting).
    private(set) var roundTrips = 0

    /// A machine whose connection keeps at most `statementCacheCapacity` prepared statements.
    init(statementCacheCapacity: Int) {
        statements = PreparedStatementCache(capacity: statementCacheCapacity)
    }

    /// Whether requests are waiting for results (libpq must then be read until they are answered).
    var hasRequestsInFlight: Bool { !requests.isEmpty }

    /// The number of requests waiting for results.
    var requestsInFlight: Int { requests.count }

    /// Whether the statement for `sql` is prepared on this connection.
    func isPrepared(_ sql: String) -> Bool { statements.isConfirmed(sql) }

    /// Queues a request running `commands` and answering `waiter`.
    mutating func submit(_ commands: [Command], waiter: Waiter) -> Action {
        if closed {
            return .failClosed(waiter, PostgresConnectionError(.connectionLost, message: "the connection is closed"))
        }
        var messages: [Message] = []
        var expectations: [Expectation] = []
        messages.reserveCapacity(commands.count + 1)
        expectations.reserveCapacity(commands.count + 1)
        for command in commands {
            let execute: Expectation = command.returnsRows ? .keep : .discard
            switch statements.lookup(command.sql) {
            case .prepared(let name):
                messages.append(.executePrepared(name: name, bindings: command.bindings))
                expectations.append(execute)
            case .prepare(let name, let evicting):
                if let evicting {
                    // First in the write, so no earlier error can skip it.
                    messages.insert(.deallocate(name: evicting), at: 0)
                    expectations.insert(.discard, at: 0)
                }
                messages.append(.prepare(name: name, sql: command.sql, types: command.bindings.types))
                expectations.append(.prepare(sql: command.sql))
                messages.append(.executePrepared(name: name, bindings: command.bindings))
                expectations.append(execute)
            case .unnamed:
                messages.append(.execute(sql: command.sql, bindings: command.bindings))
                expectations.append(execute)
            }
        }
        requests.append(Request(waiter: waiter, expectations: expectations))
        roundTrips += 1
        return .send(messages)
    }

    /// Feeds one thing libpq returned.
    mutating func received(_ event: Event) -> Action {
        guard !requests.isEmpty else {
            return closeAll("a result arrived with no request in flight")
        }
        var request = requests[0]
        let finished = request.position >= request.expectations.count
        switch event {
        case .result(let result):
            guard !finished, !request.statementAnswered else { return closeAll("an unexpected result arrived") }
            switch request.expectations[request.position] {
            case .keep: request.results.append(result)
            case .prepare(let sql): statements.confirm(sql)
            case .discard: break
            }
            request.statementAnswered = true
        case .error(let error):
            guard !finished, !request.statementAnswered else { return closeAll("an unexpected error arrived") }
            if case .prepare(let sql) = request.expectations[request.position] { statements.forget(sql) }
            if request.error == nil { request.error = error }
            request.statementAnswered = true
        case .aborted:
            guard !finished, !request.statementAnswered else { return closeAll("an unexpected aborted result arrived") }
            if case .prepare(let sql) = request.expectations[request.position] { statements.forget(sql) }
            request.statementAnswered = true
        case .endOfStatement:
            guard !finished, request.statementAnswered else { return closeAll("an unexpected end of statement") }
            request.statementAnswered = false
            request.position += 1
        case .sync:
            guard finished else { return closeAll("the pipeline synced before every statement answered") }
            requests.removeFirst()
            if let error = request.error { return .fail(request.waiter, error) }
            return .succeed(request.waiter, request.results)
        }
        requests[0] = request
        return .none
    }

    /// The connection broke or is being closed: every request in flight fails with `error`.
    mutating func connectionClosed(_ error: PostgresConnectionError) -> [Waiter] {
        closed = true
        let waiters = requests.map(\.waiter)
        requests.removeAll()
        return waiters
    }

    private mutating func closeAll(_ reason: String) -> Action {
        let error = PostgresConnectionError(.connectionLost, message: "protocol error: \(reason)")
        return .close(error, connectionClosed(error))
    }
}
