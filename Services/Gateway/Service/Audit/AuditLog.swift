import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPostgres

/// Writes and reads `platform.audit_events`. The runtime role may only insert and select there;
/// writes that go with a change are batched into the change's own transaction
/// (`insertion(of:)`), so the trail and the change never disagree.
struct AuditLog: Sendable {
    let database: PostgresPool
    let clients: ClientAddresses

    /// The statement recording `event` (run it with the event's tenant set, or the platform's).
    func insertion(of event: AuditEvent) -> PostgresQuery {
        let tenant = event.tenant ?? AuditEvent.platformTenant
        let details = PostgresJSON(JSONValue.object(event.details))
        return """
            INSERT INTO platform.audit_events
                (tenant_id, id, action, outcome, actor, actor_kind, target, client_ip, request_id, details)
            VALUES (\(tenant), \(UUID.timeOrdered()), \(event.action), \(event.succeeded ? "success" : "failure"),
                    \(event.actor), \(event.actorKind), \(event.target), \(event.clientAddress), \(event.requestID), \(details))
            """
    }

    /// Records `event` on its own; a failure is logged, never thrown (the request it describes
    /// already happened).
    func record(_ event: AuditEvent, logger: Logger) async {
        do {
            _ = try await database.query(insertion(of: event), tenant: event.tenant ?? AuditEvent.platformTenant)
        } catch {
            logger.error("audit event not recorded", ["action": .string(event.action), "error": .string(String(describing: error))])
        }
    }

    /// An event about the request's caller, with its address and request id filled in.
    func event(
        _ action: String, succeeded: Bool = true, tenant: UUID?, target: String? = nil,
        details: [String: JSONValue] = [:], request: HTTPRequest, context: RequestContext
    ) -> AuditEvent {
        AuditEvent(
            tenant: tenant, action: action, succeeded: succeeded,
            actor: context.principal.kind == .anonymous ? "anonymous" : context.principal.subject,
            actorKind: context.principal.kind.rawValue, target: target,
            clientAddress: clients.text(of: request, context: context), requestID: context.requestID, details: details)
    }

    /// A page of a tenant's (or the platform's, with nil) events, newest first, before the event
    /// `before` when given, optionally of one action.
    func events(tenant: UUID?, before: UUID?, action: String?, limit: Int) async throws -> [StoredAuditEvent] {
        let tenant = tenant ?? AuditEvent.platformTenant
        let rows = try await database.query(
            """
            SELECT id, at, action, outcome, actor, actor_kind, target, client_ip, request_id, details
            FROM platform.audit_events
            WHERE tenant_id = \(tenant) AND (\(before)::uuid IS NULL OR id < \(before))
              AND (\(action)::text IS NULL OR action = \(action))
            ORDER BY id DESC LIMIT \(limit)
            """,
            tenant: tenant)
        return try rows.map { row in
            let (id, at, action, outcome, actor, kind, target, address, requestID, details) = try row.decode(
                (UUID, Date, String, String, String, String, String?, String?, String?, PostgresJSON<JSONValue>).self)
            return StoredAuditEvent(
                id: id, at: at, action: action, outcome: outcome, actor: actor, actorKind: kind, target: target,
                clientIP: address, requestID: requestID, details: details.value)
        }
    }
}

/// An audit event as read back.
struct StoredAuditEvent: Sendable {
    let id: UUID
    let at: Date
    let action: String
    let outcome: String
    let actor: String
    let actorKind: String
    let target: String?
    let clientIP: String?
    let requestID: String?
    let details: JSONValue
}
