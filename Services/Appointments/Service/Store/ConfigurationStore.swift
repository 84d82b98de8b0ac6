import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of what managers configure: settings, sites, services and their offers, counters,
/// schedule exceptions, absences and holidays. Every statement names the tenant itself and runs
/// with the tenant set.
struct ConfigurationStore: Sendable {
    let database: PostgresPool

    /// Why a versioned write did not happen.
    enum UpdateFailure: Error {
        /// No such object in the tenant.
        case notFound
        /// The object changed since the version the client read (`If-Match`).
        case versionMismatch(current: Int)
    }

    // MARK: Settings

    func settings(tenant: UUID) async throws -> TenantSettings {
        try ConfigurationRows.settings(
            try await database.query(
                "SELECT \(unsafeRaw: ConfigurationRows.settingsColumns) FROM appointments.settings WHERE tenant_id = \(tenant)",
                tenant: tenant))
    }

    /// Stores the settings; with `expectedVersion`, only over that version. Returns the new version.
    func save(_ settings: TenantSettings, expectedVersion: Int?, tenant: UUID, now: Date) async throws -> Int {
        let rows = try await database.query(
            """
            INSERT INTO appointments.settings AS s (
                tenant_id, time_zone, reminder_minutes, hold_minutes, no_show_grace_minutes, waiting_list_offer_minutes,
                contact_verification, version, updated_at)
            SELECT \(tenant), \(settings.pinnedTimeZone), \(settings.reminders.offsets.map { Int32($0.wholeSeconds / 60) }),
                   \(Int(settings.holdLifetime.wholeSeconds / 60)), \(Int(settings.noShowGrace.wholeSeconds / 60)),
                   \(Int(settings.waitingListOfferLifetime.wholeSeconds / 60)),
                   \(settings.requiresVerifiedContact ? "required" : "optional"), 1, \(now)
            WHERE \(expectedVersion)::int IS NULL OR \(expectedVersion)::int = 0
            ON CONFLICT (tenant_id) DO UPDATE SET
                time_zone = EXCLUDED.time_zone, reminder_minutes = EXCLUDED.reminder_minutes,
                hold_minutes = EXCLUDED.hold_minutes, no_show_grace_minutes = EXCLUDED.no_show_grace_minutes,
                waiting_list_offer_minutes = EXCLUDED.waiting_list_offer_minutes,
                contact_verification = EXCLUDED.contact_verification, version = s.version + 1, updated_at = EXCLUDED.updated_at
            WHERE s.tenant_id = \(tenant) AND (\(expectedVersion)::int IS NULL OR s.version = \(expectedVersion)::int)
            RETURNING version
            """,
            tenant: tenant)
        if let row = rows.first { return try row.decode(Int.self) }
        throw UpdateFailure.versionMismatch(current: try await self.settings(tenant: tenant).version)
    }

    // MARK: Sites

    func sites(tenant: UUID) async throws -> [(site: Site, version: Int)] {
        try await database.query(
            """
            SELECT \(unsafeRaw: ConfigurationRows.siteColumns) FROM appointments.sites
            WHERE tenant_id = \(tenant) ORDER BY created_at, id
            """,
            tenant: tenant
        ).map(ConfigurationRows.site)
    }

    func site(_ id: UUID, tenant: UUID) async throws -> (site: Site, version: Int)? {
        try await database.query(
            "SELECT \(unsafeRaw: ConfigurationRows.siteColumns) FROM appointments.sites WHERE tenant_id = \(tenant) AND id = \(id)",
            tenant: tenant
        ).first.map(ConfigurationRows.site)
    }

    func insert(_ site: Site, tenant: UUID, now: Date) async throws {
        _ = try await database.query(
            """
            INSERT INTO appointments.sites (
                tenant_id, id, name, address, latitude, longitude, phone, opening_hours, created_at, updated_at)
            VALUES (
                \(tenant), \(site.id), \(PostgresJSON(site.name)), \(PostgresJSON(site.address)), \(site.location?.latitude),
                \(site.location?.longitude), \(site.phone), \(PostgresJSON(site.openingHours.text)), \(now), \(now))
            """,
            tenant: tenant)
    }

