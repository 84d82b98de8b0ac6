import GuichetCore
import GuichetHTTP

/// Reads `Authorization: Bearer <access token>` when present and puts the verified principal in
/// the context; a request without it stays anonymous. A malformed or invalid token is a 401 with
/// `WWW-Authenticate` (RFC 6750), never a silent downgrade to anonymous.
struct Authentication: HTTPMiddleware {
    let tokens: AccessTokens

    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        guard let header = request.headers["authorization"] else {
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return Self.refusal(context: context)
        }
        do {
            var context = context
            context.principal = try await tokens.principal(from: String(parts[1]))
            return try await next(request, context)
        } catch let problem as Problem where problem.kind == .unauthorized {
            return Self.refusal(context: context)
        }
    }

    static func refusal(context: RequestContext) -> HTTPResponse {
        var response = HTTPResponse.problem(Problem(.unauthorized, language: context.language))
        response.headers.add("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        return response
    }
}

/// Lets through only the platform's administrators: 401 for anonymous callers, 403 for others.
struct RequirePlatformAdministrator: HTTPMiddleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        switch context.principal.kind {
        case .platformAdministrator:
            return try await next(request, context)
        case .anonymous:
            var response = HTTPResponse.problem(Problem(.unauthorized, language: context.language))
            response.headers.add("WWW-Authenticate", "Bearer")
            return response
        default:
            throw Problem(.forbidden, language: context.language)
        }
    }
}
