import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// What a citizen does after submitting: with the tracking code (no account needed), add the
/// information an agent asked for, reopen an answered complaint within the tenant's period, rate
/// the answer, attach photos and documents; with an account, list their own requests, read one,
/// and export everything the tenant holds about them.
///
/// Citizens' updates accept `If-Match` (the `ETag` of the tracking view) and refuse a stale one
/// with 412; unlike agents' updates they do not require it (a citizen's app may not keep it).
struct CitizenRoutes: Sendable {
    let components: ComplaintComponents

    /// Body limits: texts only.
    static let textBodyLimit = 32 << 10

    func install(on routes: RouteGroup) {
        let text = RouteOptions(access: .anyone, bodyLimit: Self.textBodyLimit)
        routes.post("/v1/:tenant/complaints/:code/information", options: text) { request, context in
            try await addInformation(request, context)
        }
        routes.post("/v1/:tenant/complaints/:code/reopen", options: text) { request, context in try await reopen(request, context) }
        routes.post("/v1/:tenant/complaints/:code/rating", options: text) { request, context in try await rate(request, context) }
        routes.post(
            "/v1/:tenant/complaints/:code/attachments",
            options: RouteOptions(access: .anyone, bodyLimit: components.configuration.attachments.maximumBytes)
        ) { request, context in
            try await attach(request, context)
        }
        routes.get("/v1/:tenant/complaints/:code/attachments/:attachment", options: RouteOptions(access: .anyone)) { request, context in
            try await attachment(request, context)
        }
        let citizens = RouteOptions(access: .citizens)
        routes.get("/v1/:tenant/complaints/mine", options: citizens) { request, context in try await mine(request, context) }
        routes.get("/v1/:tenant/complaints/mine/export", options: citizens) { request, context in try await export(request, context) }
        routes.get("/v1/:tenant/complaints/mine/:id", options: citizens) { request, context in try await mineOne(request, context) }
    }

    // MARK: Steps with the tracking code

    private func code(_ context: RequestContext) throws(Problem) -> TrackingCode {
        guard let code = TrackingCode(try context.parameter("code")) else { throw Problem(.notFound, language: context.language) }
        return code
    }

    /// Reads `{"<key>": "<text>"}` (and the other allowed members) from the body.
    private func body(_ request: HTTPRequest, _ context: RequestContext, allowed: Set<String>) throws(Problem) -> JSONFieldReader {
        var errors: [FieldError] = []
        let value = try context.decode(JSONValue.self, from: request)
        guard let reader = JSONFieldReader(value, pointer: "", errors: &errors) else { throw Problem.validation(errors, language: context.language) }
        reader.rejectUnknownMembers(allowed: allowed, errors: &errors)
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        return reader
    }

    private func requiredText(_ key: String, in reader: JSONFieldReader, _ context: RequestContext) throws(Problem) -> String {
        var errors: [FieldError] = []
        guard let text = reader.string(key, errors: &errors) else {
            if errors.isEmpty { errors.append(.required(reader.pointer(key))) }
            throw Problem.validation(errors, language: context.language)
        }
        return text
    }

