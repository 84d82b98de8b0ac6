import Foundation
import GuichetIO
@testable import GuichetPostgres
import Synchronization
import GuichetTestSupport
import Testing

@Suite("Transactions and batches (PostgreSQL)")
struct TransactionTests {
    static let accountsTable = """
        CREATE TABLE $schema.accounts (tenant_id uuid NOT NULL, id int NOT NULL, email text NOT NULL, balance int NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, id), CONSTRAINT accounts_email_key UNIQUE (tenant_id, email))
        """

    @Test("a batch of BEGIN, set_config, the statements and COMMIT costs exactly one round trip")
    func batchIsOneRoundTrip() async throws {
        try await TestDatabase.withSchema([Self.accountsTable]) { schema, _ in
            let pool = TestDatabase.pool { $0.poolSize = 2 }
            let tenant = UUID()
            // Warm a connection first so that connecting does not count.
            _ = try await pool.query("SELECT 1", tenant: nil)
            let before = await pool.statistics().roundTrips
            let results = try await pool.transaction([
                "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 1, 'a@x.ma')",
                "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 2, 'b@x.ma')",
                "SELECT count(*)::int8, current_setting('app.tenant_id') FROM \(unsafeRaw: schema).accounts WHERE tenant_id = \(tenant)",
            ], tenant: tenant)
            let after = await pool.statistics().roundTrips
            #expect(after - before == 1)
            #expect(results.count == 3)
            #expect(results[0].rowsAffected == 1)
            let (count, setting) = try results[2].single((Int, String).self)
            #expect(count == 2)
            #expect(setting == tenant.uuidString.lowercased())
            // An interactive transaction: the first statement travels with BEGIN and set_config.
            let trips = try await pool.transaction(tenant: tenant) { tx in
                let start = tx.connectionRoundTrips
                _ = try await tx.query("SELECT 1")
                _ = try await tx.query("SELECT 2")
                return tx.connectionRoundTrips - start
            }
            #expect(trips == 2)
            await pool.shutdown()
        }
    }

