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
}
