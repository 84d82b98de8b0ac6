import FoundationEssentials
import GuichetCore

/// What the seat count needs of the service, copied out of it so that the hot loop does not copy
/// (and retain) the whole service.
struct SeatRule: Sendable {
    /// The service booked.
    var id: UUID
    /// People per slot.
    var capacity: Int
}

/// One counter, prepared for a slot computation: its hours inside the site's for each weekday and
/// exception date, and its absences and occupancies indexed for overlap queries.
///
/// A class so that the per-slot loop shares one reference instead of copying a dozen arrays.
/// Immutable after `init`, hence `Sendable`.
final class CounterPlan: Sendable {
    /// The counter.
    let counter: SiteCounter
    /// Monday first: the weekly ranges inside the site's opening hours of that weekday.
    private let weeklyRanges: [MinuteRanges]
    /// The ranges of exception dates inside the site's opening hours.
    private let exceptionRanges: [LocalDate: MinuteRanges]
    private let absences: RangeIndex
    private let occupancyIndex: RangeIndex
    private let occupancyServices: [UUID]
    private let occupancyStarts: [Int64]
    private let occupancySeats: [Int]
    private let occupancyExpiries: [Int64]

    init(counter: SiteCounter, site: Site, absences: [(start: Int64, end: Int64)], occupancies: [Occupancy]) {
        self.counter = counter
        let siteHours = Weekday.allCases.map { MinuteRanges(site.openingHours[$0]) }
        self.weeklyRanges = Weekday.allCases.map { weekday in
            MinuteRanges(counter.schedule[weekday]).intersection(siteHours[weekday.isoNumber - 1])
        }
        var exceptionRanges: [LocalDate: MinuteRanges] = [:]
        for exception in counter.exceptions {
            // The last exception for a date wins, as in `SiteCounter.hours(on:)`.
            exceptionRanges[exception.date] = MinuteRanges(exception.openRanges)
                .intersection(siteHours[exception.date.weekday.isoNumber - 1])
        }
        self.exceptionRanges = exceptionRanges
        self.absences = RangeIndex(absences)
        self.occupancyIndex = RangeIndex(occupancies.map { ($0.start.secondsSince1970, $0.end.secondsSince1970) })
        self.occupancyServices = occupancies.map(\.serviceID)
        self.occupancyStarts = occupancies.map(\.start.secondsSince1970)
        self.occupancySeats = occupancies.map { max($0.seats, 0) }
        self.occupancyExpiries = occupancies.map { $0.expiresAt?.secondsSince1970 ?? Int64.max }
    }

    /// The counter's open minutes on `date`, inside the site's opening hours (holidays not applied).
    func ranges(on date: LocalDate) -> MinuteRanges {
        if let exception = exceptionRanges[date] { return exception }
        return weeklyRanges[date.weekday.isoNumber - 1]
    }

    /// The seats left on this counter for a slot `start ..< end` that keeps the counter busy until
    /// `occupiedEnd`: 0 if absent or blocked by another booking; otherwise the capacity minus the
    /// seats of live bookings and holds of the same service at the same start.
    func remainingSeats(start: Int64, end: Int64, occupiedEnd: Int64, service: SeatRule, now: Int64) -> Int {
        if absences.overlaps(start, end) { return 0 }
        var used = 0
        var blocked = false
        occupancyIndex.forEachOverlap(start, occupiedEnd) { position in
            // A hold stops holding at its expiry (`expiresAt > now` is live).
            guard occupancyExpiries[position] > now else { return true }
            if occupancyServices[position] == service.id && occupancyStarts[position] == start {
                used += occupancySeats[position]
                return true
            }
            blocked = true
            return false
        }
        return blocked ? 0 : max(service.capacity - used, 0)
    }
}
