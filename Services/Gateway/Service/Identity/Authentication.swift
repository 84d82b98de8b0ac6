import GuichetCore
import GuichetHTTP

/// Reads `Authorization: Bearer <access token>` when present and puts the verified principal in
/// the context (a request without it stays anonymous), then enforces the route's `AccessRule`. A
/// malformed or invalid token is a 401 with `WWW-Authenticate` (RFC 6750), never a silent
/// downgrade to anonymous.
struct Authentication: HTTPMiddleware {
    let tokens: AccessTokens

    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        guard let header = request.headers["authorization"] else {
            return try await authorized(request, context, next)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            let principal = try? await tokens.principal(from: String(parts[1]))
        else {
            return Self.refusal(context: context)
        }
        var authenticated = context
        authenticated.principal = principal
        return try await authorized(request, authenticated, next)
    }

    /// Runs the route when its access rule admits the caller; a refusal otherwise (401 answers say
    /// how to authenticate).
    private func authorized(_ request: HTTPRequest, _ context: RequestContext, _ next: HTTPResponder) async throws -> HTTPResponse {
        let problem: Problem
        do {
            try context.access.check(context)
            return try await next(request, context)
        } catch let refused as Problem where refused.kind == .unauthorized || refused.kind == .forbidden || refused.kind == .notFound {
            problem = refused
        }
        var response = HTTPResponse.problem(problem)
        if problem.kind == .unauthorized { response.headers.add("WWW-Authenticate", "Bearer") }
        return response
    }

    static func refusal(context: RequestContext) -> HTTPResponse {
        var response = HTTPResponse.problem(Problem(.unauthorized, language: context.language))
        response.headers.add("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        return response
    }
}
