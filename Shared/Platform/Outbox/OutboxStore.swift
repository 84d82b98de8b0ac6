import FoundationEssentials
import GuichetCore
import GuichetIO
import GuichetPostgres

/// The SQL of a service's outbox: claiming due messages across tenants (through the schema's
/// `claim_outbox_messages`, a SECURITY DEFINER function — the runtime role never bypasses row-level
/// security), settling each attempt under its tenant, and what administrators read and replay.
public struct OutboxStore: Sendable {
    /// The schema holding the outbox.
    public let schema: String
    private let database: PostgresPool

    /// The store of the outbox in `outbox`'s schema.
    public init(database: PostgresPool, outbox: Outbox) {
        self.database = database
        self.schema = outbox.schema
    }

    /// What happens to a message after an attempt.
    enum Settlement: Sendable, Hashable {
        /// Mark it delivered.
        case delivered
        /// Try again after this long.
        case retry(after: Duration)
        /// Park it as a dead letter.
        case dead
    }

    // MARK: Dispatching

    /// Claims up to `limit` due messages of `channels`, oldest due first, skipping those another
    /// dispatcher holds; each stays claimed for `lease`.
    func claim(limit: Int, lease: Duration, channels: [String]) async throws -> [OutboxEnvelope] {
        let rows = try await database.query(
            """
            SELECT tenant_id, id, channel, topic, payload, attempts, lease, created_at
            FROM \(unsafeRaw: schema).claim_outbox_messages(
                \(limit)::integer, \(lease.millisecondsClamped) * interval '1 millisecond', \(channels))
            """,
            tenant: nil)
        return try rows.map { row in
            let (tenant, id, channel, topic, payload, attempts, lease, createdAt) = try row.decode(
                (UUID, UUID, String, String, String, Int, UUID, Date).self)
            return OutboxEnvelope(
                tenant: tenant, id: id, channel: channel, topic: topic, payload: Array(payload.utf8), attempt: attempts,
                createdAt: createdAt, lease: lease)
        }
    }

    /// Records the attempt and settles the message, in one transaction under its tenant. Returns
    /// false when the claim had expired and another dispatcher took the message meanwhile (the
    /// attempt is still recorded; the message is left to that dispatcher).
    func settle(
        _ envelope: OutboxEnvelope, result: DeliveryResult, startedAt: Date, duration: Duration, settlement: Settlement
    ) async throws -> Bool {
        let detail = result.detail.map { String($0.prefix(1000)) }
        let update: PostgresQuery
        let table = "\(schema).outbox_messages"
        switch settlement {
        case .delivered:
            update = """
                UPDATE \(unsafeRaw: table) SET state = 'delivered', delivered_at = now(), available_at = now(), lease = NULL,
                       last_error = NULL, updated_at = now()
                WHERE tenant_id = \(envelope.tenant) AND id = \(envelope.id) AND lease = \(envelope.lease) AND state = 'pending'
                """
        case .retry(let delay):
            update = """
                UPDATE \(unsafeRaw: table)
                SET available_at = now() + \(delay.millisecondsClamped) * interval '1 millisecond', lease = NULL,
                    last_error = \(detail), updated_at = now()
                WHERE tenant_id = \(envelope.tenant) AND id = \(envelope.id) AND lease = \(envelope.lease) AND state = 'pending'
                """
        case .dead:
            update = """
                UPDATE \(unsafeRaw: table) SET state = 'dead', lease = NULL, last_error = \(detail), updated_at = now()
                WHERE tenant_id = \(envelope.tenant) AND id = \(envelope.id) AND lease = \(envelope.lease) AND state = 'pending'
                """
        }
        let attempt: PostgresQuery = """
            INSERT INTO \(unsafeRaw: schema).outbox_attempts (
                tenant_id, message_id, id, started_at, duration_ms, outcome, status_code, detail)
            VALUES (\(envelope.tenant), \(envelope.id), \(UUID.timeOrdered()), \(startedAt),
                    \(Int(min(duration.millisecondsClamped, Int64(Int32.max))))::integer, \(result.outcome.rawValue),
                    \(result.statusCode)::integer, \(detail))
            """
        let results = try await database.transaction([update, attempt], tenant: envelope.tenant)
        return results[0].rowsAffected == 1
    }

