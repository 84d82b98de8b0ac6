import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), JSON format, one endpoint for every
/// tenant: `jurisdiction_id` is the tenant's slug (required: the endpoint serves several
/// jurisdictions; missing 400, unknown 404).
///
/// | path | what |
/// |---|---|
/// | `GET /open311/v2/discovery.json` | the discovery document |
/// | `GET /open311/v2/services.json` | the tenant's categories as services |
/// | `GET /open311/v2/services/{code}.json` | a category's extra fields as attributes (unknown 404) |
/// | `GET /open311/v2/requests.json` | requests, with GeoReport's filters (span over 90 days: 400) |
/// | `POST /open311/v2/requests.json` | a new request; `api_key` required (missing or invalid: 403) |
/// | `GET /open311/v2/requests/{id}.json` | one request |
/// | `GET /open311/v2/tokens/{token}.json` | the request of a token (a request's token is its id) |
///
/// Errors are GeoReport's error arrays (`[{"code": 400, "description": "…"}]`) with the HTTP
/// status as code. `api_key` is one of the tenant's keys (``Open311Store``; made by its
/// administrators) until the identity service's service clients carry them.
struct Open311Routes: Sendable {
    let components: ComplaintComponents

    /// When the API's shape last changed (discovery's changeset).
    static let changeset = RFC3339.parse("2026-12-01T00:00:00Z")!
    /// A POST's form is small.
    static let postBodyLimit = 64 << 10

    func install(on routes: RouteGroup) {
        let anyone = RouteOptions(access: .anyone)
        routes.get("/open311/v2/discovery.json", options: anyone) { request, context in
            try await answer(context) { try discovery() }
        }
        routes.get("/open311/v2/services.json", options: anyone) { request, context in
            try await answer(context) { try await services(request, context) }
        }
        routes.get("/open311/v2/services/:code", options: anyone) { request, context in
            try await answer(context) { try await service(request, context) }
        }
        routes.get("/open311/v2/requests.json", options: anyone) { request, context in
            try await answer(context) { try await requests(request, context) }
        }
        routes.post("/open311/v2/requests.json", options: RouteOptions(access: .anyone, bodyLimit: Self.postBodyLimit)) { request, context in
            try await answer(context) { try await create(request, context) }
        }
        routes.get("/open311/v2/requests/:id", options: anyone) { request, context in
            try await answer(context) { try await one(request, context) }
        }
        routes.get("/open311/v2/tokens/:token", options: anyone) { request, context in
            try await answer(context) { try await token(request, context) }
        }
    }

    /// Runs `body`, answering failures with GeoReport's error array.
    private func answer(_ context: RequestContext, _ body: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        do {
            return try await body()
        } catch let failure as Open311Failure {
            return Self.response(failure)
        } catch let problem as Problem {
            return Self.response(Open311Failure(problem))
        }
    }

    static func response(_ failure: Open311Failure) -> HTTPResponse {
        HTTPResponse.json(bytes: failure.encodedJSON, status: HTTPStatus(code: failure.status), contentType: Open311.jsonMediaType)
    }

