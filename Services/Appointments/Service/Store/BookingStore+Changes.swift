import FoundationEssentials
import GuichetCore
import GuichetPostgres

extension BookingStore {
    /// The statement that moves a booking from status `from` to `to` (stamping `checked_in_at` or
    /// `closed_at` as fits, bumping the .ics sequence on a cancellation), refusing with
    /// `booking_changed` when it is no longer in `from` or, given `sequence`, no longer at it (moved
    /// meanwhile: the reminders the change withdraws would not be its own) — the rest of the batch
    /// then rolls back.
    func statusChange(_ id: UUID, from: BookingStatus, to: BookingStatus, sequence: Int? = nil, tenant: UUID, now: Date) -> PostgresQuery {
        """
        WITH changed AS (
            UPDATE appointments.bookings SET
                status = \(to.rawValue), updated_at = \(now),
                sequence = sequence + CASE WHEN \(to.rawValue) = 'cancelled' THEN 1 ELSE 0 END,
                checked_in_at = CASE WHEN \(to.rawValue) = 'checked_in' THEN \(now)::timestamptz ELSE checked_in_at END,
                closed_at = CASE WHEN \(to.isFinal) THEN \(now)::timestamptz ELSE closed_at END
            WHERE tenant_id = \(tenant) AND id = \(id) AND status = \(from.rawValue)
              AND (\(sequence)::integer IS NULL OR sequence = \(sequence)::integer)
            RETURNING id)
        SELECT appointments.refuse('booking_changed') WHERE NOT EXISTS (SELECT 1 FROM changed)
        """
    }

    /// Cancels a confirmed booking: its seat back, its pending reminders withdrawn, `messages`
    /// recorded, `extra` (webhook event, override audit) in the same transaction.
    func cancel(_ record: BookingRecord, messages: [AppointmentMessage], extra: [PostgresQuery], tenant: UUID, now: Date) async throws {
        var queries = [
            statusChange(record.booking.id, from: .confirmed, to: .cancelled, sequence: record.sequence, tenant: tenant, now: now)
        ]
        if record.isGroupSeat { queries.append(seatReleasingQuery(record, tenant: tenant)) }
        queries.append(outbox.cancellingReminders(of: record.booking.id, sequence: record.sequence, tenant: tenant))
        queries += try outbox.recording(messages, tenant: tenant)
        queries += extra
        _ = try await database.transaction(queries, tenant: tenant)
    }

    /// Moves a confirmed booking to `placement` (another start, counter, or both) under the
    /// constraint, as long as it is still where and as `record` says (its sequence); its pending
    /// reminders are withdrawn and those in `messages` (at the next sequence) recorded.
    func move(_ record: BookingRecord, to placement: Placement, messages: [AppointmentMessage], extra: [PostgresQuery], tenant: UUID, now: Date)
        async throws
    {
        let service = placement.service
        let occupiedUntil = placement.end.adding(service.bufferAfter)
        var queries = [
            counterLock(placement.counterID, tenant: tenant),
            expiringHolds(counter: placement.counterID, from: placement.start, to: occupiedUntil, tenant: tenant, now: now),
        ]
        // The messages first, the contested statements (seats, the move under the constraint) last: see `book`.
        queries.append(outbox.cancellingReminders(of: record.booking.id, sequence: record.sequence, tenant: tenant))
        queries += try outbox.recording(messages, tenant: tenant)
        queries += extra
        if record.isGroupSeat { queries.append(seatReleasingQuery(record, tenant: tenant)) }
        if service.isGroupSession {
            queries.append(
                """
                INSERT INTO appointments.sessions AS s (tenant_id, id, counter_id, service_id, starts_at, capacity, seats_taken)
                VALUES (\(tenant), \(UUID.timeOrdered()), \(placement.counterID), \(service.id), \(placement.start), \(service.capacity),
                        \(record.booking.seats))
                ON CONFLICT (tenant_id, counter_id, service_id, starts_at)
                DO UPDATE SET seats_taken = s.seats_taken + EXCLUDED.seats_taken, capacity = EXCLUDED.capacity
                """)
        }
        queries.append(
            """
            WITH changed AS (
                UPDATE appointments.bookings SET
                    counter_id = \(placement.counterID), starts_at = \(placement.start), ends_at = \(placement.end),
                    occupied_until = \(occupiedUntil), sequence = sequence + 1, updated_at = \(now),
                    occupancy_key = CASE WHEN \(service.isGroupSession) THEN (
                        SELECT id FROM appointments.sessions
                        WHERE tenant_id = \(tenant) AND counter_id = \(placement.counterID) AND service_id = \(service.id)
                          AND starts_at = \(placement.start))
                    ELSE id END
                WHERE tenant_id = \(tenant) AND id = \(record.booking.id) AND status = 'confirmed'
                  AND starts_at = \(record.booking.start) AND counter_id = \(record.booking.counterID)
                  AND sequence = \(record.sequence)
                RETURNING id)
            SELECT appointments.refuse('booking_changed') WHERE NOT EXISTS (SELECT 1 FROM changed)
            """)
        _ = try await database.transaction(queries, tenant: tenant)
    }

