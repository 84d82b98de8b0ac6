import GuichetCore
import GuichetIO

/// What a handler knows about its request besides the request itself: its id, logger and
/// language, the matched route and its parameters, the caller's address, and — once the platform's
/// middleware has verified the gateway's context token — the tenant and the principal.
///
/// A value: a middleware changes its copy and passes it on.
public struct RequestContext: Sendable {
    /// The request id (`X-Request-ID`), given by the gateway or made here.
    public var requestID: String
    /// A logger carrying the request id (and the tenant once known).
    public var logger: Logger
    /// The language to answer in, from `Accept-Language` (French by default).
    public var language: Language
    /// The matched route's pattern (`/v1/:tenant/complaints/:code`), or nil when none matched.
    public var route: String?
    /// The route's path parameters, percent-decoded.
    public var parameters: RouteParameters
    /// Who may call the matched route (enforced by the middleware that authenticates the caller).
    public var access: AccessRule
    /// The peer's address (the gateway's, behind the gateway).
    public var remoteAddress: SocketAddress?
    /// The W3C `traceparent` to pass on to upstream calls.
    public var traceparent: String?
    /// The tenant the request acts in, when the route is under a tenant.
    public var tenant: TenantReference?
    /// The caller; anonymous until authenticated.
    public var principal: Principal
    /// The event loop the request runs on.
    public let loop: EventLoop

    /// A context for a new request.
    public init(
        requestID: String, logger: Logger, language: Language, loop: EventLoop,
        remoteAddress: SocketAddress? = nil
    ) {
        self.requestID = requestID
        self.logger = logger
        self.language = language
        self.route = nil
        self.parameters = RouteParameters()
        self.access = .anyone
        self.remoteAddress = remoteAddress
        self.traceparent = nil
        self.tenant = nil
        self.principal = .anonymous
        self.loop = loop
    }

    /// The path parameter `name`, or a 404 problem when absent (a route without it was matched).
    public func parameter(_ name: String) throws(Problem) -> String {
        guard let value = parameters[name] else { throw Problem(.notFound, language: language) }
        return value
    }

    /// Decodes the request's JSON body, throwing the problem (400/415/422) a client should get.
    public func decode<Value: Decodable>(_ type: Value.Type, from request: HTTPRequest) throws(Problem) -> Value {
        if let contentType = request.headers["content-type"], !Self.isJSON(contentType) {
            throw Problem(.unsupportedMediaType, language: language)
        }
        return try JSONCoding.decode(type, from: request.body, language: language)
    }

    private static func isJSON(_ contentType: String) -> Bool {
        let first = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        let mediaType = first.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
            .reversed().map { $0.lowercased() }.joined()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