    static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse.json(bytes: bytes, status: status, contentType: Open311.jsonMediaType)
    }

    /// The query's parameters, and for a form POST the body's too.
    private func parameters(_ request: HTTPRequest) throws(Open311Failure) -> Open311Parameters {
        var pairs: [(name: String, value: String)] = []
        if let raw = request.head.query {
            guard let query = try? URLQuery(parsing: raw) else { throw Open311Failure(status: 400, description: "The query string is malformed") }
            pairs += query.items.map { ($0.name, $0.value) }
        }
        if request.method == .post && !request.body.isEmpty {
            let type = (request.headers["content-type"] ?? "").lowercased()
            guard type.hasPrefix("application/x-www-form-urlencoded") else {
                throw Open311Failure(status: 400, description: "The request must be sent as application/x-www-form-urlencoded")
            }
            guard let form = try? URLQuery(decodingForm: request.body) else { throw Open311Failure(status: 400, description: "The form is malformed") }
            pairs += form.items.map { ($0.name, $0.value) }
        }
        return Open311Parameters(pairs)
    }

    /// The tenant `jurisdiction_id` names: missing 400, unknown or inactive 404.
    private func jurisdiction(_ parameters: Open311Parameters) async throws -> TenantReference {
        var errors: [Open311Error] = []
        guard let slug = parameters.single("jurisdiction_id", errors: &errors) else {
            if !errors.isEmpty { throw Open311Failure(status: 400, errors: errors) }
            throw Open311Failure(status: 400, description: "jurisdiction_id was not provided")
        }
        guard let tenant = try await components.jurisdictions.tenant(slug: slug) else {
            throw Open311Failure(status: 404, description: "jurisdiction_id \(slug.prefix(64)) was not found")
        }
        return tenant
    }

    /// The resource name of a `{name}.json` path segment; another format is a 400.
    private func resource(_ segment: String, what: String) throws(Open311Failure) -> String {
        guard segment.hasSuffix(".json"), segment.count > 5 else {
            throw Open311Failure(status: 400, description: "Only the JSON format is served: ask for \(what).json")
        }
        return String(segment.dropLast(5))
    }

    // MARK: Discovery and services

    func discovery() throws -> HTTPResponse {
        let configuration = components.configuration
        let document = Open311Discovery(
            changeset: Self.changeset, contact: configuration.open311Contact,
            keyService: "Ask the administrators of the jurisdiction (tenant) for a key: POST /v1/{jurisdiction_id}/complaints/open311-keys",
            endpoints: [Open311Discovery.Endpoint(url: configuration.open311URL, changeset: Self.changeset)])
        return Self.json(document.encodedJSON)
    }

    func services(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await jurisdiction(try parameters(request))
        let data = try await components.cache.data(tenant: tenant.id)
        let services = data.categories.values.sorted { $0.code < $1.code }.map { $0.open311Service(language: context.language) }
        return Self.json(Open311Service.encodedList(services))
    }

    func service(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let code = try resource(try context.parameter("code"), what: "services/{service_code}")
        let tenant = try await jurisdiction(try parameters(request))
        guard let category = try await category(code, tenant: tenant) else {
            throw Open311Failure(status: 404, description: "service_code \(code.prefix(64)) was not found")
        }
        return Self.json(category.open311Definition(language: context.language).encodedJSON)
    }

    /// The tenant's category `code` (read again once when the cache does not know it yet).
    private func category(_ code: String, tenant: TenantReference) async throws -> ComplaintCategory? {
        if let category = try await components.cache.data(tenant: tenant.id).category(code) { return category }
        return try await components.cache.refresh(tenant: tenant.id).category(code)
    }

    // MARK: Requests

    func requests(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let parameters = try parameters(request)
        let tenant = try await jurisdiction(parameters)
        let query = try Open311RequestQuery(parameters, now: components.clock.now)
        let requests = try await components.open311.requests(query, language: context.language, tenant: tenant.id)
        return Self.json(Open311ServiceRequest.encodedList(requests, timeZone: components.timeZone(of: tenant)))
    }

    func one(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let id = try resource(try context.parameter("id"), what: "requests/{service_request_id}")
        let tenant = try await jurisdiction(try parameters(request))
        guard let uuid = UUID(uuidString: id), let found = try await components.open311.request(uuid, language: context.language, tenant: tenant.id)
        else {
            throw Open311Failure(status: 404, description: "service_request_id \(id.prefix(64)) was not found")
        }
        return Self.json(Open311ServiceRequest.encodedList([found], timeZone: components.timeZone(of: tenant)))
    }

    func token(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let token = try resource(try context.parameter("token"), what: "tokens/{token}")
        let tenant = try await jurisdiction(try parameters(request))
        guard let id = UUID(uuidString: token), try await components.open311.isOpen311Request(id, tenant: tenant.id) else {
            throw Open311Failure(status: 404, description: "token \(token.prefix(64)) was not found")
        }
        return Self.json(Open311CreatedRequest(id: id.lowercaseString, token: id.lowercaseString).encodedJSON)
    }

    func create(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let parameters = try parameters(request)
        let tenant = try await jurisdiction(parameters)
        var errors: [Open311Error] = []
        guard let apiKey = parameters.single("api_key", errors: &errors),
            let keyID = try await components.open311.validKey(apiKey, tenant: tenant.id)
        else {
            throw Open311Failure.invalidAPIKey(language: context.language)
        }
        if let code = parameters.single("service_code", errors: &errors), ComplaintSubmission.isValidCategoryCode(code),
            try await category(code, tenant: tenant) == nil
        {
            throw Open311Failure(status: 404, description: "service_code \(code) was not found")
        }
        var configuration = ComplaintSubmission.Configuration()
        configuration.defaultLanguage = context.language
        let submission = try Open311Submission(parameters, configuration: configuration).submission
        let routes = ComplaintRoutes(components: components)
        var prepared: PreparedSubmission
        do {
            prepared = try await routes.prepare(submission, context: context, tenant: tenant)
        } catch let problem as Problem {
            var failure = Open311Failure(problem)
            failure.errors = failure.errors.map { error in
                var error = error
                error.description = error.description.replacingOccurrences(of: "/attributes/", with: "attribute ")
                return error
            }
            throw failure
        }
        prepared.enteredBy = "open311-key:\(keyID.lowercaseString)"
        let timeZone = components.timeZone(of: tenant)
        for _ in 0..<3 {
            let record = ComplaintRecord(
                id: .timeOrdered(), trackingCode: .random(), submission: submission, status: .received, createdAt: components.clock.now,
                prepared: prepared)
            do {
                try await components.complaints.submit(
                    [components.complaints.insertion(of: record, tenant: tenant.id)]
                        + components.notifications.recordings(for: record, tenant: tenant),
                    tenant: tenant.id)
            } catch let error as PostgresError where error.isUniqueViolation && (error.constraint ?? "").contains("tracking_code") {
                continue
            } catch ComplaintStore.Refusal.unknownCategory {
                throw Open311Failure(status: 404, description: "service_code \(submission.category) was not found")
            }
            let due = record.answerDeadline.map { Open311.format($0.due, in: timeZone) }
            let notice = LocalizedText(
                fr: "Réclamation enregistrée. Code de suivi : \(record.trackingCode.displayed)." + (due.map { " Réponse attendue avant le \($0)." } ?? ""),
                ar: "تم تسجيل الشكاية. رمز التتبع: \(record.trackingCode.displayed)." + (due.map { " الجواب متوقع قبل \($0)." } ?? ""),
                en: "Complaint recorded. Tracking code: \(record.trackingCode.displayed)." + (due.map { " An answer is due by \($0)." } ?? ""))
            context.logger.info("complaint received", ["category": .string(submission.category), "channel": "open311"])
            return Self.json(
                Open311CreatedRequest(id: record.id.lowercaseString, serviceNotice: notice.text(in: context.language)).encodedJSON,
                status: .created)
        }
        throw Open311Failure(status: 400, description: "The request could not be recorded; send it again")
    }
}