    /// Removes up to `limit` messages delivered or cancelled before `date`, across tenants; returns how many.
    func purge(deliveredBefore date: Date, limit: Int) async throws -> Int {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: schema).purge_outbox_messages(\(date), \(limit)::integer)", tenant: nil)
        return try rows.single(Int.self)
    }

    // MARK: Administration

    private var columns: String {
        "id, channel, topic, target, state, attempts, available_at, last_error, created_at, updated_at, delivered_at"
    }

    /// The tenant's messages, newest first, optionally only those in `state` or for `target`;
    /// `before` continues a listing after the last id of the previous page.
    public func messages(
        tenant: UUID, state: OutboxMessageRecord.State? = nil, target: String? = nil, before: UUID? = nil, limit: Int = 50
    ) async throws -> [OutboxMessageRecord] {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: schema).outbox_messages
            WHERE tenant_id = \(tenant)
              AND (\(state?.rawValue)::text IS NULL OR state = \(state?.rawValue))
              AND (\(target)::text IS NULL OR target = \(target))
              AND (\(before)::uuid IS NULL OR id < \(before))
            ORDER BY id DESC
            LIMIT \(max(1, min(limit, 500)))
            """,
            tenant: tenant)
        return try rows.map(Self.record)
    }

    /// The tenant's message `id`, if it has one.
    public func message(_ id: UUID, tenant: UUID) async throws -> OutboxMessageRecord? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: schema).outbox_messages WHERE tenant_id = \(tenant) AND id = \(id)",
            tenant: tenant)
        return try rows.first.map(Self.record)
    }

    /// The attempts of message `id`, oldest first.
    public func attempts(of id: UUID, tenant: UUID) async throws -> [OutboxAttemptRecord] {
        let rows = try await database.query(
            """
            SELECT id, started_at, duration_ms, outcome, status_code, detail FROM \(unsafeRaw: schema).outbox_attempts
            WHERE tenant_id = \(tenant) AND message_id = \(id) ORDER BY id
            """,
            tenant: tenant)
        return try rows.map { row in
            let (id, startedAt, duration, outcome, statusCode, detail) = try row.decode((UUID, Date, Int, String, Int?, String?).self)
            return OutboxAttemptRecord(
                id: id, startedAt: startedAt, durationMilliseconds: duration, outcome: DeliveryResult.Outcome(rawValue: outcome) ?? .failed,
                statusCode: statusCode, detail: detail)
        }
    }

    /// What a replay found.
    public enum ReplayResult: Sendable, Hashable {
        /// The dead letter is pending again, due now, with its attempts reset.
        case replayed(OutboxMessageRecord)
        /// The message exists but is not a dead letter.
        case notDead(OutboxMessageRecord)
        /// The tenant has no such message.
        case notFound
    }

    /// Makes the dead letter `id` pending again, due now, with a fresh budget of attempts.
    public func replay(_ id: UUID, tenant: UUID) async throws -> ReplayResult {
        let rows = try await database.query(
            """
            UPDATE \(unsafeRaw: schema).outbox_messages
            SET state = 'pending', attempts = 0, available_at = now(), lease = NULL, updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id) AND state = 'dead'
            RETURNING \(unsafeRaw: columns)
            """,
            tenant: tenant)
        if let row = rows.first { return .replayed(try Self.record(row)) }
        guard let existing = try await message(id, tenant: tenant) else { return .notFound }
        return .notDead(existing)
    }

    private static func record(_ row: PostgresRow) throws -> OutboxMessageRecord {
        let (id, channel, topic, target, state, attempts, availableAt, lastError, createdAt, updatedAt, deliveredAt) = try row.decode(
            (UUID, String, String, String?, String, Int, Date, String?, Date, Date, Date?).self)
        return OutboxMessageRecord(
            id: id, channel: channel, topic: topic, target: target, state: OutboxMessageRecord.State(rawValue: state) ?? .pending,
            attempts: attempts, availableAt: availableAt, lastError: lastError, createdAt: createdAt, updatedAt: updatedAt,
            deliveredAt: deliveredAt)
    }
}
