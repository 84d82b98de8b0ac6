/// One registered route: the method and path pattern it answers, its options, and its responder
/// (the handler already wrapped in the route's middleware).
public struct Route: Sendable {
    /// The method answered.
    public let method: HTTPMethod
    /// The path pattern (`/v1/:tenant/complaints/:code`).
    public let pattern: String
    /// Per-route limits.
    public let options: RouteOptions
    /// The handler behind its middleware.
    public let responder: HTTPResponder
}

/// Per-route rules: who may call it and the largest body it takes.
public struct RouteOptions: Sendable {
    /// Who may call the route (enforced once the caller is authenticated).
    public var access: AccessRule
    /// The largest request body accepted, in bytes; nil means the server's default.
    public var bodyLimit: Int?

    /// Options for a route; who may call it is always said.
    public init(access: AccessRule, bodyLimit: Int? = nil) {
        self.access = access
        self.bodyLimit = bodyLimit
    }
}

/// Collects routes at start-up, with middleware groups, and builds the server's router.
///
/// ```swift
/// let routes = Routes()
/// routes.get("/healthz", options: RouteOptions(access: .anyone)) { _, _ in .text("ok") }
/// let tenant = routes.group(ContextTokenMiddleware(verifier: verifier))
/// tenant.post("/v1/:tenant/complaints", options: RouteOptions(access: .anyone, bodyLimit: 64 << 10)) { request, context in … }
/// let server = try HTTPServer(configuration: …, routes: routes, group: loops)
/// ```
/// Registration happens once, on one thread, before serving; the built router is immutable.
public final class Routes: RouteRegistering {
    private var collected: [Route] = []

    /// An empty route collection.
    public init() {}

    /// The routes registered so far, in registration order (for OpenAPI checks and listings).
    public var all: [Route] { collected }

    /// Registers `handler` for `method` on `pattern`.
    public func on(
        _ method: HTTPMethod, _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) {
        add(Route(method: method, pattern: pattern, options: options, responder: HTTPResponder(handler)))
    }

    /// A group whose routes run behind `middleware` (outermost first), registered into this
    /// collection.
    public func group(_ middleware: any HTTPMiddleware...) -> RouteGroup {
        RouteGroup(routes: self, middleware: middleware)
    }

    fileprivate func add(_ route: Route) {
        collected.append(route)
    }

    /// The router the server matches requests with.
    func makeRouter() -> Router<Route> {
        var router = Router<Route>()
        for route in collected {
            router.register(route.method, route.pattern, route)
        }
        return router
    }
}

/// Routes that share middleware; made by `Routes.group(_:)`.
public struct RouteGroup: RouteRegistering {
    fileprivate let routes: Routes
    fileprivate let middleware: [any HTTPMiddleware]

    /// A nested group: this group's middleware, then `more`.
    public func group(_ more: any HTTPMiddleware...) -> RouteGroup {
        RouteGroup(routes: routes, middleware: middleware + more)
    }

    /// Registers `handler` for `method` on `pattern`, behind the group's middleware.
    public func on(
        _ method: HTTPMethod, _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) {
        let responder = HTTPResponder(handler).wrapped(in: middleware)
        routes.add(Route(method: method, pattern: pattern, options: options, responder: responder))
    }
}

/// Something routes can be registered on: the whole collection or a middleware group.
public protocol RouteRegistering {
    /// Registers `handler` for `method` on `pattern`.
    func on(
        _ method: HTTPMethod, _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    )
}

extension RouteRegistering {
    /// Registers a GET handler.
    public func get(
        _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) { on(.get, pattern, options: options, handler) }

    /// Registers a POST handler.
    public func post(
        _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) { on(.post, pattern, options: options, handler) }

    /// Registers a PUT handler.
    public func put(
        _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) { on(.put, pattern, options: options, handler) }

    /// Registers a PATCH handler.
    public func patch(
        _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) { on(.patch, pattern, options: options, handler) }

    /// Registers a DELETE handler.
    public func delete(
        _ pattern: String, options: RouteOptions,
        _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) { on(.delete, pattern, options: options, handler) }
}
