import Foundation
import GuichetCore
import GuichetHTTP
@testable import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Synchronization

/// A service defined in the tests to exercise the kit's outbox against a real PostgreSQL: its
/// schema `outboxtest` gets the kit's tables (the outbox among them) and one table of its own,
/// `changes`, to record messages in the same transaction as a change. Its outbox routes are
/// installed; the dispatchers are the tests' own (the service runs none), each on a channel name
/// of its own so that tests running side by side never claim each other's messages.
enum OutboxTestService {
    static let migrations = """
        CREATE SCHEMA outboxtest;
        GRANT USAGE ON SCHEMA outboxtest TO guichet_app;
        CREATE TABLE changes (
            tenant_id uuid NOT NULL,
            id uuid NOT NULL,
            note text NOT NULL CHECK (length(note) < 100),
            PRIMARY KEY (tenant_id, id)
        ) PARTITION BY LIST (tenant_id);
        SELECT platform.enable_tenant_isolation('changes');
        GRANT SELECT, INSERT ON changes TO guichet_app;
        """

    static let migrationsDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-outboxtest-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? migrations.write(to: directory.appendingPathComponent("0001_changes.sql"), atomically: true, encoding: .utf8)
        return directory
    }()

    static let outbox = Outbox(schema: "outboxtest")

    static let definition = ServiceDefinition(
        name: "outboxtest", defaultPort: 0, schema: "outboxtest", migrationsDirectory: migrationsDirectory, usesKitTables: true
    ) { runtime in
        let routes = OutboxRoutes(store: OutboxStore(database: runtime.database, outbox: outbox), service: "outboxtest")
        return ServiceParts(
            installRoutes: { collection in routes.install(on: collection.group(runtime.requireContextToken)) },
            openAPIDocument: OutboxRoutes.document(service: "outboxtest"))
    }

    /// The service, started once for the whole test process (migrations run once).
    static let shared = Task { () throws -> RunningService in
        let service = try await RunningService.start(definition, configuration: TestDatabase.configuration())
        try await TestContextTokens.publish(in: service.runtime.database)
        return service
    }

    /// A channel name no other test uses.
    static func uniqueChannel() -> String {
        "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    }

    /// The statement inserting a change (to pair with an outbox record).
    static func change(_ note: String, tenant: UUID) -> PostgresQuery {
        "INSERT INTO outboxtest.changes (tenant_id, id, note) VALUES (\(tenant), \(UUID.timeOrdered()), \(note))"
    }

    /// Records `count` messages on `channel` for `tenant`, one transaction each; returns their ids.
    static func record(_ count: Int, channel: String, tenant: UUID, database: PostgresPool) async throws -> [UUID] {
        var ids: [UUID] = []
        for index in 0..<count {
            let message = try OutboxMessage(channel: channel, topic: "test.message", payload: ["index": index])
            _ = try await database.transaction([change("change \(index)", tenant: tenant), outbox.recording(message, tenant: tenant)], tenant: tenant)
            ids.append(message.id)
        }
        return ids
    }

    /// The state and attempts of message `id`.
    static func state(of id: UUID, tenant: UUID, database: PostgresPool) async throws -> (state: String, attempts: Int)? {
        let rows = try await database.query(
            "SELECT state, attempts FROM outboxtest.outbox_messages WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant)
        return try rows.first.map { try $0.decode((String, Int).self) }
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes (a safety net, never a
    /// timing assertion); returns whether it held.
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}

/// A channel for tests: answers what `behaviour` says and remembers every delivery it saw.
final class RecordingChannel: OutboxChannel {
    let name: String
    let maximumDeliveryTime: Duration
    private let behaviour: @Sendable (OutboxEnvelope) async -> DeliveryResult
    private let seen = Mutex<[(id: UUID, attempt: Int)]>([])

    init(
        name: String, maximumDeliveryTime: Duration = .seconds(1),
        behaviour: @escaping @Sendable (OutboxEnvelope) async -> DeliveryResult = { _ in .delivered() }
    ) {
        self.name = name
        self.maximumDeliveryTime = maximumDeliveryTime
        self.behaviour = behaviour
    }

    func deliver(_ envelope: OutboxEnvelope) async -> DeliveryResult {
        seen.withLock { $0.append((envelope.id, envelope.attempt)) }
        return await behaviour(envelope)
    }

    /// The deliveries seen, in order.
    var deliveries: [(id: UUID, attempt: Int)] { seen.withLock { $0 } }
}
