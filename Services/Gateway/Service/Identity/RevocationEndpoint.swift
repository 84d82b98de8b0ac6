import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// `POST /v1/auth/revoke` (RFC 7009): `token` (a refresh token or an access token) and an
/// optional `token_type_hint`. Revoking either ends its whole session: no more refreshes, and its
/// access tokens are refused within seconds (see `RevokedSessions`). The answer is 200 whether
/// or not the token meant anything (RFC 7009 §2.2). Holding a token is what allows revoking it:
/// revocation only ever takes rights away.
struct RevocationEndpoint: Sendable {
    let tokens: AccessTokens
    let sessions: SessionStore
    let revoked: RevokedSessions
    let audit: AuditLog

    func handle(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let parameters = try TokenEndpoint.parameters(of: request, language: context.language)
        guard let token = parameters["token"], !token.isEmpty, token.utf8.count <= 4096 else {
            throw Problem(.invalidTokenRequest, language: context.language).withOAuthError()
        }
        var session: UUID?
        var subject: String?
        var tenant: UUID?
        if token.utf8.count > 128, let verified = try? await tokens.verify(token) {
            session = verified.session.flatMap(UUID.init(uuidString:))
            subject = verified.principal.subject
            tenant = verified.principal.tenantID
        } else {
            session = try await sessions.session(ofRefreshToken: token)
        }
        if let session, try await sessions.revoke(session, reason: "revoked") {
            revoked.insert([session])
            var event = audit.event(
                AuditEvent.Action.tokenRevoked, tenant: tenant, target: subject,
                details: ["session": .string(session.lowercaseString)], request: request, context: context)
            event.actor = subject ?? "token_holder"
            await audit.record(event, logger: context.logger)
        }
        var response = HTTPResponse(status: .ok)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
