import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A basket: the items waiting for an agent, by the part they play.
enum Basket: String, Sendable, CaseIterable {
    /// Registered, not yet routed (the mail office's).
    case toRoute = "to_route"
    /// Routed to one of the agent's units as principal, not finished.
    case toProcess = "to_process"
    /// Copied to one of the agent's units or to the agent, not finished.
    case inCopy = "in_copy"
    /// An opinion the agent or one of their units still owes.
    case opinions
    /// An approval step whose turn is the agent's or their unit's.
    case approvals
    /// Past due, principal unit among the agent's units.
    case overdue

    /// The predicate, over `mail.items i`, with `$2` the agent's units (uuid[]), `$3` their subject
    /// and `$4` today (date).
    var predicate: String {
        switch self {
        case .toRoute: "i.status = 'registered'"
        case .toProcess:
            "i.principal_unit = ANY ($2::uuid[]) AND i.status IN ('routed', 'in_progress', 'opinion_requested', 'awaiting_approval', 'answered')"
        case .inCopy: "(i.copy_units && $2::uuid[] OR $3::text = ANY (i.copy_agents)) AND i.status NOT IN ('closed', 'archived', 'cancelled')"
        case .opinions: "(i.opinion_units && $2::uuid[] OR $3::text = ANY (i.opinion_agents))"
        case .approvals: "(i.approval_units && $2::uuid[] OR $3::text = ANY (i.approval_agents))"
        case .overdue:
            "i.principal_unit = ANY ($2::uuid[]) AND i.due_on < $4::date AND i.status NOT IN ('answered', 'closed', 'archived', 'cancelled')"
        }
    }
}

/// Filters of lists and searches.
struct ItemFilters: Sendable {
    var direction: MailDirection?
    var status: ProcessingStatus?
    var priority: MailPriority?
    var year: Int?
}

/// One entry of the registry as listed: the registered facts, the cancellation and the number of
/// amendments.
struct RegistryLine: Sendable {
    let id: UUID
    let registryNumber: String
    let direction: MailDirection
    let year: Int
    let sequence: Int
    let registeredAt: Date
    let registeredBy: String
    let subject: String
    let correspondentName: String?
    let documentType: String
    let medium: String
    let priority: String
    let confidentiality: String
    let receivedAt: Date?
    let sentAt: Date?
    let reference: String?
    let status: String
    let cancellationReason: String?
    let cancelledAt: Date?
    let amendments: Int
}

