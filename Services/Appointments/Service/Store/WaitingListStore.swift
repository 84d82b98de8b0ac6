import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of the waiting list: joining, withdrawing, offering a freed slot to the first person
/// still waiting (as a hold kept for them), and lapsing offers not taken in time.
struct WaitingListStore: Sendable {
    let database: PostgresPool
    var outbox: MessageOutbox { MessageOutbox(database: database) }

    /// A waiting-list entry as stored.
    struct EntryRecord: Sendable {
        var siteID: UUID
        var serviceID: UUID
        var date: LocalDate
        var entry: WaitingList.Entry
        var language: Language
        var offeredHoldID: UUID?
    }

    private static let columns = """
        id, seq, site_id, service_id, day::text, contact_name, contact_email, contact_phone, language, status, joined_at,
        offer_expires_at, offered_hold_id
        """

    private static func record(_ row: PostgresRow) throws -> EntryRecord {
        let (id, seq, site, service, day, name, email, phone, language, status, joinedAt, offerExpiresAt, hold) = try row.decode(
            (UUID, Int64, UUID, UUID, String, String?, String?, String?, String, String, Date, Date?, UUID?).self)
        let contact = ContactDetails(name: name, email: email.flatMap(EmailAddress.init), phone: phone.flatMap { PhoneNumber($0) })
        let entry = WaitingList.Entry(
            id: id, contact: contact, joinedAt: joinedAt, sequence: seq, status: WaitingList.Entry.Status(rawValue: status) ?? .waiting,
            offerExpiresAt: offerExpiresAt)
        return EntryRecord(
            siteID: site, serviceID: service, date: LocalDate(day) ?? .earliest, entry: entry, language: Language(rawValue: language) ?? .fr,
            offeredHoldID: hold)
    }

    func entry(_ id: UUID, tenant: UUID) async throws -> EntryRecord? {
        try await database.query(
            "SELECT \(unsafeRaw: Self.columns) FROM appointments.waiting_list WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant
        ).first.map(Self.record)
    }

    /// The list of a site, service and date.
    func list(site: UUID, service: UUID, date: LocalDate, tenant: UUID) async throws -> WaitingList {
        let entries = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM appointments.waiting_list
            WHERE tenant_id = \(tenant) AND site_id = \(site) AND service_id = \(service) AND day = \(date.description)::date
            """,
            tenant: tenant
        ).map(Self.record)
        return WaitingList(siteID: site, serviceID: service, date: date, entries: entries.map(\.entry))
    }

    /// Adds a person (nobody holds two places: their existing entry is returned instead), checking
    /// their verified contact when `verification` is given. Returns the entry and its place among
    /// those waiting.
    func join(
        site: UUID, service: UUID, date: LocalDate, contact: ContactDetails, language: Language, verification: UUID?, tenant: UUID,
        now: Date
    ) async throws -> (entry: WaitingList.Entry, position: Int) {
        var list = try await self.list(site: site, service: service, date: date, tenant: tenant)
        let entry = list.join(id: .timeOrdered(), contact: contact, now: now)
        if !list.entries.dropLast().contains(where: { $0.id == entry.id }) && list.entries.last?.id == entry.id {
            var queries: [PostgresQuery] = []
            if let verification {
                queries.append(
                    """
                    SELECT appointments.refuse('contact_not_verified') WHERE NOT EXISTS (
                        SELECT 1 FROM appointments.verifications
                        WHERE tenant_id = \(tenant) AND id = \(verification) AND verified_until > \(now)
                          AND destination = ANY(\([contact.phone?.e164, contact.email?.lowercased].compactMap { $0 })))
                    """)
            }
            queries.append(
                """
                INSERT INTO appointments.waiting_list (
                    tenant_id, id, site_id, service_id, day, contact_name, contact_email, contact_phone, language, status, joined_at)
                VALUES (\(tenant), \(entry.id), \(site), \(service), \(date.description)::date, \(contact.name),
                        \(contact.email?.lowercased), \(contact.phone?.e164), \(language.rawValue), 'waiting', \(now))
                """)
            _ = try await database.transaction(queries, tenant: tenant)
            list = try await self.list(site: site, service: service, date: date, tenant: tenant)
        }
        let position = (list.waiting.firstIndex { $0.id == entry.id } ?? list.waiting.count) + 1
        return (entry, position)
    }

    /// Takes a person off the list; false when they were not waiting or offered.
    func withdraw(_ id: UUID, tenant: UUID) async throws -> Bool {
        try await database.query(
            """
            UPDATE appointments.waiting_list SET status = 'withdrawn'
            WHERE tenant_id = \(tenant) AND id = \(id) AND status IN ('waiting', 'offered')
            """,
            tenant: tenant
        ).rowsAffected == 1
    }

    /// Offers a freed slot to the first person waiting for its day: a hold for them until the offer
    /// lapses, their entry marked offered, a message recorded — all or nothing. Returns the entry,
    /// or nil when nobody waits or the slot was taken meanwhile.
    func offer(
        _ placement: BookingStore.Placement, date: LocalDate, lifetime: Duration, notice: (OfferedSlot) -> [AppointmentMessage],
        bookings: BookingStore, tenant: UUID, now: Date
    ) async throws -> EntryRecord? {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM appointments.waiting_list
            WHERE tenant_id = \(tenant) AND site_id = \(placement.siteID) AND service_id = \(placement.service.id)
              AND day = \(date.description)::date AND status = 'waiting'
            ORDER BY joined_at, seq LIMIT 1
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let record = try Self.record(row)
        let expiresAt = now.adding(lifetime)
        var queries = [
            bookings.counterLock(placement.counterID, tenant: tenant),
            bookings.expiringHolds(
                counter: placement.counterID, from: placement.start, to: placement.end.adding(placement.service.bufferAfter),
                tenant: tenant, now: now)
        ]
        queries += bookings.holdStatements(placement, expiresAt: expiresAt, waitingEntry: record.entry.id, tenant: tenant, now: now)
        queries.append(
            """
            WITH offered AS (
                UPDATE appointments.waiting_list SET status = 'offered', offer_expires_at = \(expiresAt),
                    offered_hold_id = \(placement.id)
                WHERE tenant_id = \(tenant) AND id = \(record.entry.id) AND status = 'waiting'
                RETURNING id)
            SELECT appointments.refuse('entry_changed') WHERE NOT EXISTS (SELECT 1 FROM offered)
            """)
        let stub = OfferedSlot(entry: record, holdID: placement.id, expiresAt: expiresAt)
        queries += try outbox.recording(notice(stub), tenant: tenant)
        do {
            _ = try await database.transaction(queries, tenant: tenant)
        } catch where BookingStore.Refusal(error) != nil {
            return nil
        }
        var offered = record
        offered.entry.status = .offered
        offered.entry.offerExpiresAt = expiresAt
        offered.offeredHoldID = placement.id
        return offered
    }

    /// Lapses the offers not taken by `now`; returns the holds they had (to offer their slots to
    /// the next person).
    func lapseOffers(tenant: UUID, now: Date) async throws -> [UUID] {
        try await database.query(
            """
            UPDATE appointments.waiting_list SET status = 'lapsed'
            WHERE tenant_id = \(tenant) AND status = 'offered' AND offer_expires_at <= \(now)
            RETURNING offered_hold_id
            """,
            tenant: tenant
        ).compactMap { try $0.decode(UUID?.self) }
    }
}

/// A slot offered to a waiting person: their entry, the hold kept for them, until when.
struct OfferedSlot: Sendable {
    var entry: WaitingListStore.EntryRecord
    var holdID: UUID
    var expiresAt: Date
}
