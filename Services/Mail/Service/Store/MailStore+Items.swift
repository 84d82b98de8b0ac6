import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// What a change of an item leaves to record besides the item's new state.
struct ItemChange: Sendable {
    /// The audit events, in order.
    var events: [AuditLog.Event] = []
    /// Further statements of the same transaction (an amendment row, a note…).
    var statements: [PostgresQuery] = []
    /// Whether the item's state changed (else only the events and statements are written).
    var writesItem = true
}

extension MailStore {
    /// The item with `id`, if the tenant has one.
    func item(_ id: UUID, tenant: UUID) async throws -> StoredItem? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.id = \(id)", tenant: tenant)
        return try rows.first.map { try StoredItem(row: $0, tenant: tenant) }
    }

    /// Changes an item: reads it locked for update, checks `If-Match` (`expectedVersion`), lets
    /// `change` apply the domain's rules (it throws the problem a refusal is), and writes the new
    /// state, the audit events and the other statements in the same transaction. The instant passed
    /// to `change` is the one recorded.
    func change(
        _ id: UUID, tenant: UUID, actor: String, expectedVersion: Int? = nil,
        _ change: (inout StoredItem, Date) throws -> ItemChange
    ) async throws -> StoredItem {
        try await database.transaction(tenant: tenant, retryable: true) { transaction in
            let rows = try await transaction.query(
                """
                SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i
                WHERE i.tenant_id = \(tenant) AND i.id = \(id) FOR UPDATE
                """)
            guard let row = rows.first else { throw Refusal.notFound }
            var stored = try StoredItem(row: row, tenant: tenant)
            let before = stored
            let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
            let outcome = try change(&stored, now)
            if let expectedVersion, expectedVersion != before.version { throw Refusal.versionMismatch }
            var statements: [PostgresQuery] = []
            if outcome.writesItem { statements.append(before.withState(of: stored).update(tenant: tenant, at: now)) }
            for event in outcome.events {
                statements.append(try AuditLog.appending(event, tenant: tenant, at: now, actor: actor))
            }
            statements += outcome.statements
            if !statements.isEmpty { _ = try await transaction.execute(statements) }
            if outcome.writesItem { stored.version = before.version + 1 }
            return stored
        }
    }
}

extension StoredItem {
    /// `other`'s state with this item's version (the one the update is guarded by).
    func withState(of other: StoredItem) -> StoredItem {
        var copy = other
        copy.version = version
        return copy
    }
}
