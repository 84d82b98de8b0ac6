import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// The agents' side: lists with filters and keyset pages, the map, deadline alerts, a complaint
/// whole, its workflow steps (`If-Match` required), internal notes, the audited read of contact
/// data, attachments; and the audit of contact reads for tenant administrators.
///
/// Scope (see ``AgentScope``): handlers act on the complaints of their units, supervisors on the
/// whole tenant (triage queue included); a complaint outside the scope is a 403.
struct CaseRoutes: Sendable {
    let components: ComplaintComponents

    /// Handlers and supervisors.
    static let agents = AccessRule.agents(withAnyRoleOf: [Roles.complaintsHandler, Roles.complaintsSupervisor])
    /// Supervisors only.
    static let supervisors = AccessRule.agents(withAnyRoleOf: [Roles.complaintsSupervisor])
    /// The most map cells (or points past the clustering zoom) one answer holds.
    static let mapLimit = 5000
    /// The most alerts one answer holds.
    static let alertLimit = 500

    func install(on routes: RouteGroup) {
        let agents = RouteOptions(access: Self.agents)
        routes.get("/v1/:tenant/complaints/cases", options: agents) { request, context in try await list(request, context) }
        routes.get("/v1/:tenant/complaints/map", options: agents) { request, context in try await map(request, context) }
        routes.get("/v1/:tenant/complaints/alerts", options: agents) { request, context in try await alerts(request, context) }
        routes.get("/v1/:tenant/complaints/cases/:id", options: agents) { request, context in try await show(request, context) }
        routes.post("/v1/:tenant/complaints/cases/:id/events", options: RouteOptions(access: Self.agents, bodyLimit: 32 << 10)) {
            request, context in try await act(request, context)
        }
        routes.post("/v1/:tenant/complaints/cases/:id/notes", options: RouteOptions(access: Self.agents, bodyLimit: 32 << 10)) {
            request, context in try await note(request, context)
        }
        routes.get("/v1/:tenant/complaints/cases/:id/contact", options: agents) { request, context in try await contact(request, context) }
        routes.get("/v1/:tenant/complaints/cases/:id/attachments/:attachment", options: agents) { request, context in
            try await attachment(request, context)
        }
        routes.get(
            "/v1/:tenant/complaints/contact-reads",
            options: RouteOptions(access: .anyOf([.tenantAdministrators, Self.supervisors]))
        ) { request, context in
            try await contactReads(request, context)
        }
    }

    private func id(_ context: RequestContext) throws(Problem) -> UUID {
        guard let id = UUID(uuidString: try context.parameter("id")) else { throw Problem(.notFound, language: context.language) }
        return id
    }

