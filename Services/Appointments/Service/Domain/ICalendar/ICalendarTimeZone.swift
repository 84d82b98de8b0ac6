import FoundationEssentials
import GuichetCore

/// Writes a zone as a VTIMEZONE component (RFC 5545 §3.6.5) covering a span of years: one
/// observance per offset change in that span, plus the change in force when it begins, so that a
/// calendar program needs no time zone database of its own (Morocco's Ramadan changes move every
/// year and no recurrence rule describes them).
struct ICalendarTimeZone {
    let zone: TenantTimeZone

    /// Appends `BEGIN:VTIMEZONE` … `END:VTIMEZONE` for the years `years`.
    func append(covering years: ClosedRange<Int>, to content: inout ICalendarContent) {
        let first = LocalDate(year: years.lowerBound, month: 1, day: 1) ?? .earliest
        let last = LocalDate(year: min(years.upperBound + 1, 9999), month: 1, day: 1) ?? .latest
        let spanStart = Int64(first.daysSince1970) * 86_400 - TenantTimeZone.widestOffsets.east
        let spanEnd = Int64(last.daysSince1970) * 86_400 - TenantTimeZone.widestOffsets.west
        // Look back up to ten years for the change in force when the span begins.
        let lookBack = spanStart - 10 * 366 * 86_400
        let transitions = zone.transitions(from: Date(secondsSince1970: lookBack), to: Date(secondsSince1970: spanEnd))
        let inSpan = transitions.filter { $0.instant.secondsSince1970 >= spanStart }
        var observances = inSpan
        if let previous = transitions.last(where: { $0.instant.secondsSince1970 < spanStart }) {
            observances.insert(previous, at: 0)
        }
        content.append("BEGIN", "VTIMEZONE")
        content.append("TZID", zone.identifier)
        if observances.isEmpty {
            // A zone without changes: one observance since 1970.
            let offset = zone.offset(at: Date(secondsSince1970: spanStart))
            appendObservance(kind: "STANDARD", start: "19700101T000000", from: offset, to: offset, to: &content)
        }
        for transition in observances {
            let localStart = transition.instant.secondsSince1970 + Int64(transition.offsetBefore)
            appendObservance(
                kind: transition.isDaylightSavingTimeAfter ? "DAYLIGHT" : "STANDARD",
                start: ICalendarTimeZone.localDateTime(localStart), from: transition.offsetBefore,
                to: transition.offsetAfter, to: &content)
        }
        content.append("END", "VTIMEZONE")
    }

    private func appendObservance(kind: String, start: String, from: Int, to: Int, to content: inout ICalendarContent) {
        content.append("BEGIN", kind)
        content.append("DTSTART", start)
        content.append("TZOFFSETFROM", ICalendarTimeZone.utcOffset(from))
        content.append("TZOFFSETTO", ICalendarTimeZone.utcOffset(to))
        content.append("TZNAME", ICalendarTimeZone.offsetName(to))
        content.append("END", kind)
    }

    /// A local DATE-TIME without zone, `YYYYMMDDTHHMMSS`, from wall-clock seconds since 1970.
    static func localDateTime(_ localSeconds: Int64) -> String {
        let (days, second) = localSeconds.flooredQuotientAndRemainder(dividingBy: 86_400)
        let date = LocalDate(clampingDaysSince1970: Int(days))
        return String(date.year, minimumDigits: 4) + String(date.month, minimumDigits: 2) + String(date.day, minimumDigits: 2) + "T"
            + String(second / 3600, minimumDigits: 2) + String(second / 60 % 60, minimumDigits: 2) + String(second % 60, minimumDigits: 2)
    }

    /// A UTC DATE-TIME, `YYYYMMDDTHHMMSSZ`.
    static func utcDateTime(_ instant: Date) -> String {
        localDateTime(instant.secondsSince1970) + "Z"
    }

    /// A UTC-OFFSET value, `+0100` or `-0330` (with seconds when not whole minutes).
    static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = sign + String(magnitude / 3600, minimumDigits: 2) + String(magnitude / 60 % 60, minimumDigits: 2)
        return magnitude % 60 == 0 ? text : text + String(magnitude % 60, minimumDigits: 2)
    }

    /// The tz database's numeric abbreviation for an offset: `+01`, `+00`, `-0330`.
    static func offsetName(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let hours = sign + String(magnitude / 3600, minimumDigits: 2)
        return magnitude % 3600 == 0 ? hours : hours + String(magnitude / 60 % 60, minimumDigits: 2)
    }
}
