import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

extension TokenEndpoint {
    /// The `refresh_token` grant: the token is spent and its successor answered, with an access
    /// token reflecting the account as it is now (roles, units, status). A spent token presented
    /// again revokes the session: whoever holds either copy must sign in again.
    func refreshGrant(_ parameters: [String: String], _ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let language = context.language
        guard let token = parameters["refresh_token"], !token.isEmpty, token.utf8.count <= 128 else {
            throw Problem(.invalidTokenRequest, language: language).withOAuthError()
        }
        try admit("refresh:\(token)", context: context)
        switch try await sessions.redeem(token, refreshLifetime: configuration.refreshTokenLifetime) {
        case .invalid:
            throw Problem(.invalidGrant, language: language).withOAuthError()
        case .replayed(let session):
            revoked.insert([session.id])
            var event = audit.event(
                AuditEvent.Action.refreshReplayed, succeeded: false, tenant: session.tenantID, target: session.subject,
                details: ["session": .string(session.id.lowercaseString)], request: request, context: context)
            event.actor = "refresh_token"
            await audit.record(event, logger: context.logger)
            context.logger.warning("refresh token replayed: session revoked", ["subject": .string(session.subject)])
            throw Problem(.invalidGrant, language: language).withOAuthError()
        case .rotated(let session, let next):
            guard let account = try await currentAccount(of: session), account.status == .active else {
                try await sessions.revoke(session.id, reason: "account_inactive")
                revoked.insert([session.id])
                throw Problem(.invalidGrant, language: language).withOAuthError()
            }
            let principal = account.principal
            let (token, expiresIn) = try tokens.issue(for: principal, session: session.id)
            var event = audit.event(
                AuditEvent.Action.tokenRefreshed, tenant: session.tenantID, target: principal.subject,
                details: ["session": .string(session.id.lowercaseString)], request: request, context: context)
            event.actor = principal.subject
            event.actorKind = principal.kind.rawValue
            await audit.record(event, logger: context.logger)
            return try Self.answer(TokenResponse(accessToken: token, tokenType: "Bearer", expiresIn: expiresIn, refreshToken: next))
        }
    }

    /// The session's account as it is now; nil when gone, or when its tenant no longer serves.
    private func currentAccount(of session: SessionStore.Session) async throws -> Account? {
        guard let tenantID = session.tenantID else {
            return try await authenticator.platformAccounts.account(id: session.accountID)
        }
        guard let tenant = try await tenants.tenant(id: tenantID), tenant.status == .active else { return nil }
        return try await authenticator.tenantAccounts.account(id: session.accountID, tenant: tenant.reference)
    }
}
