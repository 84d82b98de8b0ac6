import FoundationEssentials
import GuichetCore

extension SlotCalculator {
    /// The booking window at `now`, in seconds since 1970: starts from `earliest` to `latest`.
    func bookingWindow(now: Date) -> (earliest: Int64, latest: Int64) {
        let window = service.bookingWindow
        return (window.earliestStart(now: now).secondsSince1970, window.latestStart(now: now).secondsSince1970)
    }

    /// One counter's open range on one date, in wall-clock seconds and instants.
    struct OpenInterval {
        /// Which ``plans`` entry.
        var plan: Int
        /// The wall-clock start and end, in seconds since 1970 as if the zone were UTC.
        var localStart: Int64
        var localEnd: Int64
        /// The instants of the start and end (first occurrence, or the jump over a gap).
        var start: Int64
        var end: Int64
    }

    /// The open ranges of every counter on `date` (`intervals` is cleared first): the counter's
    /// hours inside the site's, minus the holiday's closed hours.
    func collectOpenIntervals(on date: LocalDate, timeline: OffsetTimeline, into intervals: inout [OpenInterval]) {
        intervals.removeAll(keepingCapacity: true)
        let closure = holidays.closure(on: date)
        if closure == .wholeDay { return }
        var closed: MinuteRanges?
        if case .partial(let ranges) = closure { closed = MinuteRanges(ranges) }
        let dayStart = Int64(date.daysSince1970) * 86_400
        for index in plans.indices {
            var ranges = plans[index].ranges(on: date)
            if let closed { ranges = ranges.subtracting(closed) }
            for range in ranges.ranges {
                let localStart = dayStart + Int64(range.start) * 60
                let localEnd = dayStart + Int64(range.end) * 60
                intervals.append(
                    OpenInterval(
                        plan: index, localStart: localStart, localEnd: localEnd,
                        start: timeline.resolve(localSeconds: localStart).earliest,
                        end: timeline.resolve(localSeconds: localEnd).earliest))
            }
        }
    }

    /// Calls `body` with each slot start of the grid in `interval` whose slot ends inside it:
    /// wall times start + k × step, skipping those that never happen, at their first occurrence.
    ///
    /// Just after the clocks jump forward, a wall-time start can come sooner than one step after
    /// the previous slot's start (a 45-minute slot at 01:30 runs until 03:15 new time, past the
    /// 03:00 start); such a start is skipped so that one counter's slots never overlap.
    func forEachGridStart(in interval: OpenInterval, timeline: OffsetTimeline, _ body: (Int64) -> Void) {
        var local = interval.localStart
        var nextAllowed = Int64.min
        while local < interval.localEnd {
            let resolved = timeline.resolve(localSeconds: local)
            if !resolved.isSkipped && resolved.earliest >= nextAllowed {
                // First occurrences grow with the wall time, so once a slot overflows, all later do.
                guard resolved.earliest + durationSeconds <= interval.end else { return }
                body(resolved.earliest)
                nextAllowed = resolved.earliest + stepSeconds
            }
            local += stepSeconds
        }
    }

    /// Appends every free counter slot of `intervals` to `day` (cleared first), packed as
    /// ``packSlot(start:remaining:)`` so that sorting them is sorting integers.
    func collectFreeSlots(
        in intervals: [OpenInterval], timeline: OffsetTimeline, window: (earliest: Int64, latest: Int64), now: Int64,
        into day: inout [Int64]
    ) {
        day.removeAll(keepingCapacity: true)
        for interval in intervals {
            let plan = plans[interval.plan]
            forEachGridStart(in: interval, timeline: timeline) { start in
                guard start >= window.earliest && start <= window.latest else { return }
                let end = start + durationSeconds
                let remaining = plan.remainingSeats(
                    start: start, end: end, occupiedEnd: end + bufferSeconds, service: seatRule, now: now)
                if remaining > 0 { day.append(SlotCalculator.packSlot(start: start, remaining: remaining)) }
            }
        }
    }

    /// Sorts one day's packed counter slots by start and appends them merged, seats added up.
    func appendMerged(_ day: inout [Int64], to slots: inout [Slot]) {
        guard !day.isEmpty else { return }
        day.sort()
        var start = day[0] >> SlotCalculator.remainingBits
        var remaining = 0
        for packed in day {
            let entryStart = packed >> SlotCalculator.remainingBits
            if entryStart != start {
                slots.append(makeSlot(start: start, remaining: remaining))
                start = entryStart
                remaining = 0
            }
            remaining += Int(packed & SlotCalculator.remainingMask)
        }
        slots.append(makeSlot(start: start, remaining: remaining))
    }

    /// Bits of a packed slot that hold its seats (up to 16 million; more are clamped).
    static let remainingBits: Int64 = 24
    static let remainingMask: Int64 = (1 << remainingBits) - 1

    /// A counter slot as one integer, start in the high bits and seats in the low 24, so that a
    /// day's slots sort as integers (starts are after 1970 and before the year 500 000).
    static func packSlot(start: Int64, remaining: Int) -> Int64 {
        start << remainingBits | min(Int64(remaining), remainingMask)
    }

    private func makeSlot(start: Int64, remaining: Int) -> Slot {
        Slot(start: Date(secondsSince1970: start), end: Date(secondsSince1970: start + durationSeconds), remaining: remaining)
    }
}