    /// Changes a booking's status with `extra` statements (a queue ticket on check-in); a no-show
    /// also withdraws its pending reminders. Returns the rows of the `extra` statements.
    @discardableResult
    func change(_ record: BookingRecord, to status: BookingStatus, extra: [PostgresQuery], tenant: UUID, now: Date) async throws
        -> [PostgresRows]
    {
        let withdraws = status == .noShow
        var queries = [
            statusChange(
                record.booking.id, from: record.booking.status, to: status, sequence: withdraws ? record.sequence : nil, tenant: tenant,
                now: now)
        ]
        if withdraws { queries.append(outbox.cancellingReminders(of: record.booking.id, sequence: record.sequence, tenant: tenant)) }
        queries += extra
        return Array(try await database.transaction(queries, tenant: tenant).suffix(extra.count))
    }

    /// The statement that gives back the seats of a booking of a group session.
    func seatReleasingQuery(_ record: BookingRecord, tenant: UUID) -> PostgresQuery {
        """
        UPDATE appointments.sessions SET seats_taken = seats_taken - \(record.booking.seats)
        WHERE tenant_id = \(tenant) AND id = \(record.occupancyKey)
        """
    }

    /// The statement that logs an agent's override of `rules` on a booking.
    func overrideAudit(_ override: RuleOverride, bookingID: UUID?, action: String, rules: [String], tenant: UUID, now: Date) -> PostgresQuery {
        """
        INSERT INTO appointments.overrides (tenant_id, id, booking_id, action, rules, agent_subject, reason, created_at)
        VALUES (\(tenant), \(UUID.timeOrdered()), \(bookingID), \(action), \(rules), \(override.agent), \(override.reason), \(now))
        """
    }
}

extension BookingStore {
    /// Records messages (and `extra` statements) on their own, in one transaction.
    func record(_ messages: [AppointmentMessage], extra: [PostgresQuery] = [], tenant: UUID) async throws {
        var queries = extra
        queries += try outbox.recording(messages, tenant: tenant)
        guard !queries.isEmpty else { return }
        _ = try await database.transaction(queries, tenant: tenant)
    }

    /// The confirmed bookings of a site starting in `from ..< to`, in start order.
    func confirmedBookings(site: UUID, from: Date, to: Date, tenant: UUID) async throws -> [BookingRecord] {
        try await database.query(
            """
            SELECT \(unsafeRaw: BookingRecord.columns) FROM appointments.bookings
            WHERE tenant_id = \(tenant) AND site_id = \(site) AND status = 'confirmed' AND starts_at >= \(from) AND starts_at < \(to)
            ORDER BY starts_at, id
            """,
            tenant: tenant
        ).compactMap(BookingRecord.decode)
    }
}
