import Foundation
import Synchronization
import GuichetIO
@testable import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Pool (PostgreSQL)")
struct PoolTests {
    @Test("an exhausted pool makes calls wait, then time out; a waiter is served when a connection comes back")
    func exhaustion() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let pool = TestDatabase.pool(loops: group) {
            $0.poolSize = 1
            // Long enough that the waiter below is still waiting when this (possibly starved) test
            // looks for it; the first call below waits it out once.
            $0.poolTimeout = .seconds(3)
        }
        let holding = Barrier(parties: 2)
        let finish = Barrier(parties: 2)
        let holder = Task {
            try await pool.transaction(tenant: nil) { tx in
                _ = try await tx.query("SELECT 1")
                await holding.arrive()
                await finish.arrive()
            }
        }
        await holding.arrive()  // the only connection is leased
        let timeout = await #expect(throws: PostgresPoolTimeoutError.self) {
            _ = try await pool.query("SELECT 2", tenant: nil)
        }
        #expect(timeout?.waited == .seconds(3))
        // This one waits for the holder, which lets go right after it started waiting.
        let waiter = Task { try await pool.query("SELECT 3::int4", tenant: nil).single(Int32.self) }
        let givingUp = ContinuousClock.now + .seconds(60)
        while await pool.statistics().waiting == 0 {
            try #require(ContinuousClock.now < givingUp, "the waiter never started waiting")
            try await Task.sleep(for: .milliseconds(2))
        }
        await finish.arrive()
        try await holder.value
        #expect(try await waiter.value == Int32(3))
        let statistics = await pool.statistics()
        #expect(statistics.timeouts == 1)
        #expect(statistics.connectionsOpened == 1)
        #expect(statistics.inUse == 0)
        #expect(statistics.idle == 1)
        await pool.shutdown()
        await #expect(throws: PostgresConnectionError(.shutDown, message: "the pool is shut down")) {
            _ = try await pool.query("SELECT 1", tenant: nil)
        }
        group.shutdown()
    }

    // Partitioned by `owner_id`, not `tenant_id`: the platform's provisioning would take a throwaway
    // table partitioned by `tenant_id` for a tenant table.
    @Test("a statement run again and again on a table partitioned by tenant locks its tenant's partition only")
    func customPlansPrunePartitions() async throws {
        let partitions = (0..<12).map { "CREATE TABLE $schema.notes_p\($0) PARTITION OF $schema.notes FOR VALUES IN ('\(Self.tenant($0))')" }
        try await TestDatabase.withSchema(
            ["CREATE TABLE $schema.notes (owner_id uuid NOT NULL, id integer NOT NULL, PRIMARY KEY (owner_id, id)) PARTITION BY LIST (owner_id)"]
                + partitions
        ) { schema, _ in
            let pool = TestDatabase.pool { $0.poolSize = 1 }
            let tenant = UUID(uuidString: Self.tenant(3))!
            #expect(try await pool.query("SHOW plan_cache_mode", tenant: nil).single(String.self) == "force_custom_plan")
            let locked = try await pool.transaction(tenant: nil) { tx in
                // Past the five runs after which PostgreSQL would switch a prepared statement to a
                // generic plan, which cannot prune and locks every partition.
                for _ in 0..<8 {
                    _ = try await tx.query("SELECT count(*) FROM \(unsafeRaw: schema).notes WHERE owner_id = \(tenant)")
                }
                return try await tx.query(
                    """
                    SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                    WHERE l.pid = pg_backend_pid() AND c.relnamespace = \(schema)::regnamespace AND c.relkind = 'r'
                    """
                ).single(Int.self)
            }
            #expect(locked == 1)
            await pool.shutdown()
        }
    }

    private static func tenant(_ number: Int) -> String {
        "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - String(number).count) + String(number)
    }

    @Test("calls made on a loop use that loop's connections; calls from elsewhere hop to a loop")
    func loopAffinity() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        let pool = TestDatabase.pool(loops: group) { $0.poolSize = 2 }
        let loop = group.loops[1]
        let stayed = try await Task(executorPreference: loop) {
            _ = try await pool.query("SELECT 1", tenant: nil)
            return loop.inEventLoop
        }.value
        #expect(stayed)
        _ = try await pool.query("SELECT 1", tenant: nil)  // from the test's own thread
        await pool.shutdown()
        group.shutdown()
    }

    @Test("server notices go to the log hook, not stderr")
    func notices() async throws {
        let events = Mutex<[PostgresLogEvent]>([])
        let pool = TestDatabase.pool { configuration in
            configuration.logHandler = { event in events.withLock { $0.append(event) } }
        }
        _ = try await pool.query("DO $$ BEGIN RAISE NOTICE 'bonjour %', 'مرحبا'; RAISE WARNING 'attention'; END $$", tenant: nil)
        let received = events.withLock { $0 }
        let notice = try #require(received.first { $0.level == .notice && $0.message.hasPrefix("bonjour") })
        #expect(notice.message == "bonjour مرحبا")
        #expect(notice.sqlState == "00000")
        #expect(received.contains { $0.level == .warning && $0.message == "attention" && $0.sqlState == "01000" })
        await pool.shutdown()
    }

    @Test("a bad password fails the call with a connection error, not a hang")
    func badCredentials() async throws {
        let url = TestDatabase.url.replacingOccurrences(of: "guichet_app:", with: "nobody_here:")
        let pool = TestDatabase.pool(url: url)
        let error = await #expect(throws: PostgresConnectionError.self) {
            _ = try await pool.query("SELECT 1", tenant: nil)
        }
        #expect(error?.kind == .unavailable)
        #expect(await pool.statistics().connectFailures == 1)
        await pool.shutdown()
    }
}

