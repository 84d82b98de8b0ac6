/// Routes requests by method and path through a tree of path segments.
///
/// Patterns are `/`-separated segments: a constant (`complaints`), a parameter (`:code`,
/// captured whole and percent-decoded on read), or a final `**` that captures the rest of the
/// path (zero or more segments; used by the gateway to proxy). `/` alone is the root.
///
/// ```swift
/// var router = Router<Handler>()
/// router.register(.get, "/v1/:tenant/complaints/:code", showComplaint)
/// router.register(.get, "/v1/:tenant/complaints/stats", stats)   // preferred over :code
/// router.register(.post, "/v1/complaints/**", forward)
/// switch router.match(head.method, path: head.path) {
/// case .found(let handler, let parameters, let pattern): …   // parameters["code"]
/// case .methodNotAllowed(let allowed): …                      // 405 with an Allow header
/// case .notFound: …
/// }
/// ```
///
/// Matching rules:
/// - constants are preferred over parameters, parameters over `**`; when the preferred branch
///   fails further down, or has no route for the method, the next one is tried;
/// - a HEAD request falls back to the GET route when no HEAD route is registered;
/// - when some route matches the path but none the method, the result is
///   `.methodNotAllowed` with every method the path allows (HEAD included where GET is);
/// - paths are never normalised: a path that is not `/`-rooted, has an empty segment (`//`, a
///   trailing `/`), a `.` or `..` segment (also percent-encoded, `%2e%2E`), a malformed escape
///   or `%00` is `.notFound`, for every route including `**` ones;
/// - a constant segment also matches its percent-encoded spelling (`%63omplaints`);
/// - any path length is handled in one pass, without recursion deeper than the longest pattern
///   (the parser's 16 KiB head limit bounds paths anyway).
///
/// Registration mistakes (a repeated method and pattern, a malformed pattern, more than
/// ``RouteParameters/maxCount`` parameters) stop the process: routes are fixed at start-up.
/// Matching allocates nothing (except the `allowed` list of a 405) and runs non-generic code;
/// build the router once and share it (it is a value).
public struct Router<Value> {
    /// The outcome of ``match(_:path:)``.
    public enum Match {
        /// A route matched: its value, the captured parameters, and the pattern it was
        /// registered with (for logs and metrics).
        case found(Value, parameters: RouteParameters, pattern: String)
        /// No route has this path.
        case notFound
        /// Routes have this path, but not for this method; `allowed` lists theirs.
        case methodNotAllowed(allowed: [HTTPMethod])
    }

    private var tree = RouteTree()
    /// The registered values, indexed like the tree's routes.
    private var values: [Value] = []

    /// An empty router.
    public init() {}

    /// Registers `value` for `method` requests whose path matches `pattern`.
    public mutating func register(_ method: HTTPMethod, _ pattern: String, _ value: Value) {
        let index = tree.insert(method, pattern)
        assert(index == values.count)
        values.append(value)
    }

    /// The route for a request: `path` is the request's path (``HTTPRequestHead/path``, still
    /// percent-encoded, without the query). See ``Router`` for the rules.
    public func match(_ method: HTTPMethod, path: Substring) -> Match {
        var contiguous = path
        let result = contiguous.withUTF8 { bytes in tree.search(method, bytes) }
        switch result {
        case .found(let found):
            let route = tree.routes[found.route]
            let parameters = RouteParameters(
                path: path, names: route.parameterNames, ranges: found.captures, remainder: found.remainder)
            return .found(values[found.route], parameters: parameters, pattern: route.pattern)
        case .notFound:
            return .notFound
        case .methodNotAllowed(let allowed):
            return .methodNotAllowed(allowed: allowed)
        }
    }

    /// The route for a request path given as a `String`.
    public func match(_ method: HTTPMethod, path: String) -> Match {
        match(method, path: path[...])
    }
}

extension Router: Sendable where Value: Sendable {}
extension Router.Match: Sendable where Value: Sendable {}
