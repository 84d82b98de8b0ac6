import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A queue ticket as stored.
struct TicketRecord: Sendable {
    var id: UUID
    var siteID: UUID
    var date: LocalDate
    var ticket: QueueTicket
}

/// The SQL of the on-site queue: tickets numbered per site, day and prefix under a lock per site
/// and day (so numbers never repeat and two agents never call the same person).
struct QueueStore: Sendable {
    let database: PostgresPool

    /// Why a queue action did not happen.
    enum Refusal: Error, Equatable {
        /// No such ticket in the tenant.
        case unknownTicket
        /// The ticket is not in the status the action needs.
        case statusConflict(QueueTicket.Status)
    }

    private static let columns = """
        t.id, t.site_id, t.day::text, t.prefix, t.number, t.service_id, t.booking_id, b.starts_at, t.status, t.issued_at,
        t.called_at, t.counter_id, t.closed_at
        """

    private static func record(_ row: PostgresRow) throws -> TicketRecord {
        let (id, site, day, prefix, number, service, booking, start, status, issuedAt, calledAt, counter, closedAt) = try row.decode(
            (UUID, UUID, String, String, Int, UUID, UUID?, Date?, String, Date, Date?, UUID?, Date?).self)
        let origin: QueueTicket.Origin =
            if let booking, let start { .appointment(bookingID: booking, start: start) } else { .walkIn }
        let ticket = QueueTicket(
            number: number, prefix: prefix, serviceID: service, origin: origin, status: QueueTicket.Status(rawValue: status) ?? .waiting,
            issuedAt: issuedAt, calledAt: calledAt, counterID: counter, closedAt: closedAt)
        return TicketRecord(id: id, siteID: site, date: LocalDate(day) ?? .earliest, ticket: ticket)
    }

    /// The statement that locks a site's queue of a day until the end of the transaction.
    private func lock(site: UUID, date: LocalDate, tenant: UUID) -> PostgresQuery {
        "SELECT pg_advisory_xact_lock(hashtextextended(\("queue:\(tenant.lowercaseString):\(site.lowercaseString):\(date)"), 0))"
    }

    /// The statements that issue the next ticket of `prefix` (returning its number, last).
    func issuing(
        id: UUID, site: UUID, date: LocalDate, prefix: String, service: UUID, booking: UUID?, tenant: UUID, now: Date
    ) -> [PostgresQuery] {
        [
            lock(site: site, date: date, tenant: tenant),
            """
            INSERT INTO appointments.queue_tickets (
                tenant_id, id, site_id, day, prefix, number, service_id, booking_id, status, issued_at)
            SELECT \(tenant), \(id), \(site), \(date.description)::date, \(prefix), coalesce(max(number), 0) + 1, \(service),
                   \(booking), 'waiting', \(now)
            FROM appointments.queue_tickets
            WHERE tenant_id = \(tenant) AND site_id = \(site) AND day = \(date.description)::date AND prefix = \(prefix)
            RETURNING number
            """,
        ]
    }

    /// Issues a walk-in's ticket; returns its number.
    func issue(id: UUID, site: UUID, date: LocalDate, prefix: String, service: UUID, tenant: UUID, now: Date) async throws -> Int {
        let results = try await database.transaction(
            issuing(id: id, site: site, date: date, prefix: prefix, service: service, booking: nil, tenant: tenant, now: now),
            tenant: tenant)
        return try results[1].single(Int.self)
    }

    /// Every ticket of a site's day, in issue order.
    func tickets(site: UUID, date: LocalDate, tenant: UUID) async throws -> [TicketRecord] {
        try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM appointments.queue_tickets t
            LEFT JOIN appointments.bookings b ON b.tenant_id = t.tenant_id AND b.id = t.booking_id
            WHERE t.tenant_id = \(tenant) AND t.site_id = \(site) AND t.day = \(date.description)::date
            ORDER BY t.issued_at, t.prefix, t.number
            """,
            tenant: tenant
        ).map(Self.record)
    }

    func ticket(_ id: UUID, tenant: UUID) async throws -> TicketRecord? {
        try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM appointments.queue_tickets t
            LEFT JOIN appointments.bookings b ON b.tenant_id = t.tenant_id AND b.id = t.booking_id
            WHERE t.tenant_id = \(tenant) AND t.id = \(id)
            """,
            tenant: tenant
        ).first.map(Self.record)
    }

    /// Calls the next person a counter can serve (the domain's order: due appointments first, then
    /// arrival order); nil when nobody waits for its services.
    func callNext(site: UUID, date: LocalDate, counter: UUID, services: Set<UUID>?, tenant: UUID, now: Date) async throws -> TicketRecord? {
        try await database.transaction(tenant: tenant, retryable: true) { transaction in
            let rows = try await transaction.execute([
                lock(site: site, date: date, tenant: tenant),
                """
                SELECT \(unsafeRaw: Self.columns) FROM appointments.queue_tickets t
                LEFT JOIN appointments.bookings b ON b.tenant_id = t.tenant_id AND b.id = t.booking_id
                WHERE t.tenant_id = \(tenant) AND t.site_id = \(site) AND t.day = \(date.description)::date AND t.status = 'waiting'
                """,
            ])[1]
            let records = try rows.map(Self.record)
            var queue = SiteQueue(siteID: site, date: date, tickets: records.map(\.ticket))
            guard let called = queue.callNext(counterID: counter, services: services, at: now),
                var record = records.first(where: { $0.ticket.label == called.label })
            else { return nil }
            _ = try await transaction.query(
                """
                UPDATE appointments.queue_tickets SET status = 'called', called_at = \(now), counter_id = \(counter)
                WHERE tenant_id = \(tenant) AND id = \(record.id)
                """)
            record.ticket = called
            return record
        }
    }

    /// Closes a called ticket as served or no-show; a served ticket of an appointment completes the
    /// booking. Returns the ticket as it now is.
    func close(_ id: UUID, as status: QueueTicket.Status, tenant: UUID, now: Date) async throws -> TicketRecord {
        let outcome: Refusal? = try await database.transaction(tenant: tenant) { transaction in
            let rows = try await transaction.query(
                """
                UPDATE appointments.queue_tickets SET status = \(status.rawValue), closed_at = \(now)
                WHERE tenant_id = \(tenant) AND id = \(id) AND status = 'called'
                RETURNING booking_id
                """)
            guard let row = rows.first else { return .unknownTicket }
            let booking = try row.decode(UUID?.self)
            if status == .served, let booking {
                _ = try await transaction.query(
                    """
                    UPDATE appointments.bookings SET status = 'completed', closed_at = \(now), updated_at = \(now)
                    WHERE tenant_id = \(tenant) AND id = \(booking) AND status = 'checked_in'
                    """)
            }
            return nil
        }
        guard let record = try await ticket(id, tenant: tenant) else { throw Refusal.unknownTicket }
        if outcome != nil, record.ticket.status != status { throw Refusal.statusConflict(record.ticket.status) }
        return record
    }
}
