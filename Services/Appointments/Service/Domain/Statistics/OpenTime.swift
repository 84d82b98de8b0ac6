import FoundationEssentials
public import GuichetCore

/// How long counters are open over some local dates: their hours inside the site's, minus
/// holidays and absences, in minutes — the denominator of utilisation.
public enum OpenTime {
    /// The open minutes of `counters` (each at its own site among `sites`) over `dates`, in `zone`.
    public static func minutes(
        counters: [SiteCounter], sites: [Site], holidays: TenantHolidays, absences: [Absence], dates: ClosedRange<LocalDate>,
        zone: TenantTimeZone
    ) -> Int {
        guard dates.lowerBound.days(until: dates.upperBound) < 400 else { return 0 }
        let timeline = zone.timeline(covering: dates)
        var total: Int64 = 0
        for counter in counters {
            guard let site = sites.first(where: { $0.id == counter.siteID }) else { continue }
            let plan = CounterPlan(counter: counter, site: site, absences: [], occupancies: [])
            let away = absences.filter { $0.counterID == counter.id }
            var date = dates.lowerBound
            while date <= dates.upperBound {
                var ranges = plan.ranges(on: date)
                switch holidays.closure(on: date) {
                case .wholeDay?: ranges = MinuteRanges([])
                case .partial(let closed)?: ranges = ranges.subtracting(MinuteRanges(closed))
                case nil: break
                }
                let dayStart = Int64(date.daysSince1970) * 86_400
                for range in ranges.ranges {
                    let start = timeline.resolve(localSeconds: dayStart + Int64(range.start) * 60).earliest
                    let end = timeline.resolve(localSeconds: dayStart + Int64(range.end) * 60).earliest
                    guard end > start else { continue }
                    total += max(end - start - overlap(of: start, end, with: away), 0)
                }
                date = date.adding(days: 1)
            }
        }
        return Int(total / 60)
    }

    /// Seconds of `start ..< end` covered by the absences (which may overlap each other).
    static func overlap(of start: Int64, _ end: Int64, with absences: [Absence]) -> Int64 {
        var pieces = absences.map { (max($0.start.secondsSince1970, start), min($0.end.secondsSince1970, end)) }.filter { $0.0 < $0.1 }
        pieces.sort { $0.0 < $1.0 }
        var covered: Int64 = 0
        var cursor = start
        for (pieceStart, pieceEnd) in pieces where pieceEnd > cursor {
            covered += pieceEnd - max(pieceStart, cursor)
            cursor = pieceEnd
        }
        return covered
    }
}
