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
        let transitions = zone.transitions(from: Date(epochSeconds: lookBack), to: Date(epochSeconds: spanEnd))
        let inSpan = transitions.filter { $0.instant.epochSeconds >= spanStart }
        var observances = inSpan
        if let previous = transitions.last(where: { $0.instant.epochSeconds < spanStart }) {
            observances.insert(previous, at: 0)
        }
        content.append("BEGIN", "VTIMEZONE")
        content.append("TZID", zone.identifier)
        if observances.isEmpty {
            // A zone without changes: one observance since 1970.
            let offset = zone.offset(at: Date(epochSeconds: spanStart))
            appendObservance(kind: "STANDARD", start: "19700101T000000", from: offset, to: offset, to: &content)
        }
        for transition in observances {
            let localStart = transition.instant.epochSeconds + Int64(transition.offsetBefore)
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
        let (days, second) = TenantTimeZone.floorDivide(localSeconds, 86_400)
        let date = LocalDate(clampingDaysSince1970: Int(days))
        return DecimalText.pad(date.year, 4) + DecimalText.pad(date.month, 2) + DecimalText.pad(date.day, 2) + "T"
            + DecimalText.pad(Int(second / 3600), 2) + DecimalText.pad(Int(second / 60 % 60), 2) + DecimalText.pad(Int(second % 60), 2)
    }

    /// A UTC DATE-TIME, `YYYYMMDDTHHMMSSZ`.
    static func utcDateTime(_ instant: Date) -> String {
        localDateTime(instant.epochSeconds) + "Z"
    }

    /// A UTC-OFFSET value, `+0100` or `-0330` (with seconds when not whole minutes).
    static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = sign + DecimalText.pad(magnitude / 3600, 2) + DecimalText.pad(magnitude / 60 % 60, 2)
        return magnitude % 60 == 0 ? text : text + DecimalText.pad(magnitude % 60, 2)
    }

    /// The tz database's numeric abbreviation for an offset: `+01`, `+00`, `-0330`.
    static func offsetName(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let hours = sign + DecimalText.pad(magnitude / 3600, 2)
        return magnitude % 3600 == 0 ? hours : hours + DecimalText.pad(magnitude / 60 % 60, 2)
    }
}
