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
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return Self.refusal(context: context)
        }
        var context = context
        do {
            context.principal = try await tokens.principal(from: String(parts[1]))
        } catch {
            return Self.refusal(context: context)
        }
        return try await authorized(request, context, next)
    }

    private func authorized(_ request: HTTPRequest, _ context: RequestContext, _ next: HTTPResponder) async throws -> HTTPResponse {
        do {
            try context.access.check(context)
        } catch let problem where problem.kind == .unauthorized {
            var response = HTTPResponse.problem(problem)
            response.headers.add("WWW-Authenticate", "Bearer")
            return response
        }
        return try await next(request, context)
    }

    static func refusal(context: RequestContext) -> HTTPResponse {
        var response = HTTPResponse.problem(Problem(.unauthorized, language: context.language))
        response.headers.add("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        return response
    }
}
