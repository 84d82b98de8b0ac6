import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `POST /v1/auth/totp/enrolment`: an agent or tenant administrator, with `tenant`, `username` and
/// `password` (form or JSON), gets a new TOTP secret (RFC 6238) and its `otpauth://` URI for an
/// authenticator application. The enrolment is confirmed by the first sign-in that gives a code of
/// that secret (`totp` in the password grant). An account with a confirmed secret cannot enrol
/// again: a tenant administrator resets it. Wrong credentials count towards lockout and answer
/// exactly like the token endpoint.
struct SecondFactorEnrolment: Sendable {
    let authenticator: PasswordAuthenticator
    let tenants: TenantCache
    let limiter: RateLimiter
    let audit: AuditLog
    let issuer: String

    private struct Enrolment: Encodable {
        let secret: String
        let otpauthUri: String
        let algorithm = "SHA1"
        let digits = 6
        let period = 30
    }

    func handle(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let language = context.language
        let parameters = try TokenEndpoint.parameters(of: request, language: language)
        guard let slug = parameters["tenant"], let username = parameters["username"], let password = parameters["password"],
            !slug.isEmpty, slug.utf8.count <= 64, !username.isEmpty, username.utf8.count <= Username.maximumLength,
            !password.isEmpty, password.utf8.count <= TokenEndpoint.maximumPasswordLength
        else {
            throw Problem(.invalidTokenRequest, language: language).withOAuthError()
        }
        let canonical = Username.canonical(username)
        if let wait = limiter.admit(.principal("login:\(slug)/\(canonical ?? username)", .login)) {
            return RateLimiting.refusal(after: wait, language: language)
        }
        guard let tenant = try await tenants.tenant(slug: slug), tenant.status == .active else {
            await authenticator.spendDecoyWork(password)
            throw Problem(.invalidGrant, language: language).withOAuthError()
        }
        guard case .accepted(let account, _) = try await authenticator.authenticate(
            username: canonical, password: password, tenant: tenant.reference)
        else {
            var event = audit.event(
                AuditEvent.Action.secondFactorEnrolled, succeeded: false, tenant: tenant.id, request: request, context: context)
            event.actor = "username:\(canonical ?? username)"
            await audit.record(event, logger: context.logger)
            throw Problem(.invalidGrant, language: language).withOAuthError()
        }
        let secret = TOTP.makeSecret()
        guard try await authenticator.tenantAccounts.beginEnrolment(of: account.id, tenant: tenant.id, secret: secret) else {
            throw Problem(.totpAlreadyEnrolled, language: language)
        }
        var event = audit.event(
            AuditEvent.Action.secondFactorEnrolled, tenant: tenant.id, target: Account.subject(of: account.id), request: request,
            context: context)
        event.actor = Account.subject(of: account.id)
        event.actorKind = account.kind.rawValue
        await audit.record(event, logger: context.logger)
        let totp = TOTP(secret: secret)
        var response = try HTTPResponse.json(
            Enrolment(secret: Base32.encode(secret), otpauthUri: totp.uri(issuer: "Guichet \(tenant.slug)", account: account.username)))
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