    /// Applies a citizen's step to the complaint with the path's tracking code and answers with
    /// the citizen's view.
    private func citizenStep(
        _ request: HTTPRequest, _ context: RequestContext, event: WorkflowEvent
    ) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let code = try code(context)
        let (rules, data) = try await components.rules(of: tenant)
        let author = CaseStore.Author.citizen(context.principal.kind == .citizen ? context.principal.subject : nil)
        let result = try await StoreRefusals.translating(context.language) {
            try await components.cases.step(
                .trackingCode(code), tenant: tenant, condition: EntityTag.condition(of: request), author: author,
                at: components.clock.now, rules: rules, policy: { data.category($0)?.deadlines ?? .default },
                authorize: { _ in }, event: { _, _ in event })
        }
        context.logger.info("citizen step", ["status": .string(result.workflow.status.rawValue), "notices": .number(Double(result.notices.count))])
        return try await ComplaintRoutes(components: components)
            .citizenResponse(.id(result.before.id), context: context, tenant: tenant)
    }

    func addInformation(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let reader = try body(request, context, allowed: ["text"])
        return try await citizenStep(request, context, event: .addInformation(try requiredText("text", in: reader, context)))
    }

    func reopen(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let reader = try body(request, context, allowed: ["reason"])
        return try await citizenStep(request, context, event: .reopen(reason: try requiredText("reason", in: reader, context)))
    }

    func rate(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let reader = try body(request, context, allowed: ["satisfied", "comment"])
        var errors: [FieldError] = []
        let comment = reader.string("comment", errors: &errors)
        var satisfied: Bool?
        switch reader.members["satisfied"] {
        case .bool(let value)?: satisfied = value
        case nil, .null?: errors.append(.required("/satisfied"))
        default: errors.append(.invalidType("/satisfied", expected: .boolean))
        }
        guard errors.isEmpty, let satisfied else { throw Problem.validation(errors, language: context.language) }
        return try await citizenStep(request, context, event: .rate(satisfied: satisfied, comment: comment))
    }

    // MARK: Attachments

    func attach(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let code = try code(context)
        let type: AttachmentType
        do {
            type = try components.configuration.attachments.check(request.body, declaredType: request.headers["content-type"])
        } catch {
            throw Self.problem(for: error, policy: components.configuration.attachments, language: context.language)
        }
        let author = CaseStore.Author.citizen(context.principal.kind == .citizen ? context.principal.subject : nil)
        let (metadata, row) = try await StoreRefusals.translating(context.language) {
            try await components.attachments.add(
                request.body, type: type, to: .trackingCode(code), uploadedBy: author,
                maximumCount: components.configuration.attachments.maximumCount, at: components.clock.now, tenant: tenant.id,
                authorize: { _ in })
        }
        let base = "/v1/\(tenant.slug)/complaints/\(row.trackingCode.displayed)"
        let view = CitizenView.Attachment(metadata, base: base, instants: Instants(timeZone: components.timeZone(of: tenant)))
        var response = try HTTPResponse.json(view, status: .created)
        response.headers.add("Location", view.href)
        return response
    }

    /// The problem for a file the policy refuses.
    static func problem(for refusal: AttachmentPolicy.Refusal, policy: AttachmentPolicy, language: Language) -> Problem {
        switch refusal {
        case .empty:
            return Problem.validation([.required("/")], language: language)
        case .tooLarge:
            return Problem(.payloadTooLarge, language: language).withExtension("maximum_bytes", .number(Double(policy.maximumBytes)))
        case .unsupportedType:
            return Problem(.unsupportedAttachment, language: language)
                .withExtension("accepted", .array(AttachmentType.allCases.map { .string($0.mediaType) }))
        case .mismatchedType(let declared, let actual):
            return Problem(.unsupportedAttachment, language: language)
                .withDetail(
                    LocalizedText(
                        fr: "Le type déclaré (\(declared)) ne correspond pas au contenu du fichier (\(actual.mediaType)).",
                        ar: "النوع المعلن (\(declared)) لا يطابق محتوى الملف (\(actual.mediaType)).",
                        en: "The declared type (\(declared)) does not match the file's content (\(actual.mediaType))."))
        }
    }

    func attachment(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let code = try code(context)
        guard let attachment = UUID(uuidString: try context.parameter("attachment")),
            let row = try await components.cases.row(.trackingCode(code), tenant: tenant.id),
            let (metadata, bytes) = try await components.attachments.content(of: attachment, complaint: row.id, tenant: tenant.id)
        else {
            throw Problem(.notFound, language: context.language)
        }
        return Self.fileResponse(metadata, bytes: bytes)
    }

    /// A stored file as served: its sniffed type, never interpreted by the browser as anything else.
    static func fileResponse(_ metadata: AttachmentStore.Metadata, bytes: [UInt8]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", metadata.mediaType)
        headers.add("X-Content-Type-Options", "nosniff")
        headers.add("Content-Disposition", "attachment; filename=\"\(metadata.id.lowercaseString).\(AttachmentType(rawValue: metadata.mediaType)?.fileExtension ?? "bin")\"")
        headers.add("ETag", "\"\(metadata.digest)\"")
        headers.add("Cache-Control", "private, max-age=86400, immutable")
        return HTTPResponse(status: .ok, headers: headers, body: bytes)
    }

    // MARK: A citizen's account

    func mine(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let query = request.query
        var errors: [FieldError] = []
        var cursor: CaseCursor?
        if let text = query["cursor"] {
            cursor = CaseCursor(encoded: text)
            if cursor == nil { errors.append(.invalidFormat("cursor")) }
        }
        var limit = 20
        if let text = query["limit"] {
            if let value = Int(text), (1...100).contains(value) { limit = value } else { errors.append(.outOfRange("limit", minimum: 1, maximum: 100)) }
        }
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let (rows, next) = try await components.personalData.requests(
            of: context.principal.subject, cursor: cursor, limit: limit, tenant: tenant.id)
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        let data = try await components.cache.data(tenant: tenant.id)
        return try .json(
            MineView(
                items: rows.map { row in
                    MineView.Item(
                        id: row.id.lowercaseString, trackingCode: row.trackingCode.displayed, status: row.status.rawValue,
                        statusName: row.status.displayName.text(in: context.language), kind: row.kind,
                        category: .init(
                            code: row.category,
                            name: ComplaintViews.Names(data.category(row.category)?.name ?? LocalizedText(fr: row.category))),
                        subject: row.subject, createdAt: instants(row.createdAt), updatedAt: instants(row.updatedAt),
                        answerDue: row.status.awaitsAnswer ? instants(row.answerDue) : nil, awaitingInformation: row.awaitingInformation,
                        links: .init(self: "/v1/\(tenant.slug)/complaints/mine/\(row.id.lowercaseString)"))
                },
                nextCursor: next?.encoded))
    }

    func mineOne(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        // Another citizen's request is not found: its existence is not revealed.
        guard let id = UUID(uuidString: try context.parameter("id")),
            let tracking = try await components.complaints.tracking(.id(id), tenant: tenant.id),
            tracking.row.citizenSubject == context.principal.subject
        else {
            throw Problem(.notFound, language: context.language)
        }
        return try await ComplaintRoutes.citizenResponse(tracking, components: components, context: context, tenant: tenant)
    }

    /// The most complaints one export holds.
    static let exportLimit = 1000

    func export(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let exports = try await components.personalData.export(of: context.principal.subject, limit: Self.exportLimit, tenant: tenant.id)
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        var response = try HTTPResponse.json(
            PersonalDataView(
                subject: context.principal.subject, tenant: tenant.slug, exportedAt: instants(components.clock.now),
                complaints: exports.map { PersonalDataView.Complaint($0, tenant: tenant, instants: instants) }))
        response.headers.add("Content-Disposition", "attachment; filename=\"guichet-\(tenant.slug)-complaints.json\"")
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
