import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// What a tenant's administrators configure: categories (read and replace), zones (GeoJSON
/// polygons stored with PostGIS), routing rules (category × zone → unit), the tenant's settings,
/// GeoReport API keys, and the anonymisation run. Replacing and deleting need `If-Match`.
///
/// Categories and zones are public to read (a citizen's app shows them).
struct AdministrationRoutes: Sendable {
    let components: ComplaintComponents

    /// Tenant administrators (and the platform's, until every tenant has its own).
    static let administrators = ComplaintRoutes.administrators
    /// Those who may read the configuration: administrators and agents.
    static let readers = AccessRule.anyOf([administrators, CaseRoutes.agents])
    /// A zone's body may carry a detailed outline.
    static let zoneBodyLimit = 4 << 20

    func install(on routes: RouteGroup) {
        let anyone = RouteOptions(access: .anyone)
        let administrators = RouteOptions(access: Self.administrators, bodyLimit: 64 << 10)
        routes.get("/v1/:tenant/complaints/categories/:code", options: anyone) { request, context in try await category(request, context) }
        routes.put("/v1/:tenant/complaints/categories/:code", options: administrators) { request, context in
            try await replaceCategory(request, context)
        }
        routes.get("/v1/:tenant/complaints/zones", options: anyone) { request, context in try await zones(request, context) }
        routes.post("/v1/:tenant/complaints/zones", options: RouteOptions(access: Self.administrators, bodyLimit: Self.zoneBodyLimit)) {
            request, context in try await createZone(request, context)
        }
        routes.get("/v1/:tenant/complaints/zones/:code", options: anyone) { request, context in try await zone(request, context) }
        routes.put("/v1/:tenant/complaints/zones/:code", options: RouteOptions(access: Self.administrators, bodyLimit: Self.zoneBodyLimit)) {
            request, context in try await replaceZone(request, context)
        }
        routes.delete("/v1/:tenant/complaints/zones/:code", options: administrators) { request, context in
            try await deleteZone(request, context)
        }
        routes.get("/v1/:tenant/complaints/routing-rules", options: RouteOptions(access: Self.readers)) { request, context in
            try await rules(request, context)
        }
        routes.put("/v1/:tenant/complaints/routing-rules/:category/:zone", options: administrators) { request, context in
            try await putRule(request, context)
        }
        routes.delete("/v1/:tenant/complaints/routing-rules/:category/:zone", options: administrators) { request, context in
            try await deleteRule(request, context)
        }
        routes.get("/v1/:tenant/complaints/settings", options: RouteOptions(access: Self.readers)) { request, context in
            try await settings(request, context)
        }
        routes.put("/v1/:tenant/complaints/settings", options: administrators) { request, context in try await saveSettings(request, context) }
        routes.get("/v1/:tenant/complaints/open311-keys", options: administrators) { request, context in try await keys(request, context) }
        routes.post("/v1/:tenant/complaints/open311-keys", options: administrators) { request, context in try await createKey(request, context) }
        routes.delete("/v1/:tenant/complaints/open311-keys/:id", options: administrators) { request, context in
            try await revokeKey(request, context)
        }
        routes.post("/v1/:tenant/complaints/retention/run", options: administrators) { request, context in
            try await anonymise(request, context)
        }
    }

    // MARK: Categories

