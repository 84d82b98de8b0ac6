import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// The mail API: reference data, registration and the registry, processing, documents,
/// acknowledgements, lists and search, the audit chain, retention. Every route sits behind the
/// gateway's context token and declares who may call it (``MailAccess``); the tenant comes from
/// the token.
struct MailRoutes: Sendable {
    let store: MailStore
    let audit: AuditLog
    let storage: any DocumentStorage
    let extractor: TextExtractor
    let idempotency: IdempotencyStore
    let configuration: MailConfiguration
    let notifications: MailNotifications

    /// Body limits of the JSON routes.
    static let smallBody = 16 << 10
    static let registrationBody = 64 << 10
    /// The largest page a list returns.
    static let maximumPageSize = 200
    static let defaultPageSize = 50

    var clock: any WallClock { configuration.clock }

    func install(on routes: RouteGroup) {
        installReference(on: routes)
        installRegistration(on: routes)
        installProcessing(on: routes)
        installDocuments(on: routes)
        installLists(on: routes)
        installAudit(on: routes)
        installRetention(on: routes)
    }

    // MARK: Shared steps

    /// The tenant's mail context.
    func tenant(_ context: RequestContext) async throws -> MailTenant {
        try await store.tenant(try context.requireTenant())
    }

    /// The `:id` parameter as a UUID; anything else is simply not found.
    func itemID(_ context: RequestContext, _ name: String = "id") throws(Problem) -> UUID {
        guard let id = BodyReader.uuid(try context.parameter(name).lowercased()) else {
            throw Problem(.notFound, language: context.language)
        }
        return id
    }

    /// The item, if the caller may see it (404 otherwise, whether it does not exist, is another
    /// tenant's, is confidential and the caller is not on its list, or does not reach a processor).
    func visibleItem(_ id: UUID, _ tenant: MailTenant, _ context: RequestContext) async throws -> StoredItem {
        try MailAccess.visible(try await store.item(id, tenant: tenant.id), to: context.principal, language: context.language)
    }

    /// The page size asked (`limit`), within bounds.
    func limit(_ request: HTTPRequest, _ context: RequestContext) throws(Problem) -> Int {
        guard let text = request.query["limit"] else { return Self.defaultPageSize }
        guard let value = Int(text), (1...Self.maximumPageSize).contains(value) else {
            throw Problem.validation([.outOfRange("/limit", minimum: 1, maximum: Double(Self.maximumPageSize))], language: context.language)
        }
        return value
    }

    /// The `If-Match` version, if the request carries one (`"v3"`).
    func expectedVersion(_ request: HTTPRequest, _ context: RequestContext) throws(Problem) -> Int? {
        guard let header = request.headers["if-match"] else { return nil }
        let trimmed = header.trimmingWhitespace()
        guard trimmed.hasPrefix("\"v"), trimmed.hasSuffix("\""), let version = Int(trimmed.dropFirst(2).dropLast()) else {
            throw Problem(.preconditionFailed, language: context.language)
        }
        return version
    }

    /// Runs a store call, turning its refusals into the problems clients get.
    func refusing<Value>(_ context: RequestContext, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let refusal as MailStore.Refusal {
            throw refusal.problem(in: context.language)
        }
    }

    /// The item's page (after a change, or for a read), with its `ETag`.
    func itemResponse(_ id: UUID, _ tenant: MailTenant, _ context: RequestContext, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let viewer = ConfidentialAccess.Viewer(context.principal)
        guard let detail = try await store.detail(id, tenant: tenant.id, viewer: viewer) else {
            throw Problem(.notFound, language: context.language)
        }
        var response = MailViews.response(
            MailViews.item(detail, tenant: tenant, today: tenant.localDay(of: clock.now)), status: status)
        response.headers.add("ETag", detail.stored.entityTag)
        return response
    }
}

extension MailStore.Refusal {
    /// The problem a client gets for this refusal.
    func problem(in language: Language) -> Problem {
        switch self {
        case .notFound: Problem(.notFound, language: language)
        case .versionMismatch: Problem(.preconditionFailed, language: language)
        case .unknownCorrespondent: .validation([.unknownValue("/correspondent/id")], language: language)
        case .unknownOriginal: .validation([.unknownValue("/in_reply_to")], language: language)
        case .unknownLinkedItem: .validation([.unknownValue("/linked_items")], language: language)
        case .acknowledgementNotApplicable: Problem(.acknowledgementNotApplicable, language: language)
        case .duplicateDocumentType:
            Problem(.conflict, language: language).withDetail(
                LocalizedText(
                    fr: "Un type de document porte déjà ce code.", ar: "يوجد نوع وثيقة بهذا الرمز.",
                    en: "A document type with this code exists."))
        }
    }
}
