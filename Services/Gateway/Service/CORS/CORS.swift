import GuichetCore
import GuichetHTTP

/// The outermost middleware of the gateway's routes: for a request with `Origin`, adds
/// `Access-Control-Allow-Origin` (and `Vary: Origin`, `Access-Control-Expose-Headers`) to the
/// answer when the policy allows the origin on that path — to errors too, so a page can read a
/// 401 or a 429. A problem thrown inside is rendered here for that purpose.
struct CORS: HTTPMiddleware {
    let policy: CORSPolicy

    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        guard let origin = request.headers["origin"] else { return try await next(request, context) }
        var response: HTTPResponse
        do {
            response = try await next(request, context)
        } catch let convertible as any ProblemConvertible {
            response = .problem(convertible.problem(in: context.language))
        }
        response.headers.add("Vary", "Origin")
        if let allowed = await policy.allowedOrigin(origin, path: request.path) {
            response.headers.add("Access-Control-Allow-Origin", allowed)
            response.headers.add("Access-Control-Expose-Headers", CORSPolicy.exposedHeaders)
        }
        return response
    }
}

/// `OPTIONS` on any path: the CORS preflight. An allowed origin asking for an allowed method gets
/// 204 with the `Access-Control-Allow-*` headers (remembered for ten minutes); anything else a 204
/// without them, which the browser reads as a refusal. Without `Origin`, a plain `OPTIONS`
/// answers the methods the API uses.
struct Preflight: Sendable {
    let policy: CORSPolicy

    func handle(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        var response = HTTPResponse(status: .noContent)
        guard let origin = request.headers["origin"] else {
            response.headers.add("Allow", "OPTIONS, " + CORSPolicy.allowedMethods)
            return response
        }
        response.headers.add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
        let methods = Set(CORSPolicy.allowedMethods.split(separator: ",").map { $0.trimmingWhitespace().uppercased() })
        guard let method = request.headers["access-control-request-method"], methods.contains(method.uppercased()),
            Self.headersAllowed(request.headers["access-control-request-headers"]),
            let allowed = await policy.allowedOrigin(origin, path: request.path)
        else { return response }
        response.headers.add("Access-Control-Allow-Origin", allowed)
        response.headers.add("Access-Control-Allow-Methods", CORSPolicy.allowedMethods)
        response.headers.add("Access-Control-Allow-Headers", CORSPolicy.allowedHeaders)
        response.headers.add("Access-Control-Max-Age", "600")
        return response
    }

    private static let allowedHeaderNames = Set(
        CORSPolicy.allowedHeaders.split(separator: ",").map { $0.trimmingWhitespace().lowercased() })

    private static func headersAllowed(_ list: String?) -> Bool {
        guard let list else { return true }
        return list.split(separator: ",").allSatisfy { name in
            let trimmed = name.trimmingWhitespace().lowercased()
            return trimmed.isEmpty || allowedHeaderNames.contains(trimmed)
        }
    }
}