    func update(_ site: Site, expectedVersion: Int?, tenant: UUID, now: Date) async throws -> Int {
        let rows = try await database.query(
            """
            UPDATE appointments.sites SET
                name = \(PostgresJSON(site.name)), address = \(PostgresJSON(site.address)), latitude = \(site.location?.latitude),
                longitude = \(site.location?.longitude), phone = \(site.phone), opening_hours = \(PostgresJSON(site.openingHours.text)),
                version = version + 1, updated_at = \(now)
            WHERE tenant_id = \(tenant) AND id = \(site.id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion)::int)
            RETURNING version
            """,
            tenant: tenant)
        if let row = rows.first { return try row.decode(Int.self) }
        guard let current = try await self.site(site.id, tenant: tenant) else { throw UpdateFailure.notFound }
        throw UpdateFailure.versionMismatch(current: current.version)
    }

    // MARK: Services

    func services(tenant: UUID) async throws -> [(service: AppointmentService, version: Int)] {
        try await database.query(
            """
            SELECT \(unsafeRaw: ConfigurationRows.serviceColumns) FROM appointments.services s
            WHERE s.tenant_id = \(tenant) ORDER BY s.created_at, s.id
            """,
            tenant: tenant
        ).map(ConfigurationRows.service)
    }

    func service(_ id: UUID, tenant: UUID) async throws -> (service: AppointmentService, version: Int)? {
        try await database.query(
            """
            SELECT \(unsafeRaw: ConfigurationRows.serviceColumns) FROM appointments.services s
            WHERE s.tenant_id = \(tenant) AND s.id = \(id)
            """,
            tenant: tenant
        ).first.map(ConfigurationRows.service)
    }

    /// Inserts a service and its offers; an unknown site is a foreign key violation.
    func insert(_ service: AppointmentService, tenant: UUID, now: Date) async throws {
        _ = try await database.transaction(
            [
                """
                INSERT INTO appointments.services (
                    tenant_id, id, name, duration_minutes, buffer_minutes, capacity, required_documents, minimum_notice_minutes,
                    maximum_horizon_minutes, cancellation_cutoff_minutes, move_cutoff_minutes, channels, per_person_cap,
                    ticket_prefix, created_at, updated_at)
                VALUES (
                    \(tenant), \(service.id), \(PostgresJSON(service.name)), \(service.duration.minutes), \(service.bufferAfter.minutes),
                    \(service.capacity), \(service.requiredDocuments.map(PostgresJSON.init)),
                    \(service.bookingWindow.minimumNotice.minutes), \(service.bookingWindow.maximumHorizon.minutes),
                    \(service.cancellationCutoff.minutes), \(service.moveCutoff.minutes), \(service.channels.map(\.rawValue).sorted()),
                    \(service.perPersonCap), \(service.ticketPrefix), \(now), \(now))
                """,
                offersReplacement(service, tenant: tenant),
            ],
            tenant: tenant)
    }

    func update(_ service: AppointmentService, expectedVersion: Int?, tenant: UUID, now: Date) async throws -> Int {
        let version: Int? = try await database.transaction(tenant: tenant) { transaction in
            let rows = try await transaction.query(
                """
                UPDATE appointments.services SET
                    name = \(PostgresJSON(service.name)), duration_minutes = \(service.duration.minutes),
                    buffer_minutes = \(service.bufferAfter.minutes), capacity = \(service.capacity),
                    required_documents = \(service.requiredDocuments.map(PostgresJSON.init)),
                    minimum_notice_minutes = \(service.bookingWindow.minimumNotice.minutes),
                    maximum_horizon_minutes = \(service.bookingWindow.maximumHorizon.minutes),
                    cancellation_cutoff_minutes = \(service.cancellationCutoff.minutes), move_cutoff_minutes = \(service.moveCutoff.minutes),
                    channels = \(service.channels.map(\.rawValue).sorted()), per_person_cap = \(service.perPersonCap),
                    ticket_prefix = \(service.ticketPrefix), version = version + 1, updated_at = \(now)
                WHERE tenant_id = \(tenant) AND id = \(service.id)
                  AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion)::int)
                RETURNING version
                """)
            guard let row = rows.first else { return nil }
            _ = try await transaction.execute([
                """
                DELETE FROM appointments.offers
                WHERE tenant_id = \(tenant) AND service_id = \(service.id) AND NOT (site_id = ANY(\(Array(service.siteIDs))))
                """,
                offersReplacement(service, tenant: tenant),
            ])
            return try row.decode(Int.self)
        }
        if let version { return version }
        guard let current = try await self.service(service.id, tenant: tenant) else { throw UpdateFailure.notFound }
        throw UpdateFailure.versionMismatch(current: current.version)
    }

