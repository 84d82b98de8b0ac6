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
/// - a constant segment matches its percent-encoded spelling (`%63omplaints`);
/// - any path length is handled in one pass, without recursion deeper than the longest pattern
///   (the parser's 16 KiB head limit bounds paths anyway).
///
/// Registration mistakes (a repeated method and pattern, a malformed pattern, more than
/// ``RouteParameters/maxCount`` parameters) stop the process: routes are fixed at start-up.
/// Matching allocates nothing; build the router once and share it (it is a value).
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

    struct Route {
        let method: HTTPMethod
        let value: Value
        let pattern: String
        let parameterNames: [String]
    }

    struct Node {
        var constants: [(segment: String, child: Int)] = []
        var parameterChild: Int?
        /// Routes whose pattern ends at this node.
        var routes: [Route] = []
        /// Routes whose pattern is this node's path followed by `**`.
        var catchAllRoutes: [Route] = []
    }

    /// The tree, flattened: children are indices. Node 0 is the root.
    var nodes = [Node()]

    /// An empty router.
    public init() {}

    /// Registers `value` for `method` requests whose path matches `pattern`.
    public mutating func register(_ method: HTTPMethod, _ pattern: String, _ value: Value) {
        precondition(pattern.first == "/", "a route pattern starts with '/': \(pattern)")
        var node = 0
        var names: [String] = []
        var endsWithCatchAll = false
        let segments = pattern == "/" ? [] : pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "**" {
                precondition(index == segments.count - 1, "'**' must be the last segment: \(pattern)")
                endsWithCatchAll = true
            } else if segment.first == ":" {
                let name = String(segment.dropFirst())
                precondition(
                    !name.isEmpty && name.utf8.allSatisfy { HTTPSyntax.isTokenByte($0) && $0 != UInt8(ascii: ":") },
                    "invalid parameter name in \(pattern)")
                precondition(!names.contains(name), "parameter \(name) appears twice in \(pattern)")
                names.append(name)
                node = parameterChild(of: node)
            } else {
                precondition(Self.isValidConstant(segment), "invalid segment '\(segment)' in \(pattern)")
                node = constantChild(of: node, String(segment))
            }
        }
        precondition(names.count <= RouteParameters.maxCount, "more than \(RouteParameters.maxCount) parameters in \(pattern)")
        let route = Route(method: method, value: value, pattern: pattern, parameterNames: names)
        let existing = endsWithCatchAll ? nodes[node].catchAllRoutes : nodes[node].routes
        if let clash = existing.first(where: { $0.method == method }) {
            preconditionFailure("\(method) \(pattern) conflicts with \(method) \(clash.pattern)")
        }
        if endsWithCatchAll {
            nodes[node].catchAllRoutes.append(route)
        } else {
            nodes[node].routes.append(route)
        }
    }

    private mutating func parameterChild(of node: Int) -> Int {
        if let child = nodes[node].parameterChild { return child }
        nodes.append(Node())
        nodes[node].parameterChild = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func constantChild(of node: Int, _ segment: String) -> Int {
        if let existing = nodes[node].constants.first(where: { $0.segment == segment }) { return existing.child }
        nodes.append(Node())
        nodes[node].constants.append((segment, nodes.count - 1))
        return nodes.count - 1
    }

    /// A constant pattern segment: non-empty `pchar`s without `%` (write it decoded), not `.`,
    /// `..` or `*`.
    private static func isValidConstant(_ segment: Substring) -> Bool {
        guard !segment.isEmpty, segment != ".", segment != "..", segment != "*" else { return false }
        return segment.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "-._~!$&'()*+,;=:@".utf8.contains(byte)
            }
        }
    }
}

extension Router: Sendable where Value: Sendable {}
extension Router.Route: Sendable where Value: Sendable {}
extension Router.Node: Sendable where Value: Sendable {}
extension Router.Match: Sendable where Value: Sendable {}
