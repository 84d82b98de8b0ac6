import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of holds and bookings. Every write is one batch of statements — one round trip, rolled
/// back whole when a statement fails — and the database has the last word on conflicts: the
/// exclusion constraint of each tenant's partition of `bookings` (no overlap on a counter), the
/// CHECK on `sessions.seats_taken` (no more seats than capacity), and `appointments.refuse` for the
/// rules a statement checks (per-person cap, verified contact, a hold still live).
struct BookingStore: Sendable {
    let database: PostgresPool
    /// Where messages and events are recorded.
    var outbox: MessageOutbox { MessageOutbox(database: database) }

    /// Why the database refused a write.
    enum Refusal: Error, Equatable {
        /// The counter is taken for an overlapping time (exclusion constraint), or the session is full.
        case slotTaken
        /// The person holds the most upcoming bookings of the service allowed.
        case bookingLimitReached
        /// The verification is unknown, not verified, expired or for another contact.
        case contactNotVerified
        /// The hold expired or was used.
        case holdExpired
        /// The booking changed since it was read (cancelled, moved or checked in meanwhile).
        case bookingChanged
        /// The new booking code is taken already (try another).
        case codeTaken

        /// The refusal an error stands for, or nil for any other error.
        init?(_ error: any Error) {
            guard let error = error as? PostgresError else { return nil }
            let table = error.table ?? ""
            switch error.sqlState {
            case "23P01": self = .slotTaken
            case "23514" where table.hasPrefix("sessions"): self = .slotTaken
            case "23505" where (error.constraint ?? "").contains("code"): self = .codeTaken
            case "GA001":
                switch error.detail {
                case "booking_limit_reached": self = .bookingLimitReached
                case "contact_not_verified": self = .contactNotVerified
                case "hold_expired": self = .holdExpired
                default: self = .bookingChanged
                }
            default: return nil
            }
        }
    }

    // MARK: Reading

    func booking(code: BookingCode, tenant: UUID) async throws -> BookingRecord? {
        try await database.query(
            "SELECT \(unsafeRaw: BookingRecord.columns) FROM appointments.bookings WHERE tenant_id = \(tenant) AND code = \(code.canonical)",
            tenant: tenant
        ).first.flatMap(BookingRecord.decode)
    }

