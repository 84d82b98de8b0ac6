/// Sorted, disjoint ranges of minutes within a day, for intersecting opening hours with schedules
/// and cutting out closures.
struct MinuteRanges: Equatable {
    /// `start ..< end` in minutes since midnight, sorted and disjoint (touching ranges are merged).
    private(set) var ranges: [(start: Int, end: Int)]

    /// The union of `ranges`, normalised.
    init(_ ranges: [LocalTimeRange]) {
        self.init(raw: ranges.map { ($0.start.minuteOfDay, $0.end.minuteOfDay) })
    }

    private init(raw: [(start: Int, end: Int)]) {
        var sorted = raw.filter { $0.start < $0.end }
        sorted.sort { $0.start < $1.start }
        var merged: [(start: Int, end: Int)] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.start <= last.end {
                merged[merged.count - 1].end = max(last.end, range.end)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    /// Whether there is no range.
    var isEmpty: Bool { ranges.isEmpty }

    /// The minutes in both.
    func intersection(_ other: MinuteRanges) -> MinuteRanges {
        var result: [(start: Int, end: Int)] = []
        var left = 0
        var right = 0
        while left < ranges.count && right < other.ranges.count {
            let start = max(ranges[left].start, other.ranges[right].start)
            let end = min(ranges[left].end, other.ranges[right].end)
            if start < end { result.append((start, end)) }
            if ranges[left].end < other.ranges[right].end { left += 1 } else { right += 1 }
        }
        return MinuteRanges(raw: result)
    }

    /// The minutes in `self` but not in `other`.
    func subtracting(_ other: MinuteRanges) -> MinuteRanges {
        var result: [(start: Int, end: Int)] = []
        for range in ranges {
            var start = range.start
            for cut in other.ranges where cut.end > start && cut.start < range.end {
                if cut.start > start { result.append((start, cut.start)) }
                start = max(start, cut.end)
            }
            if start < range.end { result.append((start, range.end)) }
        }
        return MinuteRanges(raw: result)
    }

    static func == (lhs: MinuteRanges, rhs: MinuteRanges) -> Bool {
        lhs.ranges.elementsEqual(rhs.ranges) { $0 == $1 }
    }
}
