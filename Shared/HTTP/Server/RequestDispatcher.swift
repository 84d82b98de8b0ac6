import FoundationEssentials
import GuichetCore
import GuichetIO

/// Finds the route for a request head and runs the request through the server's middleware and
/// the route's responder, always ending with a response: errors become RFC 9457 problems in the
/// client's language.
///
/// Immutable and shared by every connection of a server.
final class RequestDispatcher: Sendable {
    /// What the router found for a head, kept from the head until the body has arrived.
    struct Match: Sendable {
        let endpoint: Endpoint
        let parameters: RouteParameters
        /// The body limit of the matched route, if it sets one.
        var bodyLimit: Int? { endpoint.bodyLimit }
    }

    /// A route ready to serve: its pattern, limit and fully wrapped responder.
    struct Endpoint: Sendable {
        let pattern: String?
        let bodyLimit: Int?
        let access: AccessRule
        let responder: HTTPResponder
    }

    private let router: Router<Endpoint>
    private let notFound: Endpoint
    private let logger: Logger

    init(routes: Routes, middleware: [any HTTPMiddleware], logger: Logger) {
        let outer = middleware + [ProblemRendering()]
        var router = Router<Endpoint>()
        for route in routes.all {
            let endpoint = Endpoint(
                pattern: route.pattern, bodyLimit: route.options.bodyLimit, access: route.options.access,
                responder: route.responder.wrapped(in: outer))
            router.register(route.method, route.pattern, endpoint)
        }
        self.router = router
        self.notFound = Endpoint(
            pattern: nil, bodyLimit: nil, access: .anyone,
            responder: HTTPResponder { _, context in throw Problem(.notFound, language: context.language) }
                .wrapped(in: outer))
        self.logger = logger
        self.outerMiddleware = outer
    }

    private let outerMiddleware: [any HTTPMiddleware]

    /// The endpoint for `head`: its route, or one answering 404 or 405 (with `Allow`).
    func match(_ head: HTTPRequestHead) -> Match {
        switch router.match(head.method, path: head.path) {
        case .found(let endpoint, let parameters, _):
            return Match(endpoint: endpoint, parameters: parameters)
        case .notFound:
            return Match(endpoint: notFound, parameters: RouteParameters())
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.name).joined(separator: ", ")
            let responder = HTTPResponder { _, context in
                var response = HTTPResponse.problem(Problem(.methodNotAllowed, language: context.language))
                response.headers.add("Allow", allow)
                return response
            }
            return Match(
                endpoint: Endpoint(pattern: nil, bodyLimit: nil, access: .anyone, responder: responder.wrapped(in: outerMiddleware)),
                parameters: RouteParameters())
        }
    }

    /// The context of a new request: its id (the client's `X-Request-ID` when well-formed), its
    /// language and logger.
    func makeContext(for head: HTTPRequestHead, peer: SocketAddress?, loop: EventLoop) -> RequestContext {
        let requestID = RequestID.accepting(head.headers["x-request-id"]) ?? RequestID.make()
        var context = RequestContext(
            requestID: requestID,
            logger: logger.with("request_id", requestID),
            language: Language.negotiate(acceptLanguage: head.headers["accept-language"]),
            loop: loop,
            remoteAddress: peer)
        context.traceparent = head.headers["traceparent"].flatMap(TraceParent.validated)
        return context
    }

    /// Runs the request to its response; never throws.
    func respond(to request: HTTPRequest, match: Match, context: RequestContext) async -> HTTPResponse {
        var context = context
        context.route = match.endpoint.pattern
        context.access = match.endpoint.access
        context.parameters = match.parameters
        do {
            return try await match.endpoint.responder(request, context)
        } catch {
            let (response, isInternal) = HTTPResponse.describing(error, language: context.language)
            if isInternal { context.logger.error("unhandled error", ["error": .string(String(describing: error))]) }
            return response
        }
    }

    /// Logs a request refused by the connection before any handler saw it.
    func logRejection(status: Int, peer: SocketAddress?) {
        logger.info("request refused", ["status": .number(Double(status)), "peer": .string(peer?.description ?? "")])
    }
}

/// The innermost server middleware: turns thrown errors into problem responses so that the
/// middleware around it (logs, metrics) sees the final status.
struct ProblemRendering: HTTPMiddleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        do {
            return try await next(request, context)
        } catch {
            let (response, isInternal) = HTTPResponse.describing(error, language: context.language)
            if isInternal {
                context.logger.error("unhandled error", ["error": .string(String(describing: error))])
            }
            return response
        }
    }
}