extension MailStore {
    /// Binds the viewer's facts and the tenant as `$1`…`$4` of the list queries: tenant, units,
    /// subject, roles; the confidentiality predicate reads them.
    private static func viewerBindings(tenant: UUID, viewer: ConfidentialAccess.Viewer) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(tenant)
        bindings.append(viewer.units)
        bindings.append(viewer.subject)
        bindings.append(viewer.roles)
        return bindings
    }

    /// The item reaches the viewer (`$2` units, `$3` subject): principal unit, copies, or a pending
    /// circuit step.
    private static let reaching = """
        (i.principal_unit = ANY ($2) OR i.copy_units && $2 OR $3 = ANY (i.copy_agents) OR i.opinion_units && $2
         OR $3 = ANY (i.opinion_agents) OR i.approval_units && $2 OR $3 = ANY (i.approval_agents))
        """

    private static let visible = "mail.can_see(i.confidentiality, i.access_units, i.access_agents, i.access_roles, $3, $2, $4)"

    /// Appends the filters' predicates (and their bindings).
    private static func filtering(_ filters: ItemFilters, sql: inout String, bindings: inout PostgresBindings) {
        if let direction = filters.direction {
            bindings.append(direction.rawValue)
            sql += " AND i.direction = $\(bindings.count)"
        }
        if let status = filters.status {
            bindings.append(status.rawValue)
            sql += " AND i.status = $\(bindings.count)"
        }
        if let priority = filters.priority {
            bindings.append(priority.rawValue)
            sql += " AND i.priority = $\(bindings.count)"
        }
        if let year = filters.year {
            bindings.append(year)
            sql += " AND i.year = $\(bindings.count)"
        }
    }

    private static func page(after cursor: ItemCursor?, descending: Bool, limit: Int, sql: inout String, bindings: inout PostgresBindings) {
        if let cursor {
            bindings.append(cursor.registeredAt)
            bindings.append(cursor.id)
            sql += " AND (i.registered_at, i.id) \(descending ? "<" : ">") ($\(bindings.count - 1), $\(bindings.count))"
        }
        bindings.append(limit)
        sql += descending ? " ORDER BY i.registered_at DESC, i.id DESC" : " ORDER BY i.registered_at, i.id"
        sql += " LIMIT $\(bindings.count)"
    }

    /// A basket of `viewer`, oldest first, after `cursor`.
    func basket(
        _ basket: Basket, units: [UUID], today: LocalDate, filters: ItemFilters, after cursor: ItemCursor?, limit: Int,
        viewer: ConfidentialAccess.Viewer, tenant: UUID
    ) async throws -> [ItemSummary] {
        var bindings = PostgresBindings()
        bindings.append(tenant)
        bindings.append(units)
        bindings.append(viewer.subject)
        bindings.append(today.description)
        bindings.append(viewer.units)
        bindings.append(viewer.roles)
        var sql = """
            SELECT \(ItemSummary.columns) FROM mail.items i
            WHERE i.tenant_id = $1 AND \(basket.predicate)
              AND mail.can_see(i.confidentiality, i.access_units, i.access_agents, i.access_roles, $3, $5, $6)
            """
        Self.filtering(filters, sql: &sql, bindings: &bindings)
        Self.page(after: cursor, descending: false, limit: limit, sql: &sql, bindings: &bindings)
        let rows = try await database.query(PostgresQuery(unsafeSQL: sql, bindings: bindings), tenant: tenant)
        return try rows.map(ItemSummary.init(row:))
    }

    /// The items matching `query` that `viewer` may see, newest first, after `cursor`: full-text
    /// search over the normalised words, numbers found whatever their spaces and leading zeros, and
    /// the registry number whatever its separators.
    func search(
        _ query: SearchQuery, filters: ItemFilters, after cursor: ItemCursor?, limit: Int, reachingOnly: Bool,
        viewer: ConfidentialAccess.Viewer, tenant: UUID
    ) async throws -> [ItemSummary] {
        guard !query.isEmpty else { return [] }
        var bindings = Self.viewerBindings(tenant: tenant, viewer: viewer)
        bindings.append(query.words)
        bindings.append(query.numbers.map { "'\($0)'" }.joined(separator: " & "))
        var match = "i.search @@ (plainto_tsquery('simple', $5) && $6::tsquery)"
        if let key = query.registryKey {
            bindings.append("'\(key)'")
            match = "(\(match) OR i.search @@ $\(bindings.count)::tsquery)"
        }
        var sql = "SELECT \(ItemSummary.columns) FROM mail.items i WHERE i.tenant_id = $1 AND \(match) AND \(Self.visible)"
        if reachingOnly { sql += " AND \(Self.reaching)" }
        Self.filtering(filters, sql: &sql, bindings: &bindings)
        Self.page(after: cursor, descending: true, limit: limit, sql: &sql, bindings: &bindings)
        let rows = try await database.query(PostgresQuery(unsafeSQL: sql, bindings: bindings), tenant: tenant)
        return try rows.map(ItemSummary.init(row:))
    }

    /// The registry of `year` (one direction or all), in number order, after `cursor` (a direction's
    /// rank and a sequence), including cancelled entries; only entries `viewer` may see.
    func registry(
        year: Int, direction: MailDirection?, after cursor: (rank: Int, sequence: Int)?, limit: Int,
        viewer: ConfidentialAccess.Viewer, tenant: UUID
    ) async throws -> [RegistryLine] {
        var bindings = Self.viewerBindings(tenant: tenant, viewer: viewer)
        bindings.append(year)
        var sql = """
            SELECT r.id, r.registry_number, r.direction, r.year, r.sequence, r.registered_at, r.registered_by, r.subject,
                   r.correspondent_name, r.document_type, r.medium, r.priority, r.confidentiality, r.received_at, r.sent_at,
                   r.reference, i.status, c.reason, c.recorded_at, i.amendment_count,
                   CASE r.direction WHEN 'incoming' THEN 0 WHEN 'outgoing' THEN 1 ELSE 2 END AS rank
            FROM mail.registry_entries r
            JOIN mail.items i ON i.tenant_id = r.tenant_id AND i.id = r.id
            LEFT JOIN mail.registry_corrections c
                ON c.tenant_id = $1 AND c.tenant_id = r.tenant_id AND c.item_id = r.id AND c.kind = 'cancellation'
            WHERE r.tenant_id = $1 AND i.tenant_id = $1 AND r.year = $5 AND \(Self.visible)
            """
        if let direction {
            bindings.append(direction.rawValue)
            sql += " AND r.direction = $\(bindings.count)"
        }
        if let cursor {
            bindings.append(cursor.rank)
            bindings.append(cursor.sequence)
            sql += """
                 AND (CASE r.direction WHEN 'incoming' THEN 0 WHEN 'outgoing' THEN 1 ELSE 2 END, r.sequence)
                     > ($\(bindings.count - 1), $\(bindings.count))
                """
        }
        bindings.append(limit)
        sql += " ORDER BY rank, r.sequence LIMIT $\(bindings.count)"
        let rows = try await database.query(PostgresQuery(unsafeSQL: sql, bindings: bindings), tenant: tenant)
        return try rows.map { row in
            let (id, number, direction, year, sequence, registeredAt, registeredBy, subject, correspondent, documentType, medium,
                 priority, confidentiality, receivedAt, sentAt, reference, status, reason, cancelledAt, amendments, _) = try row.decode(
                (UUID, String, String, Int, Int, Date, String, String, String?, String, String, String, String, Date?, Date?, String?,
                 String, String?, Date?, Int, Int).self)
            return RegistryLine(
                id: id, registryNumber: number, direction: MailDirection(rawValue: direction) ?? .incoming, year: year,
                sequence: sequence, registeredAt: registeredAt, registeredBy: registeredBy, subject: subject,
                correspondentName: correspondent, documentType: documentType, medium: medium, priority: priority,
                confidentiality: confidentiality, receivedAt: receivedAt, sentAt: sentAt, reference: reference, status: status,
                cancellationReason: reason, cancelledAt: cancelledAt, amendments: amendments)
        }
    }
}
