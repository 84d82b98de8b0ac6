import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A reminder or overdue alert raised for an item.
struct AlertLine: Sendable {
    let itemID: UUID
    let kind: String
    let unit: UUID?
    let dueOn: String
    let createdAt: Date
    let registryNumber: String
    let subject: String
}

extension MailStore {
    /// Raises the reminders due on `today` and the overdue alerts of items past due, each once per
    /// item (the alert's primary key and the item's flag), for items still being processed. Safe to
    /// run from several processes at once. Returns how many alerts were raised.
    @discardableResult
    func raiseAlerts(tenant: UUID, today: LocalDate, at instant: Date) async throws -> (reminders: Int, overdue: Int) {
        let rows = try await database.transaction(
            [
                """
                WITH due AS (
                    UPDATE mail.items SET reminded_at = \(instant)
                    WHERE tenant_id = \(tenant) AND reminded_at IS NULL AND remind_on <= \(today.description)::date
                      AND status NOT IN ('answered', 'closed', 'archived', 'cancelled')
                    RETURNING id, principal_unit, due_on)
                INSERT INTO mail.alerts (tenant_id, item_id, kind, unit, due_on, created_at)
                SELECT \(tenant), id, 'reminder', principal_unit, due_on, \(instant) FROM due
                ON CONFLICT (tenant_id, item_id, kind) DO NOTHING
                """,
                """
                WITH late AS (
                    UPDATE mail.items SET overdue_at = \(instant)
                    WHERE tenant_id = \(tenant) AND overdue_at IS NULL AND due_on < \(today.description)::date
                      AND status NOT IN ('answered', 'closed', 'archived', 'cancelled')
                    RETURNING id, principal_unit, due_on)
                INSERT INTO mail.alerts (tenant_id, item_id, kind, unit, due_on, created_at)
                SELECT \(tenant), id, 'overdue', principal_unit, due_on, \(instant) FROM late
                ON CONFLICT (tenant_id, item_id, kind) DO NOTHING
                """,
            ],
            tenant: tenant)
        return (rows[0].rowsAffected, rows[1].rowsAffected)
    }

    /// The alerts of items whose principal unit is one of `units` (and, for the mail office,
    /// `includeUnrouted`, of items not routed yet) that `viewer` may see, newest first.
    func alerts(
        units: [UUID], includeUnrouted: Bool, after cursor: (createdAt: Date, itemID: UUID, kind: String)?, limit: Int,
        viewer: ConfidentialAccess.Viewer, tenant: UUID
    ) async throws -> [AlertLine] {
        let rows = try await database.query(
            """
            SELECT a.item_id, a.kind, a.unit, a.due_on::text, a.created_at, i.registry_number, i.subject
            FROM mail.alerts a JOIN mail.items i ON i.tenant_id = a.tenant_id AND i.id = a.item_id
            WHERE a.tenant_id = \(tenant) AND i.tenant_id = \(tenant)
              AND (a.unit = ANY (\(units)) OR (a.unit IS NULL AND \(includeUnrouted)))
              AND mail.can_see(i.confidentiality, i.access_units, i.access_agents, i.access_roles,
                               \(viewer.subject), \(viewer.units), \(viewer.roles))
              AND (a.created_at, a.item_id, a.kind) < (\(cursor?.createdAt ?? Date.distantFuture), \(cursor?.itemID ?? Self.nilID),
                                                     \(cursor?.kind ?? ""))
            ORDER BY a.created_at DESC, a.item_id DESC, a.kind DESC LIMIT \(limit)
            """,
            tenant: tenant)
        return try rows.map { row in
            let (item, kind, unit, due, at, number, subject) = try row.decode((UUID, String, UUID?, String, Date, String, String).self)
            return AlertLine(itemID: item, kind: kind, unit: unit, dueOn: due, createdAt: at, registryNumber: number, subject: subject)
        }
    }
}
