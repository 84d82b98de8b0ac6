import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// Reading the audit trail: `/v1/{tenant}/admin/audit-events` for a tenant's administrators (their
/// tenant's events), `/v1/platform/audit-events` for the platform's (its own events: its
/// administrators' sign-ins, citizens, tenants' lifecycle, platform clients). Newest first, 50 a
/// page by default (`limit` up to 200), `before=<id>` for the next page, `action=` to filter.
struct AuditRoutes: Sendable {
    let audit: AuditLog

    struct Page: Encodable {
        let events: [Event]
        let next: String?
    }

    struct Event: Encodable {
        let id: String
        let at: String
        let action: String
        let outcome: String
        let actor: String
        let actorKind: String
        let target: String?
        let clientIp: String?
        let requestId: String?
        let details: JSONValue
    }

    func tenantEvents(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        return try await page(tenant: tenant.id, timeZone: TimeZone.named(tenant.timeZone) ?? .casablanca, request, context)
    }

    func platformEvents(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        try await page(tenant: nil, timeZone: .casablanca, request, context)
    }

    private func page(tenant: UUID?, timeZone: TimeZone, _ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let query = request.query
        var errors: [FieldError] = []
        var limit = 50
        if let text = query["limit"] {
            if let value = Int(text), (1...200).contains(value) { limit = value } else {
                errors.append(.outOfRange("limit", minimum: 1, maximum: 200))
            }
        }
        var before: UUID?
        if let text = query["before"] {
            if let id = UUID(uuidString: text) { before = id } else { errors.append(.invalidFormat("before")) }
        }
        let action = query["action"]
        if let action, action.utf8.count > 64 { errors.append(.tooLong("action", maximum: 64)) }
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let events = try await audit.events(tenant: tenant, before: before, action: action, limit: limit)
        let views = events.map { event in
            Event(
                id: event.id.lowercaseString, at: RFC3339.format(event.at, in: timeZone), action: event.action,
                outcome: event.outcome, actor: event.actor, actorKind: event.actorKind, target: event.target,
                clientIp: event.clientIP, requestId: event.requestID, details: event.details)
        }
        return try .json(Page(events: views, next: events.count == limit ? events.last?.id.lowercaseString : nil))
    }
}
