import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// The gateway's gate in front of every route: reads `Authorization: Bearer <access token>` when
/// present (a request without one stays anonymous), resolves the path's tenant, then enforces the
/// route's `AccessRule`.
///
/// - A malformed, invalid, expired or revoked token is a 401 with `WWW-Authenticate` (RFC 6750),
///   never a silent downgrade to anonymous.
/// - On a path with `:tenant`, an unknown or inactive tenant is a 404 answered here, and a
///   principal bound to another tenant (agent, tenant administrator, client) is a 404 too, whatever
///   the route's rule: such a principal only ever acts in its own tenant.
/// - With `contextTokens`, a request carrying the gateway's own context token (`X-Guichet-Context`)
///   instead is a Guichet service acting in that token's tenant: it is admitted as a service client
///   of that tenant with the `serviceScopes` (the directory's routes).
struct Authentication: HTTPMiddleware {
    let tokens: AccessTokens
    let revoked: RevokedSessions
    let tenants: TenantCache
    var contextTokens: ContextTokenVerifier?
    var serviceScopes: Set<String> = []

    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        var context = context
        if let slug = context.parameters["tenant"] {
            guard let tenant = try await tenants.tenant(slug: slug), tenant.status == .active else {
                throw Problem(.tenantNotFound, language: context.language)
            }
            context.tenant = tenant.reference
            context.logger = context.logger.with("tenant", tenant.slug)
        }
        if let header = request.headers["authorization"] {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                return Self.refusal(context: context)
            }
            guard let principal = await principal(bearing: String(parts[1])) else {
                return Self.refusal(context: context)
            }
            context.principal = principal
        } else if let contextTokens, let token = request.headers[ContextTokenMiddleware.headerName] {
            guard let tenant = context.tenant, await Self.isContext(token, of: tenant, verifier: contextTokens) else {
                return Self.refusal(context: context)
            }
            context.principal = Principal(
                subject: "service:guichet", kind: .service, tenantID: tenant.id, scopes: serviceScopes)
        }
        if let tenant = context.tenant, let own = context.principal.tenantID, own != tenant.id {
            throw Problem(.notFound, language: context.language)
        }
        return try await authorized(request, context, next)
    }

    /// Enforces the route's rule, then goes on.
    private func authorized(_ request: HTTPRequest, _ context: RequestContext, _ next: HTTPResponder) async throws -> HTTPResponse {
        do {
            try context.access.check(context)
        } catch {
            guard error.kind == .unauthorized else { throw error }
            var response = HTTPResponse.problem(error)
            response.headers.add("WWW-Authenticate", "Bearer")
            return response
        }
        return try await next(request, context)
    }

    /// The principal of a valid access token whose session is not revoked.
    private func principal(bearing token: String) async -> Principal? {
        do {
            let verified = try await tokens.verify(token)
            if let session = verified.session, revoked.contains(session) { return nil }
            return verified.principal
        } catch {
            return nil
        }
    }

    /// Whether `token` is a valid context token for `tenant`.
    private static func isContext(_ token: String, of tenant: TenantReference, verifier: ContextTokenVerifier) async -> Bool {
        do {
            return try await verifier.verify(token).tenant?.id == tenant.id
        } catch {
            return false
        }
    }

    static func refusal(context: RequestContext) -> HTTPResponse {
        var response = HTTPResponse.problem(Problem(.unauthorized, language: context.language))
        response.headers.add("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        return response
    }
}
