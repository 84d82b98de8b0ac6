/// Something that runs around a handler: it may change the request or its context, answer on its
/// own, or change the response.
///
/// Middleware is chained once, when routes are registered, never per request.
/// ```swift
/// struct RequireJSON: HTTPMiddleware {
///     func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
///         guard request.headers["content-type"] == "application/json" else {
///             throw Problem(.unsupportedMediaType, language: context.language)
///         }
///         return try await next(request, context)
///     }
/// }
/// ```
public protocol HTTPMiddleware: Sendable {
    /// Handles the request, calling `next` to go on to the handler.
    func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse
}

/// Turns a request into a response: a handler, or a handler wrapped in middleware.
public struct HTTPResponder: Sendable {
    private let body: @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse

    /// A responder running `body`.
    public init(_ body: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        self.body = body
    }

    /// Answers `request`.
    public func callAsFunction(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        try await body(request, context)
    }

    /// This responder behind `middleware` (outermost first).
    public func wrapped(in middleware: [any HTTPMiddleware]) -> HTTPResponder {
        middleware.reversed().reduce(self) { next, middleware in
            HTTPResponder { request, context in
                try await middleware.handle(request, context: context, next: next)
            }
        }
    }
}
