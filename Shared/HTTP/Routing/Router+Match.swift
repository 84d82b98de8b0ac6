extension Router {
    /// The route for a request: `path` is the request's path (``HTTPRequestHead/path``, still
    /// percent-encoded, without the query). See ``Router`` for the rules.
    public func match(_ method: HTTPMethod, path: Substring) -> Match {
        var contiguous = path
        return contiguous.withUTF8 { bytes in
            match(method, path: path, bytes: bytes)
        }
    }

    /// The route for a request path given as a `String`.
    public func match(_ method: HTTPMethod, path: String) -> Match {
        match(method, path: path[...])
    }

    private func match(_ method: HTTPMethod, path: Substring, bytes: UnsafeBufferPointer<UInt8>) -> Match {
        guard Self.isRoutable(bytes) else { return .notFound }
        var search = Search(bytes: bytes, method: method)
        // The root path "/" has no segments: start at its end.
        let start = bytes.count == 1 ? 1 : 0
        if let found = find(0, at: start, &search) {
            let route = found.route
            let parameters = RouteParameters(
                path: path, names: route.parameterNames, ranges: search.captures, remainder: found.remainder)
            return .found(route.value, parameters: parameters, pattern: route.pattern)
        }
        guard search.pathMatched else { return .notFound }
        // Second pass, only for 405: gather every method that routes on this path.
        search = Search(bytes: bytes, method: method, collectingAllowed: true)
        _ = find(0, at: start, &search)
        return .methodNotAllowed(allowed: search.allowed)
    }

    /// The state of one search through the tree.
    private struct Search {
        let bytes: UnsafeBufferPointer<UInt8>
        let method: HTTPMethod
        var collectingAllowed = false
        var captures = InlineArray<8, Range<Int>>(repeating: 0..<0)
        var captureCount = 0
        var pathMatched = false
        var allowed: [HTTPMethod] = []
    }

    /// Depth-first search from `node`, the path's unmatched part starting at `position` (a `/`,
    /// or the end). Returns the first route in preference order that serves the method.
    private func find(_ node: Int, at position: Int, _ search: inout Search) -> (route: Route, remainder: Range<Int>?)? {
        let bytes = search.bytes
        let current = nodes[node]
        if position == bytes.count {
            if let route = route(in: current.routes, &search) { return (route, nil) }
            if let route = route(in: current.catchAllRoutes, &search) { return (route, position..<position) }
            return nil
        }
        let segmentStart = position + 1
        var segmentEnd = segmentStart
        while segmentEnd < bytes.count && bytes[segmentEnd] != HTTPSyntax.slash { segmentEnd += 1 }
        let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<segmentEnd])

        for constant in current.constants where Self.segment(segment, equals: constant.segment) {
            if let found = find(constant.child, at: segmentEnd, &search) { return found }
            break
        }
        if let child = current.parameterChild {
            search.captures[search.captureCount] = segmentStart..<segmentEnd
            search.captureCount += 1
            if let found = find(child, at: segmentEnd, &search) { return found }
            search.captureCount -= 1
        }
        if let route = route(in: current.catchAllRoutes, &search) {
            return (route, segmentStart..<bytes.count)
        }
        return nil
    }

    /// The route among `routes` (one node's, same path) that serves the method, HEAD falling
    /// back to GET. Notes that the path matched, and gathers the allowed methods when asked.
    private func route(in routes: [Route], _ search: inout Search) -> Route? {
        guard !routes.isEmpty else { return nil }
        search.pathMatched = true
        if search.collectingAllowed {
            for route in routes where !search.allowed.contains(route.method) {
                search.allowed.append(route.method)
                if route.method == .get && !routes.contains(where: { $0.method == .head }) && !search.allowed.contains(.head) {
                    search.allowed.append(.head)
                }
            }
            return nil
        }
        if let exact = routes.first(where: { $0.method == search.method }) { return exact }
        if search.method == .head, let get = routes.first(where: { $0.method == .get }) { return get }
        return nil
    }

    /// Whether a path can be routed at all: `/`-rooted, no empty or dot segments, valid escapes.
    static func isRoutable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.first == HTTPSyntax.slash else { return false }
        if bytes.count == 1 { return true }
        var segmentStart = 1
        while segmentStart <= bytes.count {
            var end = segmentStart
            while end < bytes.count && bytes[end] != HTTPSyntax.slash { end += 1 }
            let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<end])
            guard !segment.isEmpty, !isDotSegment(segment), PercentDecoding.hasValidEscapes(segment) else { return false }
            segmentStart = end + 1
        }
        return true
    }

    /// `.` or `..`, with each dot possibly written `%2e` or `%2E`.
    private static func isDotSegment(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        var dots = 0
        var index = 0
        while index < segment.count {
            if segment[index] == UInt8(ascii: ".") {
                index += 1
            } else if index + 2 < segment.count, segment[index] == HTTPSyntax.percent, segment[index + 1] == UInt8(ascii: "2"),
                segment[index + 2] | 0x20 == UInt8(ascii: "e")
            {
                index += 3
            } else {
                return false
            }
            dots += 1
        }
        return dots == 1 || dots == 2
    }

    /// Whether a raw path segment, percent-decoded on the fly, equals a constant.
    private static func segment(_ segment: UnsafeBufferPointer<UInt8>, equals constant: String) -> Bool {
        var constantBytes = constant.utf8.makeIterator()
        var index = 0
        while index < segment.count {
            var byte = segment[index]
            if byte == HTTPSyntax.percent, index + 2 < segment.count,
                let high = HTTPSyntax.hexValue(segment[index + 1]), let low = HTTPSyntax.hexValue(segment[index + 2])
            {
                byte = high << 4 | low
                index += 3
            } else {
                index += 1
            }
            guard constantBytes.next() == byte else { return false }
        }
        return constantBytes.next() == nil
    }
}
