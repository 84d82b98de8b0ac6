import FoundationEssentials
import GuichetPostgres

/// A service's outbox (the `outbox_messages` table the kit creates in its schema): the statement
/// that records a message, to add to the transaction of the change that causes it.
///
/// ```swift
/// let outbox = Outbox(schema: "complaints")
/// var queries = [store.insertion(of: complaint, tenant: tenant)]
/// queries.append(outbox.recording(acknowledgement, tenant: tenant))
/// try await database.transaction(queries, tenant: tenant)     // both or neither
/// ```
/// The service's ``OutboxDispatcher`` delivers it after the commit; a rollback never sends it.
public struct Outbox: Sendable {
    /// The schema holding the outbox (a constant from code).
    public let schema: String

    /// The outbox of the service whose schema is `schema`.
    public init(schema: StaticString) {
        self.schema = "\(schema)"
    }

    /// The outbox in `schema`, a name chosen in code (never input).
    public init(trustedSchema schema: String) {
        self.schema = schema
    }

    /// The statement that records `message` for `tenant`: run it in the same transaction as the
    /// change it tells about.
    public func recording(_ message: OutboxMessage, tenant: UUID) -> PostgresQuery {
        """
        INSERT INTO \(unsafeRaw: schema).outbox_messages (tenant_id, id, channel, topic, payload, target, available_at)
        VALUES (\(tenant), \(message.id), \(message.channel), \(message.topic),
                \(String(decoding: message.payload, as: UTF8.self), as: .jsonb), \(message.target),
                coalesce(\(message.notBefore), now()))
        """
    }

    /// The statement that withdraws the tenant's messages `ids` still waiting to be sent (a
    /// reminder of a booking since moved or cancelled): they become `cancelled` and are never
    /// delivered. Run it in the transaction of the change that makes them moot. It never touches a
    /// message delivered, dead or cancelled already, nor one a dispatcher holds right now (it may be
    /// on its way: its outcome decides); ids the tenant has not are ignored. Its rows affected say
    /// how many were withdrawn.
    public func cancelling(ids: [UUID], tenant: UUID) -> PostgresQuery {
        """
        UPDATE \(unsafeRaw: schema).outbox_messages
        SET state = 'cancelled', available_at = now(), lease = NULL, updated_at = now()
        WHERE tenant_id = \(tenant) AND id = ANY (\(ids)) AND state = 'pending' AND (lease IS NULL OR available_at <= now())
        """
    }
}
