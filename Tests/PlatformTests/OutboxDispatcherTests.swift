import Foundation
import GuichetCore
@testable import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Synchronization
import Testing

@Suite("Outbox: recorded with the change, delivered once, retried, parked, replayed")
struct OutboxDispatcherTests {
    /// A dispatcher on the test service's outbox with `channels` and quick settings.
    func dispatcher(
        _ channels: [any OutboxChannel], database: PostgresPool, _ adjust: (inout OutboxDispatcher.Configuration) -> Void = { _ in }
    ) throws -> OutboxDispatcher {
        var configuration = OutboxDispatcher.Configuration(
            pollInterval: .milliseconds(50), batchSize: 8, concurrency: 4, lease: .seconds(30),
            retry: RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(40)))
        adjust(&configuration)
        return try OutboxDispatcher(
            OutboxDelivery(outbox: OutboxTestService.outbox, channels: channels, configuration: configuration), database: database,
            logger: TestDatabase.logger, metrics: MetricsRegistry(), loop: TestDatabase.group.next())
    }

    @Test("a message is recorded only when the change it tells about commits")
    func sameTransaction() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let committed = try OutboxMessage(channel: channel, topic: "test.committed", payload: ["n": 1])
        _ = try await database.transaction(
            [OutboxTestService.change("kept", tenant: tenant.id), OutboxTestService.outbox.recording(committed, tenant: tenant.id)],
            tenant: tenant.id)
        // The change fails (its note is too long): the message recorded before it goes too.
        let rolledBack = try OutboxMessage(channel: channel, topic: "test.rolled-back", payload: ["n": 2])
        await #expect(throws: PostgresError.self) {
            _ = try await database.transaction(
                [OutboxTestService.outbox.recording(rolledBack, tenant: tenant.id),
                 OutboxTestService.change(String(repeating: "x", count: 200), tenant: tenant.id)],
                tenant: tenant.id)
        }
        #expect(try await OutboxTestService.state(of: committed.id, tenant: tenant.id, database: database)?.state == "pending")
        #expect(try await OutboxTestService.state(of: rolledBack.id, tenant: tenant.id, database: database) == nil)

        let recorder = RecordingChannel(name: channel)
        let dispatcher = try dispatcher([recorder], database: database)
        #expect(await dispatcher.runOnce() == 1)
        #expect(recorder.deliveries.map(\.id) == [committed.id])
        #expect(try await OutboxTestService.state(of: committed.id, tenant: tenant.id, database: database)?.state == "delivered")
    }

    @Test("two dispatchers on one outbox deliver every message exactly once")
    func severalReplicas() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenants = [try await TestDatabase.makeTenant(in: database), try await TestDatabase.makeTenant(in: database)]
        let channel = OutboxTestService.uniqueChannel()
        var ids: [UUID] = []
        for tenant in tenants {
            ids += try await OutboxTestService.record(40, channel: channel, tenant: tenant.id, database: database)
        }
        let first = RecordingChannel(name: channel) { _ in
            try? await Task.sleep(for: .milliseconds(2))
            return .delivered()
        }
        let second = RecordingChannel(name: channel) { _ in
            try? await Task.sleep(for: .milliseconds(3))
            return .delivered()
        }
        let dispatchers = [try dispatcher([first], database: database), try dispatcher([second], database: database)]
        dispatchers.forEach { $0.start() }
        let done = await OutboxTestService.eventually {
            first.deliveries.count + second.deliveries.count >= ids.count
        }
        for dispatcher in dispatchers { await dispatcher.stop() }
        #expect(done)
        let delivered = first.deliveries.map(\.id) + second.deliveries.map(\.id)
        #expect(delivered.count == ids.count, "a message was delivered twice")
        #expect(Set(delivered) == Set(ids))
        for (tenant, tenantIDs) in zip(tenants, [Array(ids.prefix(40)), Array(ids.suffix(40))]) {
            let rows = try await database.query(
                """
                SELECT count(*) FILTER (WHERE state = 'delivered'), count(*)
                FROM outboxtest.outbox_messages WHERE tenant_id = \(tenant.id) AND id = ANY (\(tenantIDs))
                """, tenant: tenant.id)
            let (deliveredCount, total) = try rows.single((Int, Int).self)
            #expect(deliveredCount == 40 && total == 40)
        }
    }

    @Test("a failing message is retried with back-off, parked as a dead letter, and delivered once replayed")
    func retriesThenDeadLetter() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let ids = try await OutboxTestService.record(1, channel: channel, tenant: tenant.id, database: database)
        let healthy = Atomic<Bool>(false)
        let recorder = RecordingChannel(name: channel) { _ in
            healthy.load(ordering: .relaxed) ? .delivered("250 ok", statusCode: 250) : .failed("451 try later", statusCode: 451)
        }
        let metrics = MetricsRegistry()
        let dispatcher = try OutboxDispatcher(
            OutboxDelivery(
                outbox: OutboxTestService.outbox, channels: [recorder],
                configuration: .init(
                    pollInterval: .milliseconds(20), lease: .seconds(30),
                    retry: RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(40)))),
            database: database, logger: TestDatabase.logger, metrics: metrics, loop: TestDatabase.group.next())
        dispatcher.start()
        let parked = try await OutboxTestService.eventually {
            try await OutboxTestService.state(of: ids[0], tenant: tenant.id, database: database)?.state == "dead"
        }
        #expect(parked)
        #expect(recorder.deliveries.map(\.attempt) == [1, 2, 3])
        let store = OutboxStore(database: database, outbox: OutboxTestService.outbox)
        let attempts = try await store.attempts(of: ids[0], tenant: tenant.id)
        #expect(attempts.map(\.outcome) == [.failed, .failed, .failed])
        #expect(attempts.allSatisfy { $0.statusCode == 451 && $0.detail == "451 try later" })
        // The attempts were spaced by the back-off (each at least half the ceiling after the last).
        for (previous, next) in zip(attempts, attempts.dropFirst()) {
            #expect(next.startedAt >= previous.startedAt)
        }
        let dead = try await store.messages(tenant: tenant.id, state: .dead)
        #expect(dead.map(\.id) == ids)
        #expect(dead.first?.lastError == "451 try later")
        #expect(metrics.render().contains("guichet_outbox_dead_letters_total{channel=\"\(channel)\"} 1"))

        healthy.store(true, ordering: .relaxed)
        guard case .replayed(let replayed) = try await store.replay(ids[0], tenant: tenant.id) else {
            Issue.record("the dead letter was not replayed")
            return
        }
        #expect(replayed.state == .pending && replayed.attempts == 0)
        let delivered = try await OutboxTestService.eventually {
            try await OutboxTestService.state(of: ids[0], tenant: tenant.id, database: database)?.state == "delivered"
        }
        await dispatcher.stop()
        #expect(delivered)
        #expect(recorder.deliveries.map(\.attempt) == [1, 2, 3, 1])
        #expect(try await store.attempts(of: ids[0], tenant: tenant.id).map(\.outcome) == [.failed, .failed, .failed, .delivered])
        // Replaying a delivered message is refused.
        guard case .notDead = try await store.replay(ids[0], tenant: tenant.id) else {
            Issue.record("a delivered message was replayed")
            return
        }
        #expect(try await store.replay(UUID(), tenant: tenant.id) == .notFound)
    }

    @Test("a refused message becomes a dead letter at once")
    func rejected() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let ids = try await OutboxTestService.record(1, channel: channel, tenant: tenant.id, database: database)
        let recorder = RecordingChannel(name: channel) { _ in .rejected("550 no such user", statusCode: 550) }
        let dispatcher = try dispatcher([recorder], database: database)
        #expect(await dispatcher.runOnce() == 1)
        #expect(try await OutboxTestService.state(of: ids[0], tenant: tenant.id, database: database)?.state == "dead")
        #expect(await dispatcher.runOnce() == 0)
        #expect(recorder.deliveries.count == 1)
    }

    @Test("a claim whose dispatcher died expires, another dispatcher delivers, the late outcome is ignored")
    func expiredClaim() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let ids = try await OutboxTestService.record(1, channel: channel, tenant: tenant.id, database: database)
        let store = OutboxStore(database: database, outbox: OutboxTestService.outbox)
        // A dispatcher claims the message, then "dies" (never settles it). While the claim lasts,
        // nobody else takes the message.
        let claimed = try await store.claim(limit: 10, lease: .seconds(600), channels: [channel])
        #expect(claimed.map(\.id) == ids)
        #expect(try await store.claim(limit: 10, lease: .seconds(600), channels: [channel]).isEmpty)

        // The claim runs out (moved into the past as the owner, rather than waited for).
        let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
        _ = try await owner.query(
            "UPDATE outboxtest.outbox_messages SET available_at = now() - interval '1 second' WHERE tenant_id = \(tenant.id) AND id = \(ids[0])",
            tenant: tenant.id)
        await owner.shutdown()
        let recorder = RecordingChannel(name: channel)
        let dispatcher = try dispatcher([recorder], database: database)
        #expect(await dispatcher.runOnce() == 1)
        #expect(recorder.deliveries.map(\.attempt) == [2])
        #expect(try await OutboxTestService.state(of: ids[0], tenant: tenant.id, database: database)?.state == "delivered")
        // The first dispatcher's outcome, arriving late, changes nothing.
        let late = try await store.settle(
            claimed[0], result: .failed("late"), startedAt: Date(), duration: .milliseconds(1), settlement: .retry(after: .seconds(1)))
        #expect(!late)
        #expect(try await OutboxTestService.state(of: ids[0], tenant: tenant.id, database: database)?.state == "delivered")
    }

    @Test("delivered messages past their retention are purged with their attempts; others stay")
    func purge() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let ids = try await OutboxTestService.record(2, channel: channel, tenant: tenant.id, database: database)
        let dispatcher = try dispatcher([RecordingChannel(name: channel)], database: database)
        #expect(await dispatcher.runOnce() == 2)
        // The first was delivered long ago (set as the owner: the runtime role cannot rewrite history).
        let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
        _ = try await owner.query(
            "UPDATE outboxtest.outbox_messages SET delivered_at = '2000-01-01T00:00:00Z', available_at = '2000-01-01T00:00:00Z' WHERE tenant_id = \(tenant.id) AND id = \(ids[0])",
            tenant: tenant.id)
        await owner.shutdown()
        let store = OutboxStore(database: database, outbox: OutboxTestService.outbox)
        _ = try await store.purge(deliveredBefore: Date(timeIntervalSince1970: 946_800_000), limit: 100)
        #expect(try await store.message(ids[0], tenant: tenant.id) == nil)
        #expect(try await store.attempts(of: ids[0], tenant: tenant.id).isEmpty)
        #expect(try await store.message(ids[1], tenant: tenant.id)?.state == .delivered)
        #expect(try await store.attempts(of: ids[1], tenant: tenant.id).count == 1)
    }

    @Test("cancelling withdraws pending messages only: never a delivered one, another tenant's, or one a dispatcher holds")
    func cancelling() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let other = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let outbox = OutboxTestService.outbox
        let store = OutboxStore(database: database, outbox: outbox)
        // One delivered already, one due in an hour (a reminder), one held by a dispatcher.
        let delivered = try await OutboxTestService.record(1, channel: channel, tenant: tenant.id, database: database)[0]
        #expect(try await dispatcher([RecordingChannel(name: channel)], database: database).runOnce() == 1)
        let reminder = try OutboxMessage(channel: channel, topic: "test.reminder", payload: ["n": 1], notBefore: Date().addingTimeInterval(3600))
        _ = try await database.query(outbox.recording(reminder, tenant: tenant.id), tenant: tenant.id)
        let inFlight = try await OutboxTestService.record(1, channel: channel, tenant: tenant.id, database: database)[0]
        let claimed = try await store.claim(limit: 10, lease: .seconds(30), channels: [channel])
        #expect(claimed.map(\.id) == [inFlight])
        let foreign = try await OutboxTestService.record(1, channel: channel, tenant: other.id, database: database)[0]

        let results = try await database.transaction(
            [outbox.cancelling(ids: [delivered, reminder.id, inFlight, foreign, UUID()], tenant: tenant.id)], tenant: tenant.id)
        #expect(results[0].rowsAffected == 1)
        #expect(try await store.message(reminder.id, tenant: tenant.id)?.state == .cancelled)
        #expect(try await store.message(delivered, tenant: tenant.id)?.state == .delivered)
        #expect(try await store.message(inFlight, tenant: tenant.id)?.state == .pending)
        #expect(try await store.message(foreign, tenant: other.id)?.state == .pending)
        // Withdrawing again, or nothing at all, changes nothing; a cancelled message is never replayed.
        #expect(try await database.transaction([outbox.cancelling(ids: [reminder.id], tenant: tenant.id)], tenant: tenant.id)[0].rowsAffected == 0)
        #expect(try await database.transaction([outbox.cancelling(ids: [], tenant: tenant.id)], tenant: tenant.id)[0].rowsAffected == 0)
        guard case .notDead = try await store.replay(reminder.id, tenant: tenant.id) else {
            Issue.record("a cancelled message was replayed")
            return
        }
        // Due or not, a cancelled message is never claimed; the one in flight settles as usual.
        let settled = try await store.settle(
            claimed[0], result: .delivered(), startedAt: Date(), duration: .milliseconds(1), settlement: .delivered)
        #expect(settled)
        let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
        _ = try await owner.query(
            "UPDATE outboxtest.outbox_messages SET available_at = now() - interval '1 hour' WHERE tenant_id = \(tenant.id) AND id = \(reminder.id)",
            tenant: tenant.id)
        await owner.shutdown()
        // Only the other tenant's message, never withdrawn, is due.
        #expect(try await store.claim(limit: 10, lease: .seconds(30), channels: [channel]).map(\.id) == [foreign])
        // Past the retention, cancelled messages are purged like delivered ones (cancelled long ago
        // here, so that the purge touches no other test's messages).
        let again = TestDatabase.pool(url: TestDatabase.ownerURL)
        _ = try await again.query(
            "UPDATE outboxtest.outbox_messages SET available_at = '2000-01-01T00:00:00Z' WHERE tenant_id = \(tenant.id) AND id = \(reminder.id)",
            tenant: tenant.id)
        await again.shutdown()
        _ = try await store.purge(deliveredBefore: Date(timeIntervalSince1970: 946_800_000), limit: 100)
        #expect(try await store.message(reminder.id, tenant: tenant.id) == nil)
    }

    @Test("messages due later, or of channels this process lacks, are left alone")
    func notDueAndOtherChannels() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let other = OutboxTestService.uniqueChannel()
        let later = try OutboxMessage(channel: channel, topic: "test.reminder", payload: ["n": 1], notBefore: Date().addingTimeInterval(3600))
        let elsewhere = try OutboxMessage(channel: other, topic: "test.other", payload: ["n": 2])
        _ = try await database.transaction(
            [OutboxTestService.outbox.recording(later, tenant: tenant.id), OutboxTestService.outbox.recording(elsewhere, tenant: tenant.id)],
            tenant: tenant.id)
        let dispatcher = try dispatcher([RecordingChannel(name: channel)], database: database)
        #expect(await dispatcher.runOnce() == 0)
        #expect(try await OutboxTestService.state(of: later.id, tenant: tenant.id, database: database)?.attempts == 0)
        #expect(try await OutboxTestService.state(of: elsewhere.id, tenant: tenant.id, database: database)?.attempts == 0)
    }

    @Test("a lease shorter than a channel's longest delivery, or two channels of one name, are refused")
    func configurationChecks() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        #expect(throws: OutboxDispatcher.ConfigurationError.self) {
            _ = try dispatcher([RecordingChannel(name: "slow", maximumDeliveryTime: .seconds(60))], database: database)
        }
        #expect(throws: OutboxDispatcher.ConfigurationError.self) {
            _ = try dispatcher([RecordingChannel(name: "twice"), RecordingChannel(name: "twice")], database: database)
        }
    }

    @Test("outbox tables follow the data rules; the runtime role sees only the tenant it set")
    func tenantIsolation() async throws {
        let database = try await OutboxTestService.shared.value.runtime.database
        let violations = try await database.query("SELECT table_name, problem FROM platform.tenant_table_violations()", tenant: nil)
        let names = try violations.map { try $0.decode((String, String).self) }.filter { $0.0.contains("outbox") }
        #expect(names.isEmpty, "\(names)")
        let one = try await TestDatabase.makeTenant(in: database)
        let two = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        _ = try await OutboxTestService.record(2, channel: channel, tenant: one.id, database: database)
        _ = try await OutboxTestService.record(1, channel: channel, tenant: two.id, database: database)
        // RLS alone (no tenant_id filter): one tenant's transaction sees its own rows only; no tenant, none.
        let seen = try await database.query(
            "SELECT count(*) FROM outboxtest.outbox_messages WHERE channel = \(channel)", tenant: one.id)
        #expect(try seen.single(Int.self) == 2)
        let none = try await database.query("SELECT count(*) FROM outboxtest.outbox_messages WHERE channel = \(channel)", tenant: nil)
        #expect(try none.single(Int.self) == 0)
        // The runtime role cannot write another tenant's message, even naming it.
        await #expect(throws: PostgresError.self) {
            let message = try OutboxMessage(channel: channel, topic: "test.forged", payload: ["n": 0])
            _ = try await database.query(OutboxTestService.outbox.recording(message, tenant: two.id), tenant: one.id)
        }
    }
}
