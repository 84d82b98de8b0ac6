import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// Statistics of a tenant's complaints (see ``ComplaintStatistics`` and ``StatisticsStore`` for
/// the definitions), in JSON or CSV: for supervisors and administrators (optionally for one
/// unit), and as public open data.
///
/// Query: `by` (`month`, `category` or `zone`; default `month`), `from` and `to` (days
/// `YYYY-MM-DD` in the tenant's zone, `to` included), `format` (`json` or `csv`; or an `Accept:
/// text/csv`), `unit` (the private statistics only).
struct StatisticsRoutes: Sendable {
    let components: ComplaintComponents

    static let readers = AccessRule.anyOf([ComplaintRoutes.administrators, CaseRoutes.supervisors])

    func install(on routes: RouteGroup) {
        routes.get("/v1/:tenant/complaints/statistics", options: RouteOptions(access: Self.readers)) { request, context in
            try await statistics(request, context, allowsUnit: true)
        }
        routes.get("/v1/:tenant/complaints/open-data/statistics", options: RouteOptions(access: .anyone)) { request, context in
            try await statistics(request, context, allowsUnit: false)
        }
    }

    func statistics(_ request: HTTPRequest, _ context: RequestContext, allowsUnit: Bool) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let query = request.query
        let timeZone = components.timeZone(of: tenant)
        var errors: [FieldError] = []
        let dimension = ComplaintStatistics.Dimension.parse(query["by"] ?? "month", at: "by", errors: &errors)
        var scope = StatisticsStore.Scope()
        if let text = query["from"] {
            if let day = LocalDate(text) { scope.from = day.startOfDay(in: timeZone) } else { errors.append(.invalidFormat("from")) }
        }
        if let text = query["to"] {
            if let day = LocalDate(text) { scope.until = day.startOfNextDay(in: timeZone) } else { errors.append(.invalidFormat("to")) }
        }
        if let from = scope.from, let until = scope.until, until <= from { errors.append(.outOfRange("to", minimum: 0, maximum: 0)) }
        if let text = query["unit"] {
            if !allowsUnit {
                errors.append(.notAllowed("unit"))
            } else if let unit = UUID(uuidString: text) {
                scope.unit = unit
            } else {
                errors.append(.invalidFormat("unit"))
            }
        }
        let wantsCSV: Bool
        switch query["format"] {
        case "csv"?: wantsCSV = true
        case "json"?: wantsCSV = false
        case nil: wantsCSV = (request.headers["accept"] ?? "").contains("text/csv")
        default:
            errors.append(.unknownValue("format", allowed: ["json", "csv"]))
            wantsCSV = false
        }
        guard errors.isEmpty, let dimension else { throw Problem.validation(errors, language: context.language) }
        let now = components.clock.now
        let rows = try await components.statistics.rows(scope, tenant: tenant.id)
        let statistics = ComplaintStatistics(rows: rows, by: dimension, timeZone: timeZone, asOf: now)
        if wantsCSV {
            let labels = try await components.statistics.labels(for: dimension, language: context.language, tenant: tenant.id)
            var response = HTTPResponse(status: .ok, body: statistics.csv(language: context.language, labels: labels))
            response.headers.add("Content-Type", CSVWriter.mediaType)
            response.headers.add("Content-Disposition", "attachment; filename=\"\(tenant.slug)-complaints-by-\(dimension.rawValue).csv\"")
            response.headers.add("Content-Language", context.language.rawValue)
            return response
        }
        return .json(bytes: statistics.encodedJSON)
    }
}
