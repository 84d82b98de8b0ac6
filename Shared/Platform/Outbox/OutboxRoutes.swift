import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// The administrators' view of a service's outbox, under the service's path: its messages (dead
/// letters first of all), each with its attempts, and replaying a dead letter. A service installs
/// it in its context-token group and adds ``document(service:)`` to its OpenAPI document.
///
/// | route | what |
/// |---|---|
/// | `GET /v1/{tenant}/<service>/outbox/messages?state=dead&before=<id>&limit=50` | the tenant's messages, newest first |
/// | `GET /v1/{tenant}/<service>/outbox/messages/{id}` | one message and its attempts |
/// | `POST /v1/{tenant}/<service>/outbox/messages/{id}/replay` | a dead letter becomes pending again (409 otherwise) |
///
/// Payloads are never shown (they hold personal data or webhook bodies); channel, topic, target,
/// state, attempts and errors are.
public struct OutboxRoutes: Sendable {
    /// Who may read and replay the outbox: the tenant's administrators, and the platform's
    /// (operators replaying after an outage of a mail server or a provider).
    public static let administrators = AccessRule.anyOf([.tenantAdministrators, .platformAdministrators])

    private let store: OutboxStore
    private let prefix: String

    /// Routes for the outbox of `store`, under `/v1/:tenant/<service>/outbox` (`service` is the
    /// service's path segment, a constant from code).
    public init(store: OutboxStore, service: String) {
        self.store = store
        self.prefix = "/v1/:tenant/\(service)/outbox"
    }

    /// Registers the routes on `routes` (a group behind the context-token middleware).
    public func install(on routes: RouteGroup) {
        let options = RouteOptions(access: Self.administrators, bodyLimit: 0)
        routes.get("\(prefix)/messages", options: options) { request, context in try await list(request, context) }
        routes.get("\(prefix)/messages/:id", options: options) { _, context in try await show(context) }
        // A replay reads no body; a small one (`{}` from generic clients) is let through and ignored,
        // so that a caller is answered by their rights (401/403/404) rather than 413.
        let replay = RouteOptions(access: Self.administrators, bodyLimit: 1 << 10)
        routes.post("\(prefix)/messages/:id/replay", options: replay) { _, context in try await self.replay(context) }
    }

    func list(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let query = request.query
        var errors: [FieldError] = []
        var state: OutboxMessageRecord.State?
        if let text = query["state"] {
            state = OutboxMessageRecord.State(rawValue: text)
            if state == nil { errors.append(.unknownValue("/state", allowed: OutboxMessageRecord.State.allCases.map(\.rawValue))) }
        }
        var before: UUID?
        if let text = query["before"] {
            before = UUID(uuidString: text)
            if before == nil { errors.append(.invalidFormat("/before")) }
        }
        var limit = 50
        if let text = query["limit"] {
            if let value = Int(text), (1...200).contains(value) { limit = value } else {
                errors.append(.outOfRange("/limit", minimum: 1, maximum: 200))
            }
        }
        let target = query["target"]
        if let target, target.isEmpty || target.utf8.count > 200 { errors.append(.invalidFormat("/target")) }
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let records = try await store.messages(tenant: tenant.id, state: state, target: target, before: before, limit: limit)
        let timeZone = TimeZone.named(tenant.timeZone) ?? .casablanca
        let next = records.count == limit ? records.last?.id.lowercaseString : nil
        return try .json(OutboxViews.MessageList(messages: records.map { OutboxViews.Message($0, attempts: nil, timeZone: timeZone) }, nextBefore: next))
    }

    func show(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("id")), let record = try await store.message(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        let attempts = try await store.attempts(of: id, tenant: tenant.id)
        return try .json(OutboxViews.Message(record, attempts: attempts, timeZone: TimeZone.named(tenant.timeZone) ?? .casablanca))
    }

    func replay(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("id")) else { throw Problem(.notFound, language: context.language) }
        let timeZone = TimeZone.named(tenant.timeZone) ?? .casablanca
        switch try await store.replay(id, tenant: tenant.id) {
        case .replayed(let record):
            context.logger.info("outbox dead letter replayed", ["message_id": .string(id.lowercaseString)])
            return try .json(OutboxViews.Message(record, attempts: nil, timeZone: timeZone))
        case .notDead:
            throw Problem(.conflict, language: context.language).withDetail(LocalizedText(
                fr: "Seul un message en échec définitif (dead letter) peut être relancé.",
                ar: "لا يمكن إعادة إرسال إلا رسالة فشل تسليمها نهائيًا.",
                en: "Only a dead letter can be replayed."))
        case .notFound:
            throw Problem(.notFound, language: context.language)
        }
    }
}

/// The JSON shapes of the outbox routes.
enum OutboxViews {
    struct Attempt: Encodable {
        let id: String
        let startedAt: String
        let durationMs: Int
        let outcome: String
        let statusCode: Int?
        let detail: String?
    }

    struct Message: Encodable {
        let id: String
        let channel: String
        let topic: String
        let target: String?
        let state: String
        let attemptCount: Int
        let nextAttemptAt: String?
        let lastError: String?
        let createdAt: String
        let updatedAt: String
        let deliveredAt: String?
        let attempts: [Attempt]?

        init(_ record: OutboxMessageRecord, attempts: [OutboxAttemptRecord]?, timeZone: TimeZone) {
            id = record.id.lowercaseString
            channel = record.channel
            topic = record.topic
            target = record.target
            state = record.state.rawValue
            attemptCount = record.attempts
            nextAttemptAt = record.state == .pending ? RFC3339.format(record.availableAt, in: timeZone) : nil
            lastError = record.lastError
            createdAt = RFC3339.format(record.createdAt, in: timeZone)
            updatedAt = RFC3339.format(record.updatedAt, in: timeZone)
            deliveredAt = record.deliveredAt.map { RFC3339.format($0, in: timeZone) }
            self.attempts = attempts?.map {
                Attempt(
                    id: $0.id.lowercaseString, startedAt: RFC3339.format($0.startedAt, in: timeZone, precision: .milliseconds),
                    durationMs: $0.durationMilliseconds, outcome: $0.outcome.rawValue, statusCode: $0.statusCode, detail: $0.detail)
            }
        }
    }

    struct MessageList: Encodable {
        let messages: [Message]
        /// Pass as `before` for the next page; absent on the last one.
        let nextBefore: String?
    }
}