    @Test("a failing statement rolls the whole batch back and the connection stays usable")
    func rollbackOnError() async throws {
        try await TestDatabase.withSchema([Self.accountsTable]) { schema, _ in
            let pool = TestDatabase.pool { $0.poolSize = 2 }  // one connection per loop
            let tenant = UUID()
            let error = await #expect(throws: PostgresError.self) {
                _ = try await pool.transaction([
                    "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 1, 'a@x.ma')",
                    "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 2, 'a@x.ma')",
                    "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 3, 'c@x.ma')",
                ], tenant: tenant)
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.sqlState == "23505")
            #expect(error?.constraint == "accounts_email_key")
            #expect(error?.table == "accounts")
            #expect(error?.detail?.contains("a@x.ma") == true)
            let count = try await pool.query(
                "SELECT count(*)::int8 FROM \(unsafeRaw: schema).accounts WHERE tenant_id = \(tenant)", tenant: tenant)
            #expect(try count.single(Int.self) == 0)

            // The interactive form rolls back on a thrown error too, and the connection is clean after.
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await pool.transaction(tenant: tenant) { tx in
                    _ = try await tx.query(
                        "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 9, 'z@x.ma')")
                    throw Refused()
                }
            }
            // A statement error swallowed by the closure still prevents the commit.
            await #expect(throws: PostgresError.self) {
                try await pool.transaction(tenant: tenant) { tx in
                    _ = try await tx.query(
                        "INSERT INTO \(unsafeRaw: schema).accounts (tenant_id, id, email) VALUES (\(tenant), 10, 'y@x.ma')")
                    _ = try? await tx.query("SELECT 1/0")
                }
            }
            let status = try await pool.query(
                "SELECT count(*)::int8 FROM \(unsafeRaw: schema).accounts WHERE tenant_id = \(tenant)", tenant: tenant)
            #expect(try status.single(Int.self) == 0)
            await pool.shutdown()
        }
    }

    @Test("app.tenant_id is transaction-local: a later transaction on the same connection does not see it")
    func tenantIsTransactionLocal() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let pool = TestDatabase.pool(loops: group) { $0.poolSize = 1 }  // one connection: always the same
        let tenant = UUID()
        let inside = try await pool.query("SELECT current_setting('app.tenant_id', true), pg_backend_pid()", tenant: tenant)
        let (setting, pid) = try inside.single((String?, Int32).self)
        #expect(setting == tenant.uuidString.lowercased())
        let later = try await pool.query("SELECT current_setting('app.tenant_id', true), pg_backend_pid()", tenant: nil)
        let (after, samePid) = try later.single((String?, Int32).self)
        #expect(samePid == pid)
        #expect(after == nil || after == "")
        let interactive = try await pool.transaction(tenant: nil) { tx in
            try await tx.query("SELECT current_setting('app.tenant_id', true)").single(String?.self)
        }
        #expect(interactive == nil || interactive == "")
        await pool.shutdown()
        group.shutdown()
    }

    @Test("a statement is prepared once per connection and reused")
    func preparedStatementReuse() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let pool = TestDatabase.pool(loops: group) { $0.poolSize = 1 }
        let sql = "SELECT $1::int8 + 1"
        for value in 0..<5 {
            let result = try await pool.query("SELECT \(value)::int8 + 1", tenant: nil)
            #expect(try result.single(Int.self) == value + 1)
        }
        let count = try await pool.transaction(tenant: nil) { tx in
            #expect(tx.isPrepared(sql))
            return try await tx.query(
                "SELECT count(*)::int8 FROM pg_prepared_statements WHERE statement = \(sql)").single(Int.self)
        }
        #expect(count == 1)
        await pool.shutdown()
        group.shutdown()
    }

    @Test("statement_timeout cancels long work with 57014 and the connection is still usable")
    func statementTimeout() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let pool = TestDatabase.pool(loops: group) {
            $0.poolSize = 1
            $0.statementTimeout = .milliseconds(200)
        }
        let error = await #expect(throws: PostgresError.self) {
            _ = try await pool.query("SELECT pg_sleep(5)", tenant: UUID())
        }
        #expect(error?.isQueryCanceled == true)
        #expect(try await pool.query("SELECT 3::int4", tenant: nil).single(Int32.self) == Int32(3))
        #expect(await pool.statistics().connectionsOpened == 1)
        await pool.shutdown()
        group.shutdown()
    }

    @Test("serialization failures are retried to success when retryable and surfaced when not")
    func serializationFailure() async throws {
        try await TestDatabase.withSchema([
            "CREATE TABLE $schema.doctors (tenant_id uuid NOT NULL, name text NOT NULL, on_call bool NOT NULL)",
        ]) { schema, _ in
            let pool = TestDatabase.pool { $0.poolSize = 4 }
            let tenant = UUID()
            func reset() async throws {
                _ = try await pool.transaction([
                    "DELETE FROM \(unsafeRaw: schema).doctors",
                    "INSERT INTO \(unsafeRaw: schema).doctors VALUES (\(tenant), 'alice', true), (\(tenant), 'bob', true)",
                ], tenant: tenant)
            }
            // Classic write skew: each takes one doctor off call if another is still on call.
            func offCall(_ name: String, retryable: Bool, barrier: Barrier, attempts: Counter) async throws {
                try await pool.transaction(tenant: tenant, isolation: .serializable, retryable: retryable) { tx in
                    let attempt = attempts.increment()
                    let onCall = try await tx.query(
                        "SELECT count(*)::int8 FROM \(unsafeRaw: schema).doctors WHERE tenant_id = \(tenant) AND on_call"
                    ).single(Int.self)
                    if attempt == 1 { await barrier.arrive() }
                    if onCall >= 2 {
                        _ = try await tx.query(
                            "UPDATE \(unsafeRaw: schema).doctors SET on_call = false WHERE tenant_id = \(tenant) AND name = \(name)")
                    }
                }
            }
            try await reset()
            let barrier = Barrier(parties: 2)
            let alice = Counter(), bob = Counter()
            async let first: Void = offCall("alice", retryable: true, barrier: barrier, attempts: alice)
            async let second: Void = offCall("bob", retryable: true, barrier: barrier, attempts: bob)
            _ = try await (first, second)
            #expect(alice.value + bob.value == 3)  // exactly one retried
            let onCall = try await pool.query(
                "SELECT count(*)::int8 FROM \(unsafeRaw: schema).doctors WHERE on_call", tenant: tenant)
            #expect(try onCall.single(Int.self) == 1)

            try await reset()
            let barrier2 = Barrier(parties: 2)
            let third = Task { try await offCall("alice", retryable: false, barrier: barrier2, attempts: Counter()) }
            let fourth = Task { try await offCall("bob", retryable: false, barrier: barrier2, attempts: Counter()) }
            let outcomes = [await capture { try await third.value }, await capture { try await fourth.value }]
            let failures = outcomes.compactMap { $0 as? PostgresError }
            #expect(failures.count == 1)
            #expect(failures.first?.isSerializationFailure == true)
            await pool.shutdown()
        }
    }

    @Test("a deadlock victim is retried and both transactions commit")
    func deadlockRetried() async throws {
        try await TestDatabase.withSchema([
            "CREATE TABLE $schema.slots (tenant_id uuid NOT NULL, id int NOT NULL, taken int NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, id))",
        ]) { schema, _ in
            let pool = TestDatabase.pool { $0.poolSize = 4 }
            let tenant = UUID()
            _ = try await pool.query(
                "INSERT INTO \(unsafeRaw: schema).slots (tenant_id, id) VALUES (\(tenant), 1), (\(tenant), 2)", tenant: tenant)
            let barrier = Barrier(parties: 2)
            func take(_ first: Int, then second: Int, attempts: Counter) async throws {
                try await pool.transaction(tenant: tenant, retryable: true) { tx in
                    let attempt = attempts.increment()
                    _ = try await tx.query(
                        "UPDATE \(unsafeRaw: schema).slots SET taken = taken + 1 WHERE tenant_id = \(tenant) AND id = \(first)")
                    if attempt == 1 { await barrier.arrive() }
                    _ = try await tx.query(
                        "UPDATE \(unsafeRaw: schema).slots SET taken = taken + 1 WHERE tenant_id = \(tenant) AND id = \(second)")
                }
            }
            let a = Counter(), b = Counter()
            async let one: Void = take(1, then: 2, attempts: a)
            async let two: Void = take(2, then: 1, attempts: b)
            _ = try await (one, two)
            #expect(a.value + b.value == 3)
            let taken = try await pool.query(
                "SELECT sum(taken)::int8 FROM \(unsafeRaw: schema).slots WHERE tenant_id = \(tenant)", tenant: tenant)
            #expect(try taken.single(Int.self) == 4)
            await pool.shutdown()
        }
    }
}

/// Lets `parties` tasks wait until all have arrived.
final class Barrier: Sendable {
    private let state: Mutex<(arrived: Int, waiting: [CheckedContinuation<Void, Never>])>
    private let parties: Int

    init(parties: Int) {
        self.parties = parties
        self.state = Mutex((0, []))
    }

    func arrive() async {
        await withCheckedContinuation { continuation in
            let release = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.arrived += 1
                state.waiting.append(continuation)
                guard state.arrived >= parties else { return [] }
                defer { state.waiting.removeAll() }
                return state.waiting
            }
            for waiter in release { waiter.resume() }
        }
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() -> Int { count.withLock { $0 += 1; return $0 } }
    var value: Int { count.withLock { $0 } }
}

/// The error `body` throws, or nil.
func capture(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}
