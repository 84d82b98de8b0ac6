/// The routing tree behind ``Router``, without the stored values so that it is not generic:
/// matching then runs fully specialised code, with no generic metadata lookups.
///
/// The tree is flattened into an array of nodes (children are indices); node 0 is the root.
struct RouteTree: Sendable {
    /// A route registered at a node, for one method; `route` indexes `routes`.
    struct Entry: Sendable {
        let method: HTTPMethod
        let route: Int
    }

    /// A constant segment leading to a child node.
    struct Constant: Sendable {
        let segment: String
        let bytes: [UInt8]
        let child: Int
    }

    struct Node: Sendable {
        var constants: [Constant] = []
        /// The child reached by a `:name` segment, or -1.
        var parameterChild = -1
        /// Routes whose pattern ends at this node.
        var routes: [Entry] = []
        /// Routes whose pattern is this node's path followed by `**`.
        var catchAllRoutes: [Entry] = []
    }

    /// What is known about a registered route.
    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: String
        let parameterNames: [String]
    }

    var nodes = [Node()]
    var routes: [Route] = []

    /// Adds a route and returns its index in `routes`; stops the process on a malformed or
    /// conflicting pattern.
    mutating func insert(_ method: HTTPMethod, _ pattern: String) -> Int {
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
        precondition(
            names.count <= RouteParameters.maxCount, "more than \(RouteParameters.maxCount) parameters in \(pattern)")
        let existing = endsWithCatchAll ? nodes[node].catchAllRoutes : nodes[node].routes
        if let clash = existing.first(where: { $0.method == method }) {
            preconditionFailure("\(method) \(pattern) conflicts with \(method) \(routes[clash.route].pattern)")
        }
        let entry = Entry(method: method, route: routes.count)
        routes.append(Route(method: method, pattern: pattern, parameterNames: names))
        if endsWithCatchAll {
            nodes[node].catchAllRoutes.append(entry)
        } else {
            nodes[node].routes.append(entry)
        }
        return entry.route
    }

    private mutating func parameterChild(of node: Int) -> Int {
        if nodes[node].parameterChild >= 0 { return nodes[node].parameterChild }
        nodes.append(Node())
        nodes[node].parameterChild = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func constantChild(of node: Int, _ segment: String) -> Int {
        if let existing = nodes[node].constants.first(where: { $0.segment == segment }) { return existing.child }
        nodes.append(Node())
        nodes[node].constants.append(Constant(segment: segment, bytes: Array(segment.utf8), child: nodes.count - 1))
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
