import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// The complaints API of the first slice: categories per tenant, submission (anonymous allowed,
/// with `Idempotency-Key`), and tracking by code. Every route sits behind the gateway's context
/// token; the tenant comes from it. The rest of the API is in the other `*Routes` types.
struct ComplaintRoutes: Sendable {
    let components: ComplaintComponents

    private var store: ComplaintStore { components.complaints }
    private var idempotency: IdempotencyStore { components.idempotency }

    /// Who manages the tenant's categories: its administrators (the platform's see nothing inside
    /// a tenant).
    static let administrators = AccessRule.tenantAdministrators

    /// Body limits: a submission is text (photos come as separate uploads), a category is small.
    static let submissionBodyLimit = 64 << 10
    static let categoryBodyLimit = 16 << 10

    func install(on routes: RouteGroup) {
        let anyone = RouteOptions(access: .anyone)
        routes.get("/v1/:tenant/complaints/categories", options: anyone) { request, context in
            try await listCategories(request, context)
        }
        routes.post(
            "/v1/:tenant/complaints/categories",
            options: RouteOptions(access: Self.administrators, bodyLimit: Self.categoryBodyLimit)
        ) { request, context in
            try await createCategory(request, context)
        }
        routes.post("/v1/:tenant/complaints", options: RouteOptions(access: .anyone, bodyLimit: Self.submissionBodyLimit)) {
            request, context in try await submit(request, context)
        }
        routes.get("/v1/:tenant/complaints/:code", options: anyone) { request, context in try await track(request, context) }
    }

    // MARK: Categories

    func listCategories(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let categories = try await store.categories(tenant: tenant.id)
        return try .json(ComplaintViews.CategoryList(categories: categories.map(ComplaintViews.Category.init)))
    }

    func createCategory(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let body = try context.decode(JSONValue.self, from: request)
        let category = try ComplaintCategory(validating: body, language: context.language)
        do {
            try await store.insert(category, tenant: tenant.id)
            try await components.cache.refresh(tenant: tenant.id)
        } catch ComplaintStore.Refusal.duplicateCategory {
            throw Problem(.conflict, language: context.language).withDetail(LocalizedText(
                fr: "La catégorie « \(category.code) » existe déjà.",
                ar: "الفئة «\(category.code)» موجودة مسبقًا.",
                en: "The category \"\(category.code)\" exists already."))
        }
        var response = try HTTPResponse.json(ComplaintViews.Category(category), status: .created)
        response.headers.add("Location", "/v1/\(tenant.slug)/complaints/categories/\(category.code)")
        return response
    }

    // MARK: Submission and tracking

    func submit(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let body = try context.decode(JSONValue.self, from: request)
        var configuration = ComplaintSubmission.Configuration()
        configuration.defaultLanguage = context.language
        Self.allowChannels(in: &configuration, for: context.principal)
        let submission = try ComplaintSubmission(validating: body, configuration: configuration)
        let key = try IdempotencyKey.of(request, context: context)
        if let key, let replay = try await idempotency.replay(key, tenant: tenant.id, language: context.language) {
            return replay
        }
        let prepared = try await prepare(submission, context: context, tenant: tenant)
        let timeZone = TimeZone.named(tenant.timeZone) ?? .casablanca
        // A new tracking code on the (2^-80-unlikely) collision with an existing one.
        for _ in 0..<3 {
            let record = ComplaintRecord(
                id: .timeOrdered(), trackingCode: .random(), submission: submission, status: .received, createdAt: Date(),
                prepared: prepared)
            let location = "/v1/\(tenant.slug)/complaints/\(record.trackingCode.displayed)"
            var response = try HTTPResponse.json(
                ComplaintViews.Submitted(
                    trackingCode: record.trackingCode.displayed, status: record.status.rawValue,
                    kind: submission.kind.rawValue, category: submission.category, language: submission.language.rawValue,
                    createdAt: RFC3339.format(record.createdAt, in: timeZone), links: .init(self: location),
                    answerDue: record.answerDeadline.map { RFC3339.format($0.due, in: timeZone) }),
                status: .created)
            var queries = [store.insertion(of: record, tenant: tenant.id)]
            // The acknowledgement and the event leave through the outbox: recorded with the complaint or not at all.
            queries += try components.notifications.recordings(for: record, tenant: tenant)
            if let key { queries.append(idempotency.recording(response, for: key, tenant: tenant.id)) }
            do {
                try await store.submit(queries, tenant: tenant.id)
            } catch ComplaintStore.Refusal.unknownCategory {
                throw Problem.validation([.unknownValue("/category")], language: context.language)
            } catch let error where IdempotencyStore.isConcurrentDuplicate(error) {
                guard let key, let replay = try await idempotency.replay(key, tenant: tenant.id, language: context.language) else {
                    throw error
                }
                return replay
            } catch let error as PostgresError where error.isUniqueViolation && (error.constraint ?? "").contains("tracking_code") {
                continue
            }
            response.headers.add("Location", location)
            context.logger.info("complaint received", ["category": .string(submission.category)])
            return response
        }
        throw Problem(.internalError, language: context.language)
    }

    func track(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        // A malformed or over-long code is simply not found: nothing to learn from the answer.
        guard let code = TrackingCode(try context.parameter("code")) else { throw Problem(.notFound, language: context.language) }
        return try await citizenResponse(.trackingCode(code), context: context, tenant: tenant)
    }
}