    func hold(_ id: UUID, tenant: UUID) async throws -> HoldRecord? {
        let rows = try await database.query(
            """
            SELECT id, site_id, service_id, counter_id, starts_at, ends_at, seats, status, hold_expires_at, waiting_entry_id
            FROM appointments.bookings WHERE tenant_id = \(tenant) AND id = \(id)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let (id, site, service, counter, start, end, seats, status, expiresAt, entry) = try row.decode(
            (UUID, UUID, UUID, UUID, Date, Date, Int, String, Date?, UUID?).self)
        return HoldRecord(
            id: id, siteID: site, serviceID: service, counterID: counter, start: start, end: end, seats: seats, status: status,
            expiresAt: expiresAt, waitingEntryID: entry)
    }

    /// The bookings of a site on a range of instants (an agenda), optionally of one counter or one
    /// agent's counters, every status but holds.
    func bookings(site: UUID, from: Date, to: Date, counter: UUID?, agent: UUID?, tenant: UUID) async throws -> [BookingRecord] {
        try await database.query(
            """
            SELECT \(unsafeRaw: BookingRecord.qualifiedColumns) FROM appointments.bookings b
            JOIN appointments.counters c ON c.tenant_id = b.tenant_id AND c.id = b.counter_id
            WHERE b.tenant_id = \(tenant) AND c.tenant_id = \(tenant) AND b.site_id = \(site)
              AND b.starts_at >= \(from) AND b.starts_at < \(to) AND b.status NOT IN ('held', 'expired')
              AND (\(counter)::uuid IS NULL OR b.counter_id = \(counter)::uuid)
              AND (\(agent)::uuid IS NULL OR c.agent_id = \(agent)::uuid)
            ORDER BY b.starts_at, c.label, b.id
            """,
            tenant: tenant
        ).compactMap(BookingRecord.decode)
    }

    // MARK: Holds and bookings

    /// A new hold or booking on one counter, as the route computed it.
    struct Placement: Sendable {
        var id: UUID
        var siteID: UUID
        var service: AppointmentService
        var counterID: UUID
        var start: Date
        var end: Date
        var seats: Int
    }

    /// The statement that queues the writers of one counter's holds and bookings, first in their
    /// transaction. The exclusion constraint still decides; but without the queue, a race for one
    /// slot piles up inserted tuples that wait on each other when the winner commits, and
    /// PostgreSQL aborts most losers as deadlocks, each after `deadlock_timeout` (dozens a second
    /// under load). With it, one writer at a time goes through, each held a few milliseconds. A
    /// write takes at most one counter's lock, before any other lock (the per-person ones come
    /// after), so these locks never wait in a cycle.
    func counterLock(_ counter: UUID, tenant: UUID) -> PostgresQuery {
        "SELECT pg_advisory_xact_lock(hashtextextended(\("appointments.counter:\(tenant.lowercaseString):\(counter.lowercaseString)"), 0))"
    }

    /// The statement that gives up the holds that expired on a counter around a range (or, without
    /// a counter, every expired hold of the tenant), and their seats of group sessions.
    func expiringHolds(counter: UUID?, from: Date, to: Date, tenant: UUID, now: Date) -> PostgresQuery {
        """
        WITH expired AS (
            UPDATE appointments.bookings SET status = 'expired', updated_at = \(now)
            WHERE tenant_id = \(tenant) AND status = 'held' AND hold_expires_at <= \(now)
              AND (\(counter)::uuid IS NULL OR (counter_id = \(counter)::uuid AND starts_at < \(to) AND occupied_until > \(from)))
            RETURNING occupancy_key, id, seats
        ), released AS (
            SELECT occupancy_key, sum(seats)::int AS seats FROM expired WHERE occupancy_key <> id GROUP BY occupancy_key
        )
        UPDATE appointments.sessions s SET seats_taken = s.seats_taken - r.seats
        FROM released r WHERE s.tenant_id = \(tenant) AND s.id = r.occupancy_key
        """
    }

    /// The statements that take the seats of a placement in its group session (none for a
    /// one-to-one service), and the expression of its occupancy key.
    private func seatTaking(_ placement: Placement, tenant: UUID) -> PostgresQuery? {
        guard placement.service.isGroupSession else { return nil }
        return """
            INSERT INTO appointments.sessions AS s (tenant_id, id, counter_id, service_id, starts_at, capacity, seats_taken)
            VALUES (\(tenant), \(UUID.timeOrdered()), \(placement.counterID), \(placement.service.id), \(placement.start),
                    \(placement.service.capacity), \(placement.seats))
            ON CONFLICT (tenant_id, counter_id, service_id, starts_at)
            DO UPDATE SET seats_taken = s.seats_taken + EXCLUDED.seats_taken, capacity = EXCLUDED.capacity
            """
    }

    /// Places a hold until `expiresAt` (offered to a waiting-list entry, if given).
    func placeHold(_ placement: Placement, expiresAt: Date, extra: [PostgresQuery] = [], tenant: UUID, now: Date) async throws {
        var queries = [
            counterLock(placement.counterID, tenant: tenant),
            expiringHolds(counter: placement.counterID, from: placement.start, to: placement.end.adding(placement.service.bufferAfter),
                          tenant: tenant, now: now),
        ]
        queries += holdStatements(placement, expiresAt: expiresAt, waitingEntry: nil, tenant: tenant, now: now)
        queries += extra
        _ = try await database.transaction(queries, tenant: tenant)
    }

    /// The statements that take a hold's seats and insert it.
    func holdStatements(_ placement: Placement, expiresAt: Date, waitingEntry: UUID?, tenant: UUID, now: Date) -> [PostgresQuery] {
        var queries: [PostgresQuery] = []
        if let seats = seatTaking(placement, tenant: tenant) { queries.append(seats) }
        queries.append(insertion(placement, status: "held", code: nil, contact: .none, language: .fr, channel: .web, bookedBy: nil,
                                 holdExpiresAt: expiresAt, waitingEntry: waitingEntry, tenant: tenant, now: now))
        return queries
    }

    /// What a confirmed booking needs besides its placement.
    struct Confirmation: Sendable {
        var code: BookingCode
        var contact: ContactDetails
        var language: Language
        var channel: Channel
        var bookedBy: String?
        /// The verification of the contact the rule requires (nil: not required).
        var verification: UUID?
        /// The cap to check (nil: lifted by an override).
        var perPersonCap: Int?
        /// The messages to record (confirmation, reminders at sequence 0: a new booking's).
        var messages: [AppointmentMessage]
        /// Extra statements of the same unit of work (webhook event, override audit, idempotency record).
        var extra: [PostgresQuery]
    }

    /// Books a placement: the rules checked by statements, the messages and `extra` recorded, then
    /// the contested statements last — the seats, and the insertion under the constraint — so that
    /// the winner of a race holds the slot for as short a time as can be before it commits (the
    /// losers wait for it; the more of them pile up meanwhile, the more deadlock on each other's
    /// tuples when it commits).
    func book(_ placement: Placement, _ confirmation: Confirmation, tenant: UUID, now: Date) async throws {
        var queries = [
            counterLock(placement.counterID, tenant: tenant),
            expiringHolds(counter: placement.counterID, from: placement.start, to: placement.end.adding(placement.service.bufferAfter),
                          tenant: tenant, now: now),
        ]
        queries += ruleChecks(confirmation, serviceID: placement.service.id, tenant: tenant, now: now)
        queries += try outbox.recording(confirmation.messages, tenant: tenant)
        queries += confirmation.extra
        if let seats = seatTaking(placement, tenant: tenant) { queries.append(seats) }
        queries.append(
            insertion(
                placement, status: "confirmed", code: confirmation.code, contact: confirmation.contact, language: confirmation.language,
                channel: confirmation.channel, bookedBy: confirmation.bookedBy, holdExpiresAt: nil, waitingEntry: nil, tenant: tenant,
                now: now))
        _ = try await database.transaction(queries, tenant: tenant)
    }

    /// Turns a live hold into a booking (its slot never free in between).
    func confirm(hold: HoldRecord, _ confirmation: Confirmation, tenant: UUID, now: Date) async throws {
        var queries = ruleChecks(confirmation, serviceID: hold.serviceID, tenant: tenant, now: now)
        queries.append(
            """
            UPDATE appointments.bookings SET
                status = 'confirmed', code = \(confirmation.code.canonical), hold_expires_at = NULL,
                contact_name = \(confirmation.contact.name), contact_email = \(confirmation.contact.email?.lowercased),
                contact_phone = \(confirmation.contact.phone?.e164), language = \(confirmation.language.rawValue),
                channel = \(confirmation.channel.rawValue), booked_by = \(confirmation.bookedBy), confirmed_at = \(now),
                updated_at = \(now)
            WHERE tenant_id = \(tenant) AND id = \(hold.id) AND status = 'held' AND hold_expires_at > \(now)
            """)
        queries.append(
            """
            SELECT appointments.refuse('hold_expired') WHERE NOT EXISTS (
                SELECT 1 FROM appointments.bookings
                WHERE tenant_id = \(tenant) AND id = \(hold.id) AND code = \(confirmation.code.canonical))
            """)
        if let entry = hold.waitingEntryID {
            queries.append(
                """
                UPDATE appointments.waiting_list SET status = 'accepted'
                WHERE tenant_id = \(tenant) AND id = \(entry) AND status = 'offered'
                """)
        }
        queries += try outbox.recording(confirmation.messages, tenant: tenant)
        queries += confirmation.extra
        _ = try await database.transaction(queries, tenant: tenant)
    }

    /// The statements that check the per-person cap (under a lock per person and service, so two
    /// bookings of one person cannot both pass) and the verified contact.
    private func ruleChecks(_ confirmation: Confirmation, serviceID: UUID, tenant: UUID, now: Date) -> [PostgresQuery] {
        var queries: [PostgresQuery] = []
        let phone = confirmation.contact.phone?.e164
        let email = confirmation.contact.email?.lowercased
        if let cap = confirmation.perPersonCap, phone != nil || email != nil {
            let keys = [phone.map { "phone:" + $0 }, email.map { "email:" + $0 }].compactMap { $0 }
                .map { "\(tenant.lowercaseString):\(serviceID.lowercaseString):\($0)" }
            queries.append(
                """
                SELECT pg_advisory_xact_lock(k) FROM (
                    SELECT hashtextextended(key, 0) AS k FROM unnest(\(keys)) AS key ORDER BY 1) AS locks
                """)
            queries.append(
                """
                SELECT appointments.refuse('booking_limit_reached') FROM (
                    SELECT count(*) AS n FROM appointments.bookings
                    WHERE tenant_id = \(tenant) AND service_id = \(serviceID) AND status IN ('confirmed', 'checked_in')
                      AND starts_at > \(now) AND (contact_phone = \(phone) OR contact_email = \(email))) AS held
                WHERE held.n >= \(cap)
                """)
        }
        if let verification = confirmation.verification {
            let destinations = [phone, email].compactMap { $0 }
            queries.append(
                """
                SELECT appointments.refuse('contact_not_verified') WHERE NOT EXISTS (
                    SELECT 1 FROM appointments.verifications
                    WHERE tenant_id = \(tenant) AND id = \(verification) AND verified_until > \(now)
                      AND destination = ANY(\(destinations)))
                """)
        }
        return queries
    }

    private func insertion(
        _ placement: Placement, status: String, code: BookingCode?, contact: ContactDetails, language: Language, channel: Channel,
        bookedBy: String?, holdExpiresAt: Date?, waitingEntry: UUID?, tenant: UUID, now: Date
    ) -> PostgresQuery {
        let occupiedUntil = placement.end.adding(placement.service.bufferAfter)
        return """
            INSERT INTO appointments.bookings (
                tenant_id, id, code, site_id, service_id, counter_id, starts_at, ends_at, occupied_until, occupancy_key, seats,
                status, hold_expires_at, contact_name, contact_email, contact_phone, language, channel, booked_by,
                waiting_entry_id, created_at, updated_at, confirmed_at)
            VALUES (
                \(tenant), \(placement.id), \(code?.canonical), \(placement.siteID), \(placement.service.id), \(placement.counterID),
                \(placement.start), \(placement.end), \(occupiedUntil),
                CASE WHEN \(placement.service.isGroupSession) THEN (
                    SELECT id FROM appointments.sessions
                    WHERE tenant_id = \(tenant) AND counter_id = \(placement.counterID) AND service_id = \(placement.service.id)
                      AND starts_at = \(placement.start))
                ELSE \(placement.id)::uuid END,
                \(placement.seats), \(status), \(holdExpiresAt), \(contact.name), \(contact.email?.lowercased), \(contact.phone?.e164),
                \(language.rawValue), \(channel.rawValue), \(bookedBy), \(waitingEntry), \(now), \(now),
                CASE WHEN \(status) = 'confirmed' THEN \(now)::timestamptz END)
            """
    }
}
