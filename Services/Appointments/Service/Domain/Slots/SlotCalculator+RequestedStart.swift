public import FoundationEssentials
public import GuichetCore

extension SlotCalculator {
    /// Checks a requested start and returns the counters that can take it (seats left on each),
    /// or throws the first reason it cannot be booked: service not offered, channel not allowed,
    /// in the past, outside the booking window, on a holiday, outside opening hours, not on the
    /// slot grid, taken. The store then books one of the returned counters under its constraint.
    ///
    /// `overridingWindow` (an agent's override, or the administration rescheduling a booking) lifts
    /// the booking window and the channel rule, never the rest: a start in the past, on a holiday,
    /// outside the hours, off the grid or taken is refused all the same.
    public func check(start: Date, channel: Channel, now: Date, overridingWindow: Bool = false) throws(SlotRejection) -> [CounterSlot] {
        guard isServiceOffered else { throw .serviceNotOffered }
        guard overridingWindow || service.channels.contains(channel) else { throw .channelNotAllowed }
        guard start >= now else { throw .inThePast }
        var window = bookingWindow(now: now)
        if overridingWindow { window = (now.secondsSince1970, Int64.max) }
        guard let seconds = start.exactSecondsSince1970 else { throw .notOnGrid }
        guard seconds >= window.earliest && seconds <= window.latest else { throw .outsideWindow }

        let date = zone.localDate(at: start)
        let timeline = zone.timeline(covering: date...date)
        let localStart = timeline.localSeconds(at: seconds)
        let localEnd = timeline.localSeconds(at: seconds + durationSeconds)
        if isInHolidayClosure(date: date, localStart: localStart, localEnd: localEnd) { throw .onHoliday }

        let end = seconds + durationSeconds
        var intervals: [OpenInterval] = []
        collectOpenIntervals(on: date, timeline: timeline, into: &intervals)
        let containing = intervals.filter { $0.start <= seconds && end <= $0.end }
        guard !containing.isEmpty else { throw .outsideOpeningHours }

        // On the grid: one of the starts the availability offers for these ranges (so the second
        // pass of a repeated hour, or a start squeezed by a forward jump, is not).
        let onGrid = containing.filter { interval in
            var found = false
            forEachGridStart(in: interval, timeline: timeline) { candidate in
                if candidate == seconds { found = true }
            }
            return found
        }
        guard !onGrid.isEmpty else { throw .notOnGrid }

        var free: [CounterSlot] = []
        for interval in onGrid {
            let plan = plans[interval.plan]
            let remaining = plan.remainingSeats(
                start: seconds, end: end, occupiedEnd: end + bufferSeconds, service: seatRule, now: now.secondsSince1970)
            if remaining > 0 {
                free.append(CounterSlot(counterID: plan.counter.id, start: start, end: Date(secondsSince1970: end), remaining: remaining))
            }
        }
        guard !free.isEmpty else { throw .taken }
        return free
    }

    /// The problem for a rejected start, in `language`; a taken slot's problem carries
    /// `next_slots` (up to `limit` free slots after `start`, as in the availability answer).
    public func problem(for rejection: SlotRejection, start: Date, now: Date, language: Language, limit: Int = 5) -> Problem {
        let problem = Problem(rejection.kind, language: language)
        guard rejection == .taken else { return problem }
        let next = nextSlots(after: start, limit: limit, now: now)
        return problem.withExtension("next_slots", .array(next.map { $0.json(in: zone) }))
    }

    /// Up to `limit` free slots starting strictly after `instant`, inside the booking window at
    /// `now`, searching at most ``Configuration/nextSlotsSearchDays`` days.
    public func nextSlots(after instant: Date, limit: Int = 5, now: Date) -> [Slot] {
        guard isServiceOffered, limit > 0 else { return [] }
        let window = bookingWindow(now: now)
        let after = instant.secondsSince1970
        let searchStart = max(after, window.earliest)
        guard searchStart <= window.latest else { return [] }
        let first = zone.localDate(at: Date(secondsSince1970: searchStart))
        let last = min(zone.localDate(at: Date(secondsSince1970: window.latest)), first.adding(days: configuration.nextSlotsSearchDays - 1))
        guard first <= last else { return [] }
        let timeline = zone.timeline(covering: first...last)
        var result: [Slot] = []
        var day: [Int64] = []
        var intervals: [OpenInterval] = []
        var merged: [Slot] = []
        var date = first
        while date <= last && result.count < limit {
            collectOpenIntervals(on: date, timeline: timeline, into: &intervals)
            collectFreeSlots(in: intervals, timeline: timeline, window: window, now: now.secondsSince1970, into: &day)
            merged.removeAll(keepingCapacity: true)
            appendMerged(&day, to: &merged)
            for slot in merged where slot.start.secondsSince1970 > after {
                result.append(slot)
                if result.count == limit { break }
            }
            date = date.adding(days: 1)
        }
        return result
    }

    /// Whether the slot's wall-clock span touches a holiday closure of its date.
    private func isInHolidayClosure(date: LocalDate, localStart: Int64, localEnd: Int64) -> Bool {
        switch holidays.closure(on: date) {
        case nil: return false
        case .wholeDay: return true
        case .partial(let ranges):
            let dayStart = Int64(date.daysSince1970) * 86_400
            return ranges.contains { range in
                let closedStart = dayStart + Int64(range.start.minuteOfDay) * 60
                let closedEnd = dayStart + Int64(range.end.minuteOfDay) * 60
                return localStart < closedEnd && closedStart < localEnd
            }
        }
    }
}