    func category(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let (category, version) = try await components.reference.category(try context.parameter("code"), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        var response = try HTTPResponse.json(ComplaintViews.Category(category))
        response.headers.add("ETag", EntityTag.of(version: version))
        return response
    }

    func replaceCategory(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let code = try context.parameter("code")
        let condition = try EntityTag.required(request, language: context.language)
        var body = try context.decode(JSONValue.self, from: request)
        if case .object(var members) = body, members["code"] == nil {
            members["code"] = .string(code)
            body = .object(members)
        }
        let category = try ComplaintCategory(validating: body, language: context.language)
        guard category.code == code else { throw Problem.validation([.notAllowed("/code")], language: context.language) }
        let version = try await StoreRefusals.translating(context.language) { () async throws -> Int in
            guard let current = try await components.reference.category(code, tenant: tenant.id) else { throw ReferenceStore.Refusal.notFound }
            guard condition.matches(current.version) else { throw ReferenceStore.Refusal.versionMismatch }
            return try await components.reference.update(category, ifVersion: current.version, tenant: tenant.id)
        }
        try await components.cache.refresh(tenant: tenant.id)
        var response = try HTTPResponse.json(ComplaintViews.Category(category))
        response.headers.add("ETag", EntityTag.of(version: version))
        return response
    }

    // MARK: Zones

    func zones(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let zones = try await components.reference.zones(tenant: tenant.id)
        return try .json(ZoneListView(zones: zones.map(ZoneListView.Zone.init)))
    }

    func zone(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let (summary, geoJSON) = try await components.reference.zone(try context.parameter("code"), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        var response = HTTPResponse.json(bytes: ZoneListView.feature(summary, geometry: geoJSON), contentType: "application/geo+json")
        response.headers.add("ETag", EntityTag.of(version: summary.version))
        return response
    }

    func createZone(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let zone = try ZoneDefinition(validating: try context.decode(JSONValue.self, from: request), language: context.language)
        let version = try await StoreRefusals.translating(context.language) { try await components.reference.insert(zone, tenant: tenant.id) }
        return try await zoneResponse(zone.code, version: version, status: .created, context: context, tenant: tenant)
    }

    func replaceZone(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let code = try context.parameter("code")
        let condition = try EntityTag.required(request, language: context.language)
        let zone = try ZoneDefinition(validating: try context.decode(JSONValue.self, from: request), code: code, language: context.language)
        let version = try await StoreRefusals.translating(context.language) { () async throws -> Int in
            guard let current = try await components.reference.zone(code, tenant: tenant.id) else { throw ReferenceStore.Refusal.notFound }
            guard condition.matches(current.summary.version) else { throw ReferenceStore.Refusal.versionMismatch }
            return try await components.reference.replace(zone, ifVersion: current.summary.version, tenant: tenant.id)
        }
        return try await zoneResponse(code, version: version, status: .ok, context: context, tenant: tenant)
    }

    private func zoneResponse(
        _ code: String, version: Int, status: HTTPStatus, context: RequestContext, tenant: TenantReference
    ) async throws -> HTTPResponse {
        guard let (summary, geoJSON) = try await components.reference.zone(code, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        var response = HTTPResponse.json(
            bytes: ZoneListView.feature(summary, geometry: geoJSON), status: status, contentType: "application/geo+json")
        response.headers.add("ETag", EntityTag.of(version: version))
        if status == .created { response.headers.add("Location", "/v1/\(tenant.slug)/complaints/zones/\(code)") }
        return response
    }

    func deleteZone(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let code = try context.parameter("code")
        let condition = try EntityTag.required(request, language: context.language)
        try await StoreRefusals.translating(context.language) { () async throws in
            guard let current = try await components.reference.zone(code, tenant: tenant.id) else { throw ReferenceStore.Refusal.notFound }
            guard condition.matches(current.summary.version) else { throw ReferenceStore.Refusal.versionMismatch }
            try await components.reference.deleteZone(code, ifVersion: current.summary.version, tenant: tenant.id)
        }
        return .empty()
    }

    // MARK: Routing rules

    func rules(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let rules = try await components.reference.routingRules(tenant: tenant.id)
        return try .json(
            RoutingRulesView(
                rules: rules.map { .init(category: $0.category, zone: $0.zone, unit: $0.unit.lowercaseString) }))
    }

    func putRule(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let category = try context.parameter("category")
        let zone = try context.parameter("zone")
        var errors: [FieldError] = []
        var unit: UUID?
        if let reader = JSONFieldReader(try context.decode(JSONValue.self, from: request), pointer: "", errors: &errors) {
            reader.rejectUnknownMembers(allowed: ["unit"], errors: &errors)
            if let raw = reader.string("unit", errors: &errors) {
                unit = UUID(uuidString: raw)
                if unit == nil { errors.append(.invalidFormat("/unit")) }
            } else if !reader.has("unit") {
                errors.append(.required("/unit"))
            }
        }
        guard errors.isEmpty, let unit else { throw Problem.validation(errors, language: context.language) }
        let rule = ReferenceStore.RoutingRule(category: category, zone: zone, unit: unit)
        try await StoreRefusals.translating(context.language) { try await components.reference.put(rule, tenant: tenant.id) }
        return try .json(RoutingRulesView.Rule(category: category, zone: zone, unit: unit.lowercaseString))
    }

    func deleteRule(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard try await components.reference.deleteRule(
            category: try context.parameter("category"), zone: try context.parameter("zone"), tenant: tenant.id)
        else {
            throw Problem(.notFound, language: context.language)
        }
        return .empty()
    }

    // MARK: Settings

    func settings(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let data = try await components.cache.refresh(tenant: tenant.id)
        var response = try HTTPResponse.json(data.settings)
        response.headers.add("ETag", EntityTag.of(version: data.settingsVersion))
        return response
    }

    func saveSettings(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let condition = try EntityTag.required(request, language: context.language)
        let settings = try ComplaintSettings(validating: try context.decode(JSONValue.self, from: request), language: context.language)
        let current = try await components.cache.refresh(tenant: tenant.id)
        try EntityTag.check(condition, version: current.settingsVersion, language: context.language)
        let version = try await StoreRefusals.translating(context.language) {
            try await components.reference.save(settings, ifVersion: current.settingsVersion, tenant: tenant.id)
        }
        try await components.cache.refresh(tenant: tenant.id)
        var response = try HTTPResponse.json(settings)
        response.headers.add("ETag", EntityTag.of(version: version))
        return response
    }

    // MARK: GeoReport keys

    func keys(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        let keys = try await components.open311.keys(tenant: tenant.id)
        return try .json(KeysView(keys: keys.map { KeysView.Key($0, secret: nil, instants: instants) }))
    }

    func createKey(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        var errors: [FieldError] = []
        var label: String?
        if let reader = JSONFieldReader(try context.decode(JSONValue.self, from: request), pointer: "", errors: &errors) {
            reader.rejectUnknownMembers(allowed: ["label"], errors: &errors)
            if let raw = reader.string("label", errors: &errors) {
                label = TextRule(minimumLength: 1, maximumLength: 120).clean(raw, field: "/label", errors: &errors)
            } else if !reader.has("label") {
                errors.append(.required("/label"))
            }
        }
        guard errors.isEmpty, let label else { throw Problem.validation(errors, language: context.language) }
        let (key, secret) = try await components.open311.createKey(label: label, createdBy: context.principal.subject, tenant: tenant.id)
        var response = try HTTPResponse.json(
            KeysView.Key(key, secret: secret, instants: Instants(timeZone: components.timeZone(of: tenant))), status: .created)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    func revokeKey(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("id")), try await components.open311.revokeKey(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return .empty()
    }

    // MARK: Retention

    /// The most complaints one run anonymises (a scheduler calls it again while it returns the maximum).
    static let anonymisationBatch = 1000

    func anonymise(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let data = try await components.cache.data(tenant: tenant.id)
        let now = components.clock.now
        let cutoff = data.settings.retentionCutoff(at: now)
        let count = try await components.personalData.anonymise(
            finishedBefore: cutoff, batch: Self.anonymisationBatch, at: now, tenant: tenant.id)
        context.logger.info("complaints anonymised", ["count": .number(Double(count))])
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        return try .json(
            RetentionView(
                anonymised: count, finishedBefore: instants(cutoff), retentionDays: data.settings.retentionDays,
                more: count == Self.anonymisationBatch))
    }
}
