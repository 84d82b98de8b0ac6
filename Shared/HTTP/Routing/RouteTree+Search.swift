extension RouteTree {
    /// A matched route: its index, the byte ranges of its parameters in the path, and for a
    /// `**` route the range of the rest of the path.
    struct Found {
        var route: Int
        var captures: InlineArray<8, Range<Int>>
        var remainder: Range<Int>?
    }

    /// The outcome of a search.
    enum SearchResult {
        case found(Found)
        case notFound
        case methodNotAllowed([HTTPMethod])
    }

    /// Finds the route for `method` and the path `bytes` (see ``Router`` for the rules).
    func search(_ method: HTTPMethod, _ bytes: UnsafeBufferPointer<UInt8>) -> SearchResult {
        guard Self.isRoutable(bytes) else { return .notFound }
        var search = Search(bytes: bytes, method: method)
        // The root path "/" has no segments: start at its end.
        let start = bytes.count == 1 ? 1 : 0
        if let (route, remainder) = find(0, at: start, &search) {
            return .found(Found(route: route, captures: search.captures, remainder: remainder))
        }
        guard search.pathMatched else { return .notFound }
        // Second pass, only for 405: gather every method that routes on this path.
        search = Search(bytes: bytes, method: method, collectingAllowed: true)
        _ = find(0, at: start, &search)
        return .methodNotAllowed(search.allowed)
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
    private func find(_ node: Int, at position: Int, _ search: inout Search) -> (route: Int, remainder: Range<Int>?)? {
        let bytes = search.bytes
        if position == bytes.count {
            if let route = route(in: nodes[node].routes, &search) { return (route, nil) }
            if let route = route(in: nodes[node].catchAllRoutes, &search) { return (route, position..<position) }
            return nil
        }
        let segmentStart = position + 1
        var segmentEnd = segmentStart
        while segmentEnd < bytes.count && bytes[segmentEnd] != HTTPSyntax.slash { segmentEnd += 1 }
        let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<segmentEnd])

        for constant in nodes[node].constants where Self.segment(segment, equals: constant.bytes) {
            if let found = find(constant.child, at: segmentEnd, &search) { return found }
            break
        }
        let parameterChild = nodes[node].parameterChild
        if parameterChild >= 0 {
            search.captures[search.captureCount] = segmentStart..<segmentEnd
            search.captureCount += 1
            if let found = find(parameterChild, at: segmentEnd, &search) { return found }
            search.captureCount -= 1
        }
        if let route = route(in: nodes[node].catchAllRoutes, &search) {
            return (route, segmentStart..<bytes.count)
        }
        return nil
    }

    /// The route among `entries` (one node's, same path) that serves the method, HEAD falling
    /// back to GET. Notes that the path matched, and gathers the allowed methods when asked.
    private func route(in entries: [Entry], _ search: inout Search) -> Int? {
        guard !entries.isEmpty else { return nil }
        search.pathMatched = true
        if search.collectingAllowed {
            let hasHead = entries.contains { $0.method == .head }
            for entry in entries where !search.allowed.contains(entry.method) {
                search.allowed.append(entry.method)
                if entry.method == .get && !hasHead && !search.allowed.contains(.head) {
                    search.allowed.append(.head)
                }
            }
            return nil
        }
        var getRoute: Int?
        for entry in entries {
            if entry.method == search.method { return entry.route }
            if entry.method == .get { getRoute = entry.route }
        }
        return search.method == .head ? getRoute : nil
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
            } else if index + 2 < segment.count, segment[index] == HTTPSyntax.percent,
                segment[index + 1] == UInt8(ascii: "2"), segment[index + 2] | 0x20 == UInt8(ascii: "e")
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
    private static func segment(_ segment: UnsafeBufferPointer<UInt8>, equals constant: [UInt8]) -> Bool {
        if segment.count == constant.count {
            return constant.withUnsafeBufferPointer { $0.elementsEqual(segment) }
        }
        // Only a longer segment can be a percent-encoded spelling of the constant.
        guard segment.count > constant.count else { return false }
        var constantBytes = constant.makeIterator()
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
