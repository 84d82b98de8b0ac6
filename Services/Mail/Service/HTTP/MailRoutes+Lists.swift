import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

extension MailRoutes {
    func installLists(on routes: RouteGroup) {
        routes.get("/v1/:tenant/mail/baskets/:basket", options: RouteOptions(access: MailAccess.anyMailRole)) { request, context in
            try await basket(request, context)
        }
        routes.get("/v1/:tenant/mail/search", options: RouteOptions(access: MailAccess.anyMailRole)) { request, context in
            try await search(request, context)
        }
        routes.get("/v1/:tenant/mail/alerts", options: RouteOptions(access: MailAccess.anyMailRole)) { request, context in
            try await alerts(request, context)
        }
        routes.get("/v1/:tenant/mail/registry", options: RouteOptions(access: MailAccess.registrarsAndSupervisors)) { request, context in
            try await registry(request, context)
        }
        routes.get("/v1/:tenant/mail/registry.csv", options: RouteOptions(access: MailAccess.registrarsAndSupervisors)) {
            request, context in try await registryCSV(request, context)
        }
    }

    /// The filters of a list query (`direction`, `status`, `priority`, `year`).
    func filters(_ request: HTTPRequest, _ context: RequestContext) throws(Problem) -> ItemFilters {
        let query = request.query
        var errors: [FieldError] = []
        var filters = ItemFilters()
        if let text = query["direction"] {
            filters.direction = MailDirection.parse(text, at: "/direction", errors: &errors)
        }
        if let text = query["status"] {
            filters.status = ProcessingStatus.parse(text, at: "/status", errors: &errors)
        }
        if let text = query["priority"] {
            filters.priority = MailPriority.parse(text, at: "/priority", errors: &errors)
        }
        if let text = query["year"] {
            if let year = Int(text), RegistryNumberFormat.years.contains(year) { filters.year = year } else {
                errors.append(.outOfRange("/year", minimum: 1000, maximum: 9999))
            }
        }
        if !errors.isEmpty { throw Problem.validation(errors, language: context.language) }
        return filters
    }

    func cursor(_ request: HTTPRequest, _ context: RequestContext) throws(Problem) -> ItemCursor? {
        guard let text = request.query["cursor"] else { return nil }
        guard let cursor = ItemCursor(text) else { throw Problem.validation([.invalidFormat("/cursor")], language: context.language) }
        return cursor
    }

    func basket(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        guard let basket = Basket(rawValue: try context.parameter("basket")) else { throw Problem(.notFound, language: context.language) }
        let tenant = try await tenant(context)
        let principal = context.principal
        var units = principal.units.sorted { $0.uuidString < $1.uuidString }
        if let text = request.query["unit"] {
            guard let unit = BodyReader.uuid(text.lowercased()), principal.units.contains(unit) else {
                throw Problem.validation([.unknownValue("/unit")], language: context.language)
            }
            units = [unit]
        }
        if basket == .toRoute, !principal.has(role: MailAccess.registrar), !principal.has(role: MailAccess.supervisor) {
            throw Problem(.forbidden, language: context.language)
        }
        let limit = try limit(request, context)
        let items = try await store.basket(
            basket, units: units, today: tenant.localDay(of: clock.now), filters: try filters(request, context),
            after: try cursor(request, context), limit: limit, viewer: ConfidentialAccess.Viewer(principal), tenant: tenant.id)
        let next = items.count == limit ? items.last.map { ItemCursor(after: $0).text } : nil
        return MailViews.response(MailViews.page(items.map { MailViews.summary($0, zone: tenant.timeZone) }, next: next))
    }

    func search(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        guard let text = request.query["q"], !text.isBlank else {
            throw Problem.validation([.required("/q")], language: context.language)
        }
        let query = SearchQuery(text, format: tenant.format)
        let limit = try limit(request, context)
        let principal = context.principal
        // Processors find only what reaches them (the mail office and supervisors read everything).
        let reachingOnly = !principal.has(role: MailAccess.registrar) && !principal.has(role: MailAccess.supervisor)
        let items = try await store.search(
            query, filters: try filters(request, context), after: try cursor(request, context), limit: limit,
            reachingOnly: reachingOnly, viewer: ConfidentialAccess.Viewer(principal), tenant: tenant.id)
        let next = items.count == limit ? items.last.map { ItemCursor(after: $0).text } : nil
        return MailViews.response(MailViews.page(items.map { MailViews.summary($0, zone: tenant.timeZone) }, next: next))
    }

