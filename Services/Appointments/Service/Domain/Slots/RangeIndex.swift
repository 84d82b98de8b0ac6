/// Half-open ranges of seconds sorted by start, with the running maximum of their ends, to find the
/// ranges overlapping a query in logarithmic time plus the overlaps.
struct RangeIndex: Sendable {
    /// Starts, ascending.
    private(set) var starts: [Int64] = []
    /// Ends, in the order of ``starts``.
    private(set) var ends: [Int64] = []
    /// The position of each range in the caller's input.
    private(set) var positions: [Int] = []
    /// The largest end among ranges `0...i`.
    private var runningMaximumEnds: [Int64] = []

    /// An index of `ranges` (`start ..< end`); empty ranges are dropped.
    init(_ ranges: [(start: Int64, end: Int64)]) {
        let order = ranges.indices.filter { ranges[$0].start < ranges[$0].end }.sorted { ranges[$0].start < ranges[$1].start }
        starts.reserveCapacity(order.count)
        ends.reserveCapacity(order.count)
        runningMaximumEnds.reserveCapacity(order.count)
        var maximum = Int64.min
        for position in order {
            starts.append(ranges[position].start)
            ends.append(ranges[position].end)
            positions.append(position)
            maximum = max(maximum, ranges[position].end)
            runningMaximumEnds.append(maximum)
        }
    }

    /// Whether the index holds no range.
    var isEmpty: Bool { starts.isEmpty }

    /// Calls `body` with the input position of every range overlapping `start ..< end`, latest
    /// start first; `body` returns `false` to stop.
    func forEachOverlap(_ start: Int64, _ end: Int64, _ body: (Int) -> Bool) {
        // The first range starting at or after `end` cannot overlap, nor can any after it.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < end { low = middle + 1 } else { high = middle }
        }
        var index = low - 1
        while index >= 0 && runningMaximumEnds[index] > start {
            if ends[index] > start && !body(positions[index]) { return }
            index -= 1
        }
    }

    /// Whether any range overlaps `start ..< end`.
    func overlaps(_ start: Int64, _ end: Int64) -> Bool {
        var found = false
        forEachOverlap(start, end) { _ in
            found = true
            return false
        }
        return found
    }
}
