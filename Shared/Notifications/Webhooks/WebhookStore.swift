import FoundationEssentials
import GuichetCore
import GuichetPlatform
import GuichetPostgres

/// The SQL of webhooks in a service's schema: the endpoints (`webhook_endpoints`), and the
/// statement that fans an event out into the outbox, one message per subscribed endpoint.
public struct WebhookStore: Sendable {
    private let database: PostgresPool
    private let schema: String

    /// The store in `outbox`'s schema (the kit creates both tables in every service schema).
    public init(database: PostgresPool, outbox: Outbox) {
        self.database = database
        self.schema = outbox.schema
    }

    /// The statement that records `event` for every endpoint of `tenant` subscribed to its type:
    /// add it to the transaction of the change it tells about. With no such endpoint it records
    /// nothing.
    public func recording(_ event: WebhookEvent, tenant: TenantReference) -> PostgresQuery {
        """
        INSERT INTO \(unsafeRaw: schema).outbox_messages (tenant_id, id, channel, topic, target, payload)
        SELECT e.tenant_id, gen_random_uuid(), \(WebhookChannel.name), \(event.type), e.id::text,
               jsonb_build_object('endpoint_id', e.id, 'tenant', \(tenant.slug)::text,
                                  'body', \(String(decoding: event.body, as: UTF8.self))::text)
        FROM \(unsafeRaw: schema).webhook_endpoints e
        WHERE e.tenant_id = \(tenant.id) AND \(event.type)::text = ANY (e.event_types) AND e.disabled_at IS NULL
        """
    }

    private var columns: String {
        "id, url, event_types, description, secret, previous_secret, previous_secret_expires_at, disabled_at, disabled_reason, created_at, updated_at"
    }

    private static func endpoint(_ row: PostgresRow) throws -> WebhookEndpoint {
        let (id, url, types, description, secret, previous, expiry, disabledAt, reason, createdAt, updatedAt) = try row.decode(
            (UUID, String, [String], String?, [UInt8], [UInt8]?, Date?, Date?, String?, Date, Date).self)
        guard let current = WebhookSecret(key: secret) else { throw CorruptSecret(endpoint: id) }
        return WebhookEndpoint(
            id: id, url: url, eventTypes: types, description: description, secret: current,
            previousSecret: previous.flatMap { WebhookSecret(key: $0) }, previousSecretExpiresAt: expiry, disabledAt: disabledAt,
            disabledReason: reason, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// Registers an endpoint.
    public func create(url: String, eventTypes: [String], description: String?, secret: WebhookSecret, tenant: UUID) async throws -> WebhookEndpoint {
        let rows = try await database.query(
            """
            INSERT INTO \(unsafeRaw: schema).webhook_endpoints (tenant_id, id, url, event_types, description, secret)
            VALUES (\(tenant), \(UUID.timeOrdered()), \(url), \(eventTypes), \(description), \(secret.key))
            RETURNING \(unsafeRaw: columns)
            """,
            tenant: tenant)
        return try Self.endpoint(rows[0])
    }

    /// The tenant's endpoints, oldest first.
    public func endpoints(tenant: UUID) async throws -> [WebhookEndpoint] {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: schema).webhook_endpoints WHERE tenant_id = \(tenant) ORDER BY id",
            tenant: tenant)
        return try rows.map(Self.endpoint)
    }

    /// The tenant's endpoint `id`.
    public func endpoint(_ id: UUID, tenant: UUID) async throws -> WebhookEndpoint? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: schema).webhook_endpoints WHERE tenant_id = \(tenant) AND id = \(id)",
            tenant: tenant)
        return try rows.first.map(Self.endpoint)
    }

    /// Changes what is given of an endpoint (`disabled`: true stops deliveries, false resumes them).
    public func update(
        _ id: UUID, tenant: UUID, url: String?, eventTypes: [String]?, description: String??, disabled: Bool?, reason: String?
    ) async throws -> WebhookEndpoint? {
        let setsDescription = description != nil
        let rows = try await database.query(
            """
            UPDATE \(unsafeRaw: schema).webhook_endpoints SET
                url = coalesce(\(url), url),
                event_types = coalesce(\(eventTypes), event_types),
                description = CASE WHEN \(setsDescription) THEN \(description ?? nil) ELSE description END,
                disabled_at = CASE WHEN \(disabled) IS NULL THEN disabled_at WHEN \(disabled) THEN coalesce(disabled_at, now()) ELSE NULL END,
                disabled_reason = CASE WHEN \(disabled) IS NULL THEN disabled_reason WHEN \(disabled) THEN \(reason) ELSE NULL END,
                updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id)
            RETURNING \(unsafeRaw: columns)
            """,
            tenant: tenant)
        return try rows.first.map(Self.endpoint)
    }

    /// Stops deliveries to an endpoint that said it no longer wants them (410 Gone).
    func disable(_ id: UUID, tenant: UUID, reason: String) async throws {
        _ = try await database.query(
            """
            UPDATE \(unsafeRaw: schema).webhook_endpoints
            SET disabled_at = coalesce(disabled_at, now()), disabled_reason = \(reason), updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id)
            """,
            tenant: tenant)
    }

    /// Replaces the endpoint's secret by `secret`; the current one keeps signing for `overlap`.
    public func rotate(_ id: UUID, tenant: UUID, secret: WebhookSecret, overlap: Duration) async throws -> WebhookEndpoint? {
        let rows = try await database.query(
            """
            UPDATE \(unsafeRaw: schema).webhook_endpoints
            SET previous_secret = CASE WHEN \(overlap.millisecondsClampedForSQL) > 0 THEN secret END,
                previous_secret_expires_at = CASE WHEN \(overlap.millisecondsClampedForSQL) > 0
                    THEN now() + \(overlap.millisecondsClampedForSQL) * interval '1 millisecond' END,
                secret = \(secret.key), updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id)
            RETURNING \(unsafeRaw: columns)
            """,
            tenant: tenant)
        return try rows.first.map(Self.endpoint)
    }

    /// Removes an endpoint; its pending deliveries are refused when their turn comes.
    public func delete(_ id: UUID, tenant: UUID) async throws -> Bool {
        let rows = try await database.query(
            "DELETE FROM \(unsafeRaw: schema).webhook_endpoints WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant)
        return rows.rowsAffected > 0
    }
}

/// An endpoint's stored secret is not 24 to 64 bytes (only a hand-edited row can be so).
struct CorruptSecret: Error, CustomStringConvertible {
    let endpoint: UUID
    var description: String { "the secret of webhook endpoint \(endpoint.lowercaseString) is malformed" }
}

extension Duration {
    /// Whole milliseconds, as a SQL parameter.
    fileprivate var millisecondsClampedForSQL: Int {
        let (seconds, attoseconds) = components
        return Int(clamping: seconds) &* 1000 &+ Int(attoseconds / 1_000_000_000_000_000)
    }
}
