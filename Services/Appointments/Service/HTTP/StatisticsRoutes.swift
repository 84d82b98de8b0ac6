import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// Statistics for managers (bookings by channel, no-show rate, lead time, utilisation, queue
/// waiting times) and the CSV export of a period's bookings.
struct StatisticsRoutes: Sendable {
    let dependencies: RouteDependencies

    /// The longest period one request covers, in days.
    static let maximumDays = 366

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.get(base + "/statistics", options: AppointmentAccess.managers) { request, context in try await statistics(request, context) }
        routes.get(base + "/exports/bookings.csv", options: AppointmentAccess.managers) { request, context in
            try await export(request, context)
        }
    }

    struct Counts: Encodable {
        let total: Int
        let byChannel: [String: Int]
        let byStatus: [String: Int]
    }

    struct Queue: Encodable {
        let ticketsIssued: Int
        let ticketsServed: Int
        let ticketsNoShow: Int
        let averageWaitMinutes: Double?
        let ninetiethPercentileWaitMinutes: Double?
    }

    struct Report: Encodable {
        let from: String
        let to: String
        let site: String?
        let bookings: Counts
        let noShowRate: Double?
        let averageLeadTimeHours: Double?
        let medianLeadTimeHours: Double?
        let bookedMinutes: Int
        let openMinutes: Int
        let utilisation: Double?
        let queue: Queue
    }

    /// The period of a request: `from` and `to` dates (at most ``maximumDays``), and the site.
    private func period(_ request: HTTPRequest, _ context: RequestContext) throws(Problem) -> (ClosedRange<LocalDate>, UUID?) {
        var errors: [FieldError] = []
        let site = RequestReading.uuid(request, "site", required: false, errors: &errors)
        var dates: ClosedRange<LocalDate>?
        do {
            dates = try SlotCalculator.dateRange(
                from: request.query["from"], to: request.query["to"], configuration: .init(maximumDays: Self.maximumDays))
        } catch {
            errors += error.errors
        }
        guard errors.isEmpty, let dates else { throw Problem.validation(errors, language: context.language) }
        return (dates, site)
    }

    func statistics(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let (dates, site) = try period(request, context)
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        let from = zone.startOfDay(dates.lowerBound)
        let to = dates.upperBound.startOfNextDay(in: zone.timeZone)
        let period = try await dependencies.statistics.period(site: site, from: from, to: to, days: dates, tenant: tenant.id)
        let open = OpenTime.minutes(
            counters: period.counters, sites: period.sites, holidays: period.holidays, absences: period.absences, dates: dates, zone: zone)
        let statistics = AppointmentStatistics(bookings: period.bookings, tickets: period.tickets, openMinutes: open)
        return try .json(
            Report(
                from: dates.lowerBound.description, to: dates.upperBound.description, site: site?.lowercaseString,
                bookings: Counts(
                    total: period.bookings.count,
                    byChannel: Dictionary(uniqueKeysWithValues: statistics.bookingsByChannel.map { ($0.key.rawValue, $0.value) }),
                    byStatus: Dictionary(uniqueKeysWithValues: statistics.bookingsByStatus.map { ($0.key.rawValue, $0.value) })),
                noShowRate: statistics.noShowRate, averageLeadTimeHours: statistics.averageLeadTimeHours,
                medianLeadTimeHours: statistics.medianLeadTimeHours, bookedMinutes: statistics.bookedMinutes,
                openMinutes: statistics.openMinutes, utilisation: statistics.utilisation,
                queue: Queue(
                    ticketsIssued: statistics.ticketsIssued, ticketsServed: statistics.ticketsServed,
                    ticketsNoShow: statistics.ticketsNoShow, averageWaitMinutes: statistics.averageWaitMinutes,
                    ninetiethPercentileWaitMinutes: statistics.ninetiethPercentileWaitMinutes)))
    }

    /// The period's bookings as CSV (UTF-8 with a byte order mark, formulas neutralised).
    func export(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let (dates, site) = try period(request, context)
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        let rows = try await dependencies.statistics.export(
            site: site, from: zone.startOfDay(dates.lowerBound), to: dates.upperBound.startOfNextDay(in: zone.timeZone),
            language: context.language, tenant: tenant.id)
        var csv = CSVWriter(capacity: 256 + rows.count * 160)
        csv.writeRow(["code", "site", "service", "counter", "start", "end", "status", "channel", "booked_at", "lead_time_hours"])
        for row in rows {
            for field in [
                row.code, row.siteName, row.serviceName, row.counterLabel, zone.format(row.start), zone.format(row.end), row.status,
                row.channel, zone.format(row.createdAt),
            ] {
                csv.writeField(field)
            }
            csv.writeField(Double(row.start.secondsSince1970 - row.createdAt.secondsSince1970) / 3600, fractionDigits: 1)
            csv.endRow()
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", CSVWriter.mediaType)
        headers.add("Content-Disposition", "attachment; filename=\"bookings-\(dates.lowerBound)-\(dates.upperBound).csv\"")
        return HTTPResponse(status: .ok, headers: headers, body: csv.bytes)
    }
}
