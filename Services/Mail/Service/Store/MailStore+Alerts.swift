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
    /// item (its flag is set once, in one statement, never cleared), for items still being
    /// processed. Safe to run from several processes at once. Returns how many were raised.
    @discardableResult
    func raiseAlerts(tenant: UUID, today: LocalDate, at instant: Date) async throws -> (reminders: Int, overdue: Int) {
        let rows = try await database.transaction(
            [
                """
                UPDATE mail.items SET reminded_at = \(instant)
                WHERE tenant_id = \(tenant) AND reminded_at IS NULL AND remind_on <= \(today.description)::date
                  AND status NOT IN ('answered', 'closed', 'archived', 'cancelled')
                """,
                """
                UPDATE mail.items SET overdue_at = \(instant)
                WHERE tenant_id = \(tenant) AND overdue_at IS NULL AND due_on < \(today.description)::date
                  AND status NOT IN ('answered', 'closed', 'archived', 'cancelled')
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
            SELECT id, kind, principal_unit, due_on::text, raised_at, registry_number, subject FROM (
                SELECT i.id, 'reminder' AS kind, i.principal_unit, i.due_on, i.reminded_at AS raised_at, i.registry_number, i.subject,
                       i.confidentiality, i.access_units, i.access_agents, i.access_roles
                FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.reminded_at IS NOT NULL
                UNION ALL
                SELECT i.id, 'overdue', i.principal_unit, i.due_on, i.overdue_at, i.registry_number, i.subject,
                       i.confidentiality, i.access_units, i.access_agents, i.access_roles
                FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.overdue_at IS NOT NULL
            ) a
            WHERE (principal_unit = ANY (\(units)) OR (principal_unit IS NULL AND \(includeUnrouted)))
              AND mail.can_see(confidentiality, access_units, access_agents, access_roles,
                               \(viewer.subject), \(viewer.units), \(viewer.roles))
              AND (raised_at, id, kind) < (\(cursor?.createdAt ?? Date.distantFuture), \(cursor?.itemID ?? Self.nilID),
                                           \(cursor?.kind ?? ""))
            ORDER BY raised_at DESC, id DESC, kind DESC LIMIT \(limit)
            """,
            tenant: tenant)
        return try rows.map { row in
            let (item, kind, unit, due, at, number, subject) = try row.decode((UUID, String, UUID?, String, Date, String, String).self)
            return AlertLine(itemID: item, kind: kind, unit: unit, dueOn: due, createdAt: at, registryNumber: number, subject: subject)
        }
    }
}
