import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// Applies the rate limits of a group of routes: per client address (placed before
/// authentication, so floods cost no token verification) or per signed-in principal (placed
/// after). A refused request is a 429 problem with `Retry-After` in whole seconds.
struct RateLimiting: HTTPMiddleware {
    /// What the middleware counts by.
    enum Subject: Sendable {
        case address
        case principal
    }

    let limiter: RateLimiter
    let subject: Subject
    /// The class of the group's routes; nil: by method (GET and HEAD read, others submit).
    let routeClass: RateLimiter.RouteClass?
    let clients: ClientAddresses

    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        let routeClass = self.routeClass ?? ((request.method == .get || request.method == .head) ? .read : .submit)
        let key: RateLimiter.Key?
        switch subject {
        case .address:
            key = clients.host(of: request, context: context).map { .address($0, routeClass) }
        case .principal:
            key = context.principal.kind == .anonymous ? nil : .principal(context.principal.subject, routeClass)
        }
        if let key, let wait = limiter.admit(key) {
            return Self.refusal(after: wait, language: context.language)
        }
        return try await next(request, context)
    }

    /// The 429 answer for a wait of `wait`: a problem, and `Retry-After` in whole seconds.
    static func refusal(after wait: Duration, language: Language) -> HTTPResponse {
        let seconds = max(1, Int(wait.timeInterval.rounded(.up)))
        var response = HTTPResponse.problem(
            Problem(.tooManyRequests, language: language).withExtension("retry_after", .number(Double(seconds))))
        response.headers.add("Retry-After", String(seconds))
        return response
    }
}
