/// The values a matched route captured from the request path: its `:name` parameters and, for
/// a route ending in `**`, the rest of the path.
///
/// Matching stores only positions in the path (at most ``maxCount`` parameters, inline), so it
/// allocates nothing; a value is percent-decoded when it is read.
public struct RouteParameters: Sendable {
    /// The most `:name` parameters one pattern may have.
    public static let maxCount = 8

    /// The parameter names of the matched pattern, in order.
    public let names: [String]
    private let path: Substring
    private var ranges: InlineArray<8, Range<Int>>
    private let remainder: Range<Int>?

    init(path: Substring, names: [String], ranges: InlineArray<8, Range<Int>>, remainder: Range<Int>?) {
        self.path = path
        self.names = names
        self.ranges = ranges
        self.remainder = remainder
    }

    /// No parameters (for routes matched without a path, and tests).
    public init() {
        self.init(path: "", names: [], ranges: InlineArray(repeating: 0..<0), remainder: nil)
    }

    /// The number of `:name` parameters.
    public var count: Int { names.count }

    /// The percent-decoded value of parameter `name`, or nil if the pattern has no such
    /// parameter. Bytes that do not decode to UTF-8 become U+FFFD.
    public subscript(name: String) -> String? {
        guard let raw = raw(name) else { return nil }
        return PercentDecoding.decodeLossy(raw)
    }

    /// The value of parameter `name` as it appears in the path (still percent-encoded).
    public func raw(_ name: String) -> Substring? {
        guard let index = names.firstIndex(of: name) else { return nil }
        return slice(ranges[index])
    }

    /// For a route ending in `**`: the rest of the path after the matched prefix, without its
    /// leading `/`, still percent-encoded (so that `%2F` stays distinct from `/` when it is
    /// forwarded). Empty when the path ends at the prefix; nil for other routes.
    public var catchAll: Substring? {
        remainder.map(slice)
    }

    private func slice(_ range: Range<Int>) -> Substring {
        let utf8 = path.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return path[start..<end]
    }
}
