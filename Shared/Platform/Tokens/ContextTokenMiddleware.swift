import GuichetCore
import GuichetHTTP

/// The gate of every service route that serves the public: the request must carry the gateway's
/// context token in `X-Guichet-Context`; the verified principal and tenant go into the context,
/// and the route's `AccessRule` is enforced. A token for another tenant than the path's is
/// refused (401), and so is a principal bound to another tenant than the one the token names
/// (404: such a principal only ever acts in its own tenant, whatever the route's rule — the
/// gateway already refuses it; this is the service's own check). Without a valid token: 401.
public struct ContextTokenMiddleware: HTTPMiddleware {
    /// The header carrying the token from the gateway to a service.
    public static let headerName = "X-Guichet-Context"

    private let verifier: ContextTokenVerifier

    /// A middleware verifying with `verifier`.
    public init(verifier: ContextTokenVerifier) {
        self.verifier = verifier
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        guard let token = request.headers[Self.headerName], !token.isEmpty else {
            throw Problem(.unauthorized, language: context.language)
        }
        let verified: ContextTokenVerifier.Context
        do {
            verified = try await verifier.verify(token)
        } catch {
            throw error.localized(context.language)
        }
        if let slug = context.parameters["tenant"], verified.tenant?.slug != slug {
            throw Problem(.unauthorized, language: context.language)
        }
        if let tenant = verified.tenant, let own = verified.principal.tenantID, own != tenant.id {
            throw Problem(.notFound, language: context.language)
        }
        var context = context
        context.principal = verified.principal
        context.tenant = verified.tenant
        if let tenant = verified.tenant {
            context.logger = context.logger.with("tenant", tenant.slug)
        }
        try context.access.check(context)
        return try await next(request, context)
    }
}
