import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// Everything the slot computation needs for one service at one site over some local dates — the
/// settings and zone, the site, the service, the site's counters with their exceptions, holidays,
/// absences, and the live bookings and holds — read in one round trip.
struct Planning: Sendable {
    var settings: TenantSettings
    var zone: TenantTimeZone
    var site: Site
    var service: AppointmentService
    var counters: [SiteCounter]
    var holidays: TenantHolidays
    var absences: [Absence]
    /// The bookings and holds that take time on the site's counters, with their booking ids when
    /// read one by one (``PlanningStore/load(site:service:dates:tenant:excluding:individually:)``).
    var occupancies: [(bookingID: UUID?, occupancy: Occupancy)]

    /// A calculator over this data, leaving out the bookings in `excluded` (the one being moved or
    /// the hold being confirmed).
    func calculator(excluding excluded: Set<UUID> = [], configuration: SlotCalculator.Configuration = .init()) -> SlotCalculator {
        let kept = excluded.isEmpty
            ? occupancies.map(\.occupancy)
            : occupancies.filter { $0.bookingID.map { !excluded.contains($0) } ?? true }.map(\.occupancy)
        return SlotCalculator(
            zone: zone, site: site, service: service, counters: counters, holidays: holidays, absences: absences,
            occupancies: kept, configuration: configuration)
    }

    /// The counter with `id`, if it belongs to the site.
    func counter(_ id: UUID) -> SiteCounter? {
        counters.first { $0.id == id }
    }
}

/// Reads a ``Planning``.
struct PlanningStore: Sendable {
    let database: PostgresPool

    /// The planning of `service` at `site` for the local dates `dates` (with a margin of a day on
    /// each side for bookings and absences), in the zone in force for the tenant; nil when the
    /// site or the service does not exist.
    ///
    /// The bookings in `excluded` are left out (the one being moved, the hold being confirmed).
    /// By default the others are read grouped by counter, service and seats, their times as arrays
    /// of seconds — a few rows instead of thousands; `individually` reads them one by one, with
    /// their ids, for callers that move them afterwards.
    func load(
        site siteID: UUID, service serviceID: UUID, dates: ClosedRange<LocalDate>, tenant: TenantReference, excluding excluded: [UUID] = [],
        individually: Bool = false
    ) async throws -> Planning? {
        let tenantID = tenant.id
        // Instants certainly covering the dates in any zone, plus the longest buffer and a day.
        let from = Date(secondsSince1970: Int64(dates.lowerBound.daysSince1970 - 2) * 86_400)
        let to = Date(secondsSince1970: Int64(dates.upperBound.daysSince1970 + 3) * 86_400)
        let firstDay = dates.lowerBound.description
        let lastDay = dates.upperBound.description
        let results = try await database.transaction(
            [
                "SELECT \(unsafeRaw: ConfigurationRows.settingsColumns) FROM appointments.settings WHERE tenant_id = \(tenantID)",
                """
                SELECT \(unsafeRaw: ConfigurationRows.siteColumns) FROM appointments.sites
                WHERE tenant_id = \(tenantID) AND id = \(siteID)
                """,
                """
                SELECT \(unsafeRaw: ConfigurationRows.serviceColumns) FROM appointments.services s
                WHERE s.tenant_id = \(tenantID) AND s.id = \(serviceID)
                """,
                """
                SELECT \(unsafeRaw: ConfigurationRows.counterColumns) FROM appointments.counters
                WHERE tenant_id = \(tenantID) AND site_id = \(siteID) ORDER BY label, id
                """,
                """
                SELECT e.counter_id, e.day::text, e.hours, e.reason FROM appointments.schedule_exceptions e
                JOIN appointments.counters c ON c.tenant_id = e.tenant_id AND c.id = e.counter_id
                WHERE e.tenant_id = \(tenantID) AND c.tenant_id = \(tenantID) AND c.site_id = \(siteID)
                  AND e.day BETWEEN \(firstDay)::date AND \(lastDay)::date
                """,
                """
                SELECT a.id, a.counter_id, a.starts_at, a.ends_at, a.reason FROM appointments.absences a
                JOIN appointments.counters c ON c.tenant_id = a.tenant_id AND c.id = a.counter_id
                WHERE a.tenant_id = \(tenantID) AND c.tenant_id = \(tenantID) AND c.site_id = \(siteID)
                  AND a.starts_at < \(to) AND a.ends_at > \(from)
                """,
                "SELECT \(unsafeRaw: ConfigurationRows.holidayColumns) FROM appointments.holidays WHERE tenant_id = \(tenantID)",
                individually
                    ? """
                    SELECT id, counter_id, service_id, starts_at, occupied_until, seats, hold_expires_at FROM appointments.bookings
                    WHERE tenant_id = \(tenantID) AND site_id = \(siteID) AND status IN ('held', 'confirmed', 'checked_in')
                      AND starts_at < \(to) AND occupied_until > \(from) AND id <> ALL(\(excluded))
                    """
                    : """
                    SELECT counter_id, service_id, seats,
                           array_agg(extract(epoch FROM starts_at)::int8),
                           array_agg(extract(epoch FROM occupied_until)::int8),
                           array_agg(coalesce(extract(epoch FROM hold_expires_at)::int8, 0))
                    FROM appointments.bookings
                    WHERE tenant_id = \(tenantID) AND site_id = \(siteID) AND status IN ('held', 'confirmed', 'checked_in')
                      AND starts_at < \(to) AND occupied_until > \(from) AND id <> ALL(\(excluded))
                    GROUP BY counter_id, service_id, seats
                    """,
            ],
            tenant: tenantID)
        guard let siteRow = results[1].first, let serviceRow = results[2].first else { return nil }
        let settings = try ConfigurationRows.settings(results[0])
        var counters = try results[3].map { try ConfigurationRows.counter($0).counter }
        for row in results[4] {
            let (counterID, exception) = try ConfigurationRows.exception(row)
            if let index = counters.firstIndex(where: { $0.id == counterID }) { counters[index].exceptions.append(exception) }
        }
        var occupancies: [(bookingID: UUID?, occupancy: Occupancy)] = []
        if individually {
            occupancies = try results[7].map { row in
                let (id, counter, service, start, end, seats, expiry) = try row.decode((UUID, UUID, UUID, Date, Date, Int, Date?).self)
                return (id, Occupancy(counterID: counter, serviceID: service, start: start, end: end, seats: seats, expiresAt: expiry))
            }
        } else {
            for row in results[7] {
                let (counter, service, seats, starts, ends, expiries) = try row.decode((UUID, UUID, Int, [Int64], [Int64], [Int64]).self)
                for index in starts.indices where index < ends.count && index < expiries.count {
                    occupancies.append(
                        (nil,
                         Occupancy(
                            counterID: counter, serviceID: service, start: Date(secondsSince1970: starts[index]),
                            end: Date(secondsSince1970: ends[index]), seats: seats,
                            expiresAt: expiries[index] == 0 ? nil : Date(secondsSince1970: expiries[index]))))
                }
            }
        }
        return Planning(
            settings: settings, zone: settings.zone(tenantZone: tenant.timeZone), site: try ConfigurationRows.site(siteRow).site,
            service: try ConfigurationRows.service(serviceRow).service, counters: counters,
            holidays: TenantHolidays(try results[6].map { try ConfigurationRows.holiday($0).holiday }),
            absences: try results[5].map { try ConfigurationRows.absence($0).absence }, occupancies: occupancies)
    }
}
