import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of statistics and exports: the bookings and tickets of a period, and what the open time
/// of the counters is computed from.
struct StatisticsStore: Sendable {
    let database: PostgresPool

    /// A booking as exported.
    struct ExportRow: Sendable {
        var code: String
        var siteName: String
        var serviceName: String
        var counterLabel: String
        var start: Date
        var end: Date
        var status: String
        var channel: String
        var createdAt: Date
    }

    /// What a period's statistics are computed from.
    struct Period: Sendable {
        var settings: TenantSettings
        var bookings: [AppointmentStatistics.BookingFact]
        var tickets: [AppointmentStatistics.TicketFact]
        var sites: [Site]
        var counters: [SiteCounter]
        var absences: [Absence]
        var holidays: TenantHolidays
    }

    /// The data of the period `from ..< to` (instants; `days` are its local dates), for one site or
    /// all.
    func period(site: UUID?, from: Date, to: Date, days: ClosedRange<LocalDate>, tenant: UUID) async throws -> Period {
        let results = try await database.transaction(
            [
                "SELECT \(unsafeRaw: ConfigurationRows.settingsColumns) FROM appointments.settings WHERE tenant_id = \(tenant)",
                """
                SELECT channel, status, starts_at, ends_at, created_at FROM appointments.bookings
                WHERE tenant_id = \(tenant) AND (\(site)::uuid IS NULL OR site_id = \(site)::uuid)
                  AND starts_at >= \(from) AND starts_at < \(to) AND status NOT IN ('held', 'expired')
                """,
                """
                SELECT issued_at, called_at, status FROM appointments.queue_tickets
                WHERE tenant_id = \(tenant) AND (\(site)::uuid IS NULL OR site_id = \(site)::uuid)
                  AND day BETWEEN \(days.lowerBound.description)::date AND \(days.upperBound.description)::date
                """,
                """
                SELECT \(unsafeRaw: ConfigurationRows.siteColumns) FROM appointments.sites
                WHERE tenant_id = \(tenant) AND (\(site)::uuid IS NULL OR id = \(site)::uuid)
                """,
                """
                SELECT \(unsafeRaw: ConfigurationRows.counterColumns) FROM appointments.counters
                WHERE tenant_id = \(tenant) AND (\(site)::uuid IS NULL OR site_id = \(site)::uuid)
                """,
                """
                SELECT \(unsafeRaw: ConfigurationRows.exceptionColumns) FROM appointments.schedule_exceptions
                WHERE tenant_id = \(tenant)
                  AND day BETWEEN \(days.lowerBound.description)::date AND \(days.upperBound.description)::date
                """,
                """
                SELECT \(unsafeRaw: ConfigurationRows.absenceColumns) FROM appointments.absences
                WHERE tenant_id = \(tenant) AND starts_at < \(to) AND ends_at > \(from)
                """,
                "SELECT \(unsafeRaw: ConfigurationRows.holidayColumns) FROM appointments.holidays WHERE tenant_id = \(tenant)",
            ],
            tenant: tenant)
        let bookings = try results[1].map { row in
            let (channel, status, start, end, createdAt) = try row.decode((String, String, Date, Date, Date).self)
            return AppointmentStatistics.BookingFact(
                channel: Channel(rawValue: channel) ?? .web, status: BookingStatus(rawValue: status) ?? .confirmed, start: start, end: end,
                createdAt: createdAt)
        }
        let tickets = try results[2].map { row in
            let (issuedAt, calledAt, status) = try row.decode((Date, Date?, String).self)
            return AppointmentStatistics.TicketFact(
                issuedAt: issuedAt, calledAt: calledAt, status: QueueTicket.Status(rawValue: status) ?? .waiting)
        }
        var counters = try results[4].map { try ConfigurationRows.counter($0).counter }
        for row in results[5] {
            let (counterID, exception) = try ConfigurationRows.exception(row)
            if let index = counters.firstIndex(where: { $0.id == counterID }) { counters[index].exceptions.append(exception) }
        }
        return Period(
            settings: try ConfigurationRows.settings(results[0]), bookings: bookings, tickets: tickets,
            sites: try results[3].map { try ConfigurationRows.site($0).site }, counters: counters,
            absences: try results[6].map { try ConfigurationRows.absence($0).absence },
            holidays: TenantHolidays(try results[7].map { try ConfigurationRows.holiday($0).holiday }))
    }

    /// The bookings of the period, for the CSV export, in start order.
    func export(site: UUID?, from: Date, to: Date, language: Language, tenant: UUID) async throws -> [ExportRow] {
        try await database.query(
            """
            SELECT b.code, si.name, se.name, c.label, b.starts_at, b.ends_at, b.status, b.channel, b.created_at
            FROM appointments.bookings b
            JOIN appointments.sites si ON si.tenant_id = b.tenant_id AND si.id = b.site_id
            JOIN appointments.services se ON se.tenant_id = b.tenant_id AND se.id = b.service_id
            JOIN appointments.counters c ON c.tenant_id = b.tenant_id AND c.id = b.counter_id
            WHERE b.tenant_id = \(tenant) AND si.tenant_id = \(tenant) AND se.tenant_id = \(tenant) AND c.tenant_id = \(tenant)
              AND (\(site)::uuid IS NULL OR b.site_id = \(site)::uuid)
              AND b.starts_at >= \(from) AND b.starts_at < \(to) AND b.status NOT IN ('held', 'expired')
            ORDER BY b.starts_at, b.code
            """,
            tenant: tenant
        ).map { row in
            let (code, site, service, counter, start, end, status, channel, createdAt) = try row.decode(
                (String, PostgresJSON<LocalizedText>, PostgresJSON<LocalizedText>, String, Date, Date, String, String, Date).self)
            return ExportRow(
                code: BookingCode(code)?.displayed ?? code, siteName: site.value.text(in: language),
                serviceName: service.value.text(in: language), counterLabel: counter, start: start, end: end, status: status,
                channel: channel, createdAt: createdAt)
        }
    }
}