    func alerts(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let limit = try limit(request, context)
        var cursor: (createdAt: Date, itemID: UUID, kind: String)?
        if let text = request.query["cursor"] {
            let decoded = text.utf8.count <= 200 ? Base64URL.decode(text).map { String(decoding: $0, as: UTF8.self) } : nil
            let parts = decoded?.split(separator: " ") ?? []
            guard parts.count == 3, let micros = Int64(parts[0]), let id = BodyReader.uuid(String(parts[1])) else {
                throw Problem.validation([.invalidFormat("/cursor")], language: context.language)
            }
            cursor = (Date(microsecondsSince1970: micros), id, String(parts[2]))
        }
        let principal = context.principal
        let alerts = try await store.alerts(
            units: principal.units.sorted { $0.uuidString < $1.uuidString }, includeUnrouted: principal.has(role: MailAccess.registrar),
            after: cursor, limit: limit, viewer: ConfidentialAccess.Viewer(principal), tenant: tenant.id)
        let next = alerts.count == limit ? alerts.last.map { alert in
            Base64URL.encode(Array("\(alert.createdAt.microsecondsSince1970) \(alert.itemID.lowercaseString) \(alert.kind)".utf8))
        } : nil
        return MailViews.response(MailViews.page(alerts.map { MailViews.alert($0, zone: tenant.timeZone) }, next: next))
    }

    // MARK: The registry

    /// `year` (default: this year in the tenant's time zone) and `direction` (default: all).
    func registryScope(_ request: HTTPRequest, _ context: RequestContext, _ tenant: MailTenant) throws(Problem) -> (Int, MailDirection?) {
        let filters = try filters(request, context)
        return (filters.year ?? tenant.registryYear(of: clock.now), filters.direction)
    }

    /// `<rank>.<sequence>`, base64url.
    static func registryCursor(_ line: RegistryLine) -> String {
        let rank = MailDirection.allCases.firstIndex(of: line.direction) ?? 0
        return Base64URL.encode(Array("\(rank).\(line.sequence)".utf8))
    }

    func registry(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let (year, direction) = try registryScope(request, context, tenant)
        var cursor: (rank: Int, sequence: Int)?
        if let text = request.query["cursor"] {
            let decoded = text.utf8.count <= 64 ? Base64URL.decode(text).map { String(decoding: $0, as: UTF8.self) } : nil
            let parts = decoded?.split(separator: ".") ?? []
            guard parts.count == 2, let rank = Int(parts[0]), let sequence = Int(parts[1]) else {
                throw Problem.validation([.invalidFormat("/cursor")], language: context.language)
            }
            cursor = (rank, sequence)
        }
        let limit = try limit(request, context)
        let lines = try await store.registry(
            year: year, direction: direction, after: cursor, limit: limit, viewer: ConfidentialAccess.Viewer(context.principal),
            tenant: tenant.id)
        let next = lines.count == limit ? lines.last.map(Self.registryCursor) : nil
        var page = MailViews.page(lines.map { MailViews.registryLine($0, zone: tenant.timeZone) }, next: next).objectValue ?? [:]
        page["year"] = .number(Double(year))
        page["direction"] = direction.map { .string($0.rawValue) } ?? .null
        return MailViews.response(.object(page))
    }

    /// The same register as CSV (Core's `CSVWriter`: BOM, formulas neutralised), every page of it;
    /// the export is recorded in the audit chain.
    func registryCSV(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let (year, direction) = try registryScope(request, context, tenant)
        let viewer = ConfidentialAccess.Viewer(context.principal)
        var csv = CSVWriter()
        csv.writeRow([
            "registry_number", "direction", "registered_at", "received_at", "sent_at", "correspondent", "subject", "document_type",
            "medium", "priority", "confidentiality", "reference", "status", "cancelled", "cancellation_reason", "amendments",
        ])
        let zone = tenant.timeZone
        func time(_ date: Date?) -> String { date.map { RFC3339.format($0, in: zone) } ?? "" }
        var cursor: (rank: Int, sequence: Int)?
        var count = 0
        while true {
            let lines = try await store.registry(year: year, direction: direction, after: cursor, limit: 1000, viewer: viewer, tenant: tenant.id)
            for line in lines {
                csv.writeRow([
                    line.registryNumber, line.direction.rawValue, time(line.registeredAt), time(line.receivedAt), time(line.sentAt),
                    line.correspondentName ?? "", line.subject, line.documentType, line.medium, line.priority, line.confidentiality,
                    line.reference ?? "", line.status, line.cancelledAt == nil ? "no" : "yes", line.cancellationReason ?? "",
                    String(line.amendments),
                ])
            }
            count += lines.count
            guard lines.count == 1000, let last = lines.last else { break }
            cursor = (MailDirection.allCases.firstIndex(of: last.direction) ?? 0, last.sequence)
        }
        try await audit.append(
            [.init(.export, item: nil, payload: [
                "kind": "registry_csv", "year": .number(Double(year)), "direction": direction.map { .string($0.rawValue) } ?? .null,
                "entries": .number(Double(count)),
            ])],
            tenant: tenant.id, at: clock.now, actor: context.principal.subject)
        var headers = HTTPHeaders()
        headers.add("Content-Type", CSVWriter.mediaType)
        let name = "registry-\(year)\(direction.map { "-" + $0.rawValue } ?? "").csv"
        headers.add("Content-Disposition", "attachment; filename=\"\(name)\"")
        return HTTPResponse(status: .ok, headers: headers, body: csv.bytes)
    }
}