    private func offersReplacement(_ service: AppointmentService, tenant: UUID) -> PostgresQuery {
        """
        INSERT INTO appointments.offers (tenant_id, site_id, service_id)
        SELECT \(tenant), site, \(service.id) FROM unnest(\(Array(service.siteIDs))) AS site
        ON CONFLICT DO NOTHING
        """
    }

    // MARK: Counters

    func counters(site: UUID?, tenant: UUID) async throws -> [(counter: SiteCounter, version: Int)] {
        try await database.query(
            """
            SELECT \(unsafeRaw: ConfigurationRows.counterColumns) FROM appointments.counters
            WHERE tenant_id = \(tenant) AND (\(site)::uuid IS NULL OR site_id = \(site)::uuid) ORDER BY label, id
            """,
            tenant: tenant
        ).map(ConfigurationRows.counter)
    }

    func counter(_ id: UUID, tenant: UUID) async throws -> (counter: SiteCounter, version: Int)? {
        try await database.query(
            """
            SELECT \(unsafeRaw: ConfigurationRows.counterColumns) FROM appointments.counters
            WHERE tenant_id = \(tenant) AND id = \(id)
            """,
            tenant: tenant
        ).first.map(ConfigurationRows.counter)
    }

    /// Inserts a counter; an unknown site is a foreign key violation.
    func insert(_ counter: SiteCounter, tenant: UUID, now: Date) async throws {
        _ = try await database.query(
            """
            INSERT INTO appointments.counters (tenant_id, id, site_id, label, agent_id, service_ids, schedule, created_at, updated_at)
            VALUES (
                \(tenant), \(counter.id), \(counter.siteID), \(counter.label), \(counter.agentID), \(Array(counter.serviceIDs)),
                \(PostgresJSON(counter.schedule.text)), \(now), \(now))
            """,
            tenant: tenant)
    }

    func update(_ counter: SiteCounter, expectedVersion: Int?, tenant: UUID, now: Date) async throws -> Int {
        let rows = try await database.query(
            """
            UPDATE appointments.counters SET
                label = \(counter.label), agent_id = \(counter.agentID), service_ids = \(Array(counter.serviceIDs)),
                schedule = \(PostgresJSON(counter.schedule.text)), version = version + 1, updated_at = \(now)
            WHERE tenant_id = \(tenant) AND id = \(counter.id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion)::int)
            RETURNING version
            """,
            tenant: tenant)
        if let row = rows.first { return try row.decode(Int.self) }
        guard let current = try await self.counter(counter.id, tenant: tenant) else { throw UpdateFailure.notFound }
        throw UpdateFailure.versionMismatch(current: current.version)
    }

    // MARK: Exceptions

    func exceptions(counter: UUID, tenant: UUID) async throws -> [ScheduleException] {
        try await database.query(
            """
            SELECT \(unsafeRaw: ConfigurationRows.exceptionColumns) FROM appointments.schedule_exceptions
            WHERE tenant_id = \(tenant) AND counter_id = \(counter) ORDER BY day
            """,
            tenant: tenant
        ).map { try ConfigurationRows.exception($0).exception }
    }

