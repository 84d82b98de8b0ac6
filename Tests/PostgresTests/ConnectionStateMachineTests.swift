@testable import GuichetPostgres
import Testing

@Suite("Connection state machine (no I/O)")
struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine<Int, String>

    static func command(_ sql: String, rows: Bool = true) -> Machine.Command {
        Machine.Command(sql: sql, bindings: PostgresBindings(), returnsRows: rows)
    }

    static func messages(_ action: Machine.Action) -> [Machine.Message] {
        guard case .send(let messages) = action else { return [] }
        return messages
    }

    @Test("a statement is prepared and executed in the same write on first use, executed alone after")
    func preparesOnFirstUse() {
        var machine = Machine(statementCacheCapacity: 8)
        let first = Self.messages(machine.submit([Self.command("SELECT 1")], waiter: 1))
        #expect(first == [
            .prepare(name: "guichet_1", sql: "SELECT 1", types: []),
            .executePrepared(name: "guichet_1", bindings: PostgresBindings()),
        ])
        #expect(machine.received(.result("parsed")) == .none)
        #expect(machine.received(.endOfStatement) == .none)
        #expect(machine.received(.result("rows")) == .none)
        #expect(machine.received(.endOfStatement) == .none)
        #expect(machine.received(.sync) == .succeed(1, ["rows"]))
        #expect(machine.isPrepared("SELECT 1"))
        let second = Self.messages(machine.submit([Self.command("SELECT 1")], waiter: 2))
        #expect(second == [.executePrepared(name: "guichet_1", bindings: PostgresBindings())])
        #expect(machine.roundTrips == 2)
    }

    @Test("only the statements that return rows are answered, in order")
    func keepsOnlyRequestedResults() {
        var machine = Machine(statementCacheCapacity: 0)
        let sent = Self.messages(machine.submit(
            [Self.command("BEGIN", rows: false), Self.command("A"), Self.command("B"), Self.command("COMMIT", rows: false)],
            waiter: 7))
        #expect(sent.count == 4)
        for result in ["begin", "a", "b", "commit"] {
            #expect(machine.received(.result(result)) == .none)
            #expect(machine.received(.endOfStatement) == .none)
        }
        #expect(machine.received(.sync) == .succeed(7, ["a", "b"]))
        #expect(!machine.hasRequestsInFlight)
    }

    @Test("the first error fails the request, aborted statements are skipped, failed prepares are forgotten")
    func errorAbortsTheRest() {
        var machine = Machine(statementCacheCapacity: 8)
        _ = machine.submit([Self.command("BAD"), Self.command("NEVER")], waiter: 1)
        let error = PostgresError(sqlState: "42601", message: "syntax error")
        #expect(machine.received(.error(error)) == .none)  // Parse of BAD
        #expect(machine.received(.endOfStatement) == .none)
        for _ in 0..<3 {  // Execute BAD, Parse NEVER, Execute NEVER
            #expect(machine.received(.aborted) == .none)
            #expect(machine.received(.endOfStatement) == .none)
        }
        #expect(machine.received(.sync) == .fail(1, error))
        #expect(!machine.isPrepared("BAD"))
        // Neither statement is believed prepared: both are prepared again on next use.
        let again = Self.messages(machine.submit([Self.command("NEVER")], waiter: 2))
        #expect(again.first == .prepare(name: "guichet_3", sql: "NEVER", types: []))
    }

    @Test("several requests in flight are answered in order")
    func pipelinedRequests() {
        var machine = Machine(statementCacheCapacity: 0)
        _ = machine.submit([Self.command("A")], waiter: 1)
        _ = machine.submit([Self.command("B")], waiter: 2)
        #expect(machine.requestsInFlight == 2)
        _ = machine.received(.result("a"))
        _ = machine.received(.endOfStatement)
        #expect(machine.received(.sync) == .succeed(1, ["a"]))
        _ = machine.received(.result("b"))
        _ = machine.received(.endOfStatement)
        #expect(machine.received(.sync) == .succeed(2, ["b"]))
    }

    @Test("out-of-order events close the connection and fail every request")
    func protocolViolation() {
        var machine = Machine(statementCacheCapacity: 0)
        _ = machine.submit([Self.command("A")], waiter: 1)
        _ = machine.submit([Self.command("B")], waiter: 2)
        guard case .close(_, let waiters) = machine.received(.sync) else {
            Issue.record("expected close")
            return
        }
        #expect(waiters == [1, 2])
        guard case .failClosed(3, let error) = machine.submit([Self.command("C")], waiter: 3) else {
            Issue.record("expected failClosed")
            return
        }
        #expect(error.kind == .connectionLost)
    }

    @Test("a result with nothing in flight is a protocol error")
    func resultWithoutRequest() {
        var machine = Machine(statementCacheCapacity: 0)
        guard case .close(_, let waiters) = machine.received(.result("x")) else {
            Issue.record("expected close")
            return
        }
        #expect(waiters.isEmpty)
    }

    @Test("a lost connection fails everything in flight")
    func connectionLost() {
        var machine = Machine(statementCacheCapacity: 0)
        _ = machine.submit([Self.command("A")], waiter: 1)
        _ = machine.submit([Self.command("B")], waiter: 2)
        #expect(machine.connectionClosed(PostgresConnectionError(.connectionLost, message: "EOF")) == [1, 2])
        #expect(!machine.hasRequestsInFlight)
    }

    @Test("a full cache evicts the least recently used confirmed statement, deallocating it first in the write")
    func eviction() {
        var machine = Machine(statementCacheCapacity: 2)
        for (waiter, sql) in ["A", "B"].enumerated() {
            _ = machine.submit([Self.command(sql)], waiter: waiter)
            for result in ["parsed", "rows"] {
                _ = machine.received(.result(result))
                _ = machine.received(.endOfStatement)
            }
            _ = machine.received(.sync)
        }
        _ = machine.submit([Self.command("A")], waiter: 3)  // A is now the most recently used
        _ = machine.received(.result("rows"))
        _ = machine.received(.endOfStatement)
        _ = machine.received(.sync)
        let sent = Self.messages(machine.submit([Self.command("C")], waiter: 4))
        #expect(sent == [
            .deallocate(name: "guichet_2"),
            .prepare(name: "guichet_3", sql: "C", types: []),
            .executePrepared(name: "guichet_3", bindings: PostgresBindings()),
        ])
        #expect(machine.isPrepared("A"))
        #expect(!machine.isPrepared("B"))
    }

    @Test("a cache full of unconfirmed statements runs new ones unnamed")
    func unnamedWhenFullOfPending() {
        var cache = PreparedStatementCache(capacity: 1)
        #expect(cache.lookup("A") == .prepare(name: "guichet_1", evicting: nil))
        #expect(cache.lookup("B") == .unnamed)
        cache.confirm("A")
        #expect(cache.lookup("B") == .prepare(name: "guichet_2", evicting: "guichet_1"))
        #expect(cache.count == 1)
    }
}

extension ConnectionStateMachine.Action: Equatable where Waiter: Equatable, Result: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): true
        case let (.send(a), .send(b)): a == b
        case let (.succeed(w1, r1), .succeed(w2, r2)): w1 == w2 && r1 == r2
        case let (.fail(w1, e1), .fail(w2, e2)): w1 == w2 && e1 == e2
        case let (.failClosed(w1, e1), .failClosed(w2, e2)): w1 == w2 && e1 == e2
        case let (.close(e1, w1), .close(e2, w2)): e1 == e2 && w1 == w2
        default: false
        }
    }
}