@Suite("Server restart (private cluster)")
struct ServerRestartTests {
    @Test("calls fail fast while the server is down and succeed again on the same pool once it is back")
    func restart() async throws {
        let cluster = try PrivateCluster()
        let group = try EventLoopGroup(loopCount: 1)
        let pool = TestDatabase.pool(url: cluster.url, loops: group) {
            $0.poolSize = 2
            $0.poolTimeout = .seconds(30)  // a hang would show as a pool timeout, which must not happen
            $0.reconnectInitialBackoff = .milliseconds(20)
            $0.reconnectMaximumBackoff = .milliseconds(200)
        }
        for _ in 0..<3 { _ = try await pool.query("SELECT 1", tenant: UUID()) }

        // A statement in flight when the server dies fails with a connection error.
        let sleeper = Task { try await pool.query("SELECT pg_sleep(60)", tenant: nil) }
        var sleeping = false
        while !sleeping {
            sleeping = try await pool.query(
                "SELECT count(*)::int8 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'", tenant: nil
            ).single(Int.self) == 1
        }
        try cluster.crash()
        let lost = await #expect(throws: PostgresConnectionError.self) { try await sleeper.value }
        #expect(lost?.kind == .connectionLost)

        var kinds: [PostgresConnectionError.Kind] = []
        for _ in 0..<5 {
            do {
                _ = try await pool.query("SELECT 1", tenant: nil)
                Issue.record("a query succeeded with the server down")
            } catch let error as PostgresConnectionError {
                kinds.append(error.kind)
            }
        }
        #expect(kinds.last == .unavailable)
        #expect(kinds.allSatisfy { $0 == .unavailable || $0 == .connectionLost })
        #expect(await pool.statistics().timeouts == 0)

        try cluster.start()
        var recovered = false
        for _ in 0..<200 where !recovered {
            do {
                recovered = try await pool.query("SELECT 42::int4", tenant: nil).single(Int32.self) == Int32(42)
            } catch is PostgresConnectionError {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        #expect(recovered)
        let statistics = await pool.statistics()
        #expect(statistics.connectFailures >= 1)
        #expect(statistics.timeouts == 0)
        await pool.shutdown()
        group.shutdown()
    }
}