    /// Sets the exception of each counter for `exception.date` (replacing one there).
    func save(_ exception: ScheduleException, counters: [UUID], tenant: UUID, now: Date) async throws {
        _ = try await database.query(
            """
            INSERT INTO appointments.schedule_exceptions (tenant_id, counter_id, day, hours, reason, created_at)
            SELECT \(tenant), counter, \(exception.date.description)::date, \(exception.openRanges.map(\.description)),
                   \(exception.reason), \(now)
            FROM unnest(\(counters)) AS counter
            ON CONFLICT (tenant_id, counter_id, day) DO UPDATE SET hours = EXCLUDED.hours, reason = EXCLUDED.reason
            """,
            tenant: tenant)
    }

    /// Removes a counter's exception; false when there was none.
    func deleteException(counter: UUID, date: LocalDate, tenant: UUID) async throws -> Bool {
        try await database.query(
            """
            DELETE FROM appointments.schedule_exceptions
            WHERE tenant_id = \(tenant) AND counter_id = \(counter) AND day = \(date.description)::date
            """,
            tenant: tenant
        ).rowsAffected == 1
    }

    // MARK: Absences

    func absences(counter: UUID?, site: UUID?, from: Date, to: Date, tenant: UUID) async throws -> [(id: UUID, absence: Absence)] {
        try await database.query(
            """
            SELECT a.id, a.counter_id, a.starts_at, a.ends_at, a.reason FROM appointments.absences a
            JOIN appointments.counters c ON c.tenant_id = a.tenant_id AND c.id = a.counter_id
            WHERE a.tenant_id = \(tenant) AND c.tenant_id = \(tenant)
              AND (\(counter)::uuid IS NULL OR a.counter_id = \(counter)::uuid)
              AND (\(site)::uuid IS NULL OR c.site_id = \(site)::uuid)
              AND a.starts_at < \(to) AND a.ends_at > \(from)
            ORDER BY a.starts_at, a.id
            """,
            tenant: tenant
        ).map(ConfigurationRows.absence)
    }

    func insert(_ absence: Absence, id: UUID, createdBy: String, tenant: UUID, now: Date) async throws {
        _ = try await database.query(
            """
            INSERT INTO appointments.absences (tenant_id, id, counter_id, starts_at, ends_at, reason, created_by, created_at)
            VALUES (\(tenant), \(id), \(absence.counterID), \(absence.start), \(absence.end), \(absence.reason), \(createdBy), \(now))
            """,
            tenant: tenant)
    }

    func deleteAbsence(_ id: UUID, tenant: UUID) async throws -> Bool {
        try await database.query(
            "DELETE FROM appointments.absences WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant
        ).rowsAffected == 1
    }

    // MARK: Holidays

    func holidays(tenant: UUID) async throws -> [(id: UUID, holiday: Holiday)] {
        try await database.query(
            "SELECT \(unsafeRaw: ConfigurationRows.holidayColumns) FROM appointments.holidays WHERE tenant_id = \(tenant) ORDER BY created_at, id",
            tenant: tenant
        ).map(ConfigurationRows.holiday)
    }

    func insert(_ holiday: Holiday, id: UUID, tenant: UUID, now: Date) async throws {
        let closed: [String] =
            switch holiday.closure {
            case .wholeDay: []
            case .partial(let ranges): ranges.map(\.description)
            }
        _ = try await database.query(
            """
            INSERT INTO appointments.holidays (tenant_id, id, definition, closed_hours, created_at)
            VALUES (\(tenant), \(id), \(PostgresJSON(holiday.publicHoliday)), \(closed), \(now))
            """,
            tenant: tenant)
    }

    func deleteHoliday(_ id: UUID, tenant: UUID) async throws -> Bool {
        try await database.query(
            "DELETE FROM appointments.holidays WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant
        ).rowsAffected == 1
    }
}

extension Duration {
    /// The duration in whole minutes (the unit the tables keep).
    var minutes: Int { Int(wholeSeconds / 60) }
}