    /// The complaint, when the agent's scope covers it (404 when it does not exist, 403 outside).
    private func scopedRow(_ context: RequestContext, tenant: TenantReference) async throws -> CaseRow {
        guard let row = try await components.cases.row(.id(try id(context)), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        try Self.authorize(row, scope: AgentScope(context.principal), language: context.language)
        return row
    }

    static func authorize(_ row: CaseRow, scope: AgentScope, language: Language) throws(Problem) {
        guard scope.covers(unit: row.assignedUnit) else { throw Problem(.outsideAgentUnits, language: language) }
    }

    // MARK: Lists

    func list(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let query = try CaseListQuery(parsing: request.query.items.map { ($0.name, $0.value) }, language: context.language)
        let now = components.clock.now
        let (items, next) = try await components.lists.list(query, scope: AgentScope(context.principal), at: now, tenant: tenant.id)
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        return try .json(
            CaseListView(items: items.map { .init($0, now: now, tenant: tenant, instants: instants) }, nextCursor: next?.encoded))
    }

    func alerts(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let now = components.clock.now
        let items = try await components.lists.alerts(scope: AgentScope(context.principal), at: now, limit: Self.alertLimit, tenant: tenant.id)
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        return try .json(CaseListView(items: items.map { .init($0, now: now, tenant: tenant, instants: instants) }, nextCursor: nil))
    }

    func map(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let query = try MapQuery(parsing: request.query.items.map { ($0.name, $0.value) }, language: context.language)
        let cells = try await components.lists.map(
            query, scope: AgentScope(context.principal), clusterer: components.configuration.clusterer, limit: Self.mapLimit, tenant: tenant.id)
        let base = "/v1/\(tenant.slug)/complaints/cases/"
        let collection = GeoJSONFeatureCollection(
            features: cells.map { cell in
                if let id = cell.id {
                    return GeoJSONFeature(
                        id: id.lowercaseString, geometry: .point(cell.center),
                        properties: [
                            "cluster": false, "status": .string(cell.status ?? ""), "category": .string(cell.category ?? ""),
                            "href": .string(base + id.lowercaseString),
                        ])
                }
                return GeoJSONFeature(
                    geometry: .point(cell.center), properties: ["cluster": true, "count": .number(Double(cell.count))], boundingBox: cell.box)
            })
        return .json(bytes: collection.encodedJSON, contentType: GeoJSONFeatureCollection.mediaType)
    }

    // MARK: One complaint

    func show(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let row = try await scopedRow(context, tenant: tenant)
        return try await detail(row, context: context, tenant: tenant)
    }

    /// The agent's view of `row`, with its `ETag`.
    private func detail(_ row: CaseRow, context: RequestContext, tenant: TenantReference) async throws -> HTTPResponse {
        let (rules, data) = try await components.rules(of: tenant)
        let finder = data.settings.duplicateFinder
        let (timeline, attachments, candidates) = try await components.cases.surroundings(
            of: row, radius: finder.configuration.radius, tenant: tenant.id)
        let duplicates = row.location.map { finder.matches(near: $0, category: row.category, excluding: row.id, among: candidates) } ?? []
        var response = try HTTPResponse.json(
            CaseView(
                row, timeline: timeline, attachments: attachments, duplicates: duplicates, rules: rules,
                now: components.clock.now, tenant: tenant, instants: Instants(timeZone: components.timeZone(of: tenant))))
        response.headers.add("ETag", row.entityTag)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    func act(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let id = try id(context)
        let condition = try EntityTag.required(request, language: context.language)
        let action = try AgentAction(validating: try context.decode(JSONValue.self, from: request), language: context.language)
        let scope = AgentScope(context.principal)
        let language = context.language
        if case .merge = action, !scope.mayMerge { throw Problem(.forbidden, language: language) }
        if case .reject(_, let redirect?) = action, ComplaintWorkflow.isTenantSlug(redirect) {
            guard let competent = try await components.tenants.tenant(slug: redirect), competent.status == .active, competent.id != tenant.id else {
                throw Problem.validation([.unknownTenant("/redirect_to")], language: language)
            }
        }
        var mergeInto: UUID?
        if case .merge(let target) = action { mergeInto = target }
        let (rules, data) = try await components.rules(of: tenant)
        let result = try await StoreRefusals.translating(language) {
            try await components.cases.step(
                .id(id), tenant: tenant, condition: condition, author: .agent(context.principal.subject), at: components.clock.now,
                rules: rules, policy: { data.category($0)?.deadlines ?? .default }, mergeInto: mergeInto,
                authorize: { row in try Self.authorize(row, scope: scope, language: language) },
                event: { _, target in
                    guard let event = action.event(mergeTarget: target) else { throw CaseStore.Refusal.mergeTargetNotFound }
                    return event
                })
        }
        context.logger.info(
            "complaint step",
            ["action": .string(action.type), "status": .string(result.workflow.status.rawValue), "notices": .number(Double(result.notices.count))])
        // The agent keeps seeing the complaint even when the step handed it to another unit.
        guard let row = try await components.cases.row(.id(id), tenant: tenant.id) else { throw Problem(.notFound, language: language) }
        return try await detail(row, context: context, tenant: tenant)
    }

    func note(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let row = try await scopedRow(context, tenant: tenant)
        var errors: [FieldError] = []
        let body = try context.decode(JSONValue.self, from: request)
        var text: String?
        if let reader = JSONFieldReader(body, pointer: "", errors: &errors) {
            reader.rejectUnknownMembers(allowed: ["text"], errors: &errors)
            if let raw = reader.string("text", errors: &errors) {
                text = TextRule(minimumLength: 1, maximumLength: 10_000, allowsLineBreaks: true).clean(raw, field: "/text", errors: &errors)
            } else if !reader.has("text") {
                errors.append(.required("/text"))
            }
        }
        guard errors.isEmpty, let text else { throw Problem.validation(errors, language: context.language) }
        let now = components.clock.now
        let id = try await components.cases.addNote(text, to: row.id, author: context.principal.subject, at: now, tenant: tenant.id)
        return try .json(
            NoteView(id: id.lowercaseString, text: text, author: context.principal.subject, at: Instants(timeZone: components.timeZone(of: tenant))(now)),
            status: .created)
    }

    func contact(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let row = try await scopedRow(context, tenant: tenant)
        let purpose = request.query["purpose"].map { String($0.prefix(200)) } ?? "handling"
        guard let contact = try await components.cases.readContact(
            of: row.id, reader: context.principal.subject, readerKind: context.principal.kind.rawValue, purpose: purpose,
            requestID: context.requestID, tenant: tenant.id)
        else {
            throw Problem(.notFound, language: context.language)
        }
        var response = try HTTPResponse.json(
            PersonalDataView.Contact(name: contact.name, email: contact.email?.value, phone: contact.phone?.e164))
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    func attachment(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let row = try await scopedRow(context, tenant: tenant)
        guard let attachment = UUID(uuidString: try context.parameter("attachment")),
            let (metadata, bytes) = try await components.attachments.content(of: attachment, complaint: row.id, tenant: tenant.id)
        else {
            throw Problem(.notFound, language: context.language)
        }
        return CitizenRoutes.fileResponse(metadata, bytes: bytes)
    }

    func contactReads(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        var complaint: UUID?
        if let text = request.query["complaint"] {
            guard let id = UUID(uuidString: text) else { throw Problem.validation([.invalidFormat("complaint")], language: context.language) }
            complaint = id
        }
        let reads = try await components.cases.contactReads(of: complaint, limit: 500, tenant: tenant.id)
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        return try .json(
            ContactReadsView(
                items: reads.map {
                    .init(
                        id: $0.id.lowercaseString, complaint: $0.complaint.lowercaseString, reader: $0.reader, readerKind: $0.readerKind,
                        purpose: $0.purpose, requestId: $0.requestID, readAt: instants($0.readAt))
                }))
    }
}

/// An internal note as created.
struct NoteView: Encodable {
    let id: String
    let text: String
    let author: String
    let at: String
}

/// The audit of contact reads, newest first.
struct ContactReadsView: Encodable {
    let items: [Item]

    struct Item: Encodable {
        let id: String
        let complaint: String
        let reader: String
        let readerKind: String
        let purpose: String
        let requestId: String?
        let readAt: String
    }
}
