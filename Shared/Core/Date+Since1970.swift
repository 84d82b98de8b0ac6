public import FoundationEssentials

// Whole seconds since 1970, the unit the domains compute with (exact, cheap to compare and add), and
// microseconds since 1970, the resolution of PostgreSQL's `timestamptz` and of the audit chain.
//
// `Date` keeps an instant as a `Double` of seconds since 2001-01-01. Going through
// `timeIntervalSince1970` adds 978 307 200 and rounds, and scaling by a million rounds again: of the
// microsecond instants of 2020–2100, about 4 % are written a microsecond off by
// `(timeIntervalSince1970 * 1e6).rounded()`, and about 29 % read back by
// `Date(timeIntervalSince1970: Double(µs) / 1e6)` as a `Date` other than the one written. These
// conversions work on the seconds since 2001 themselves, split into whole seconds and a fraction (both
// exact), and make a date from a microsecond count with a single rounding: every microsecond count of
// years 1729–2272 makes the round trip exactly, both ways.

extension Date {
    /// 2001-01-01T00:00:00Z (Foundation's reference date) in seconds since 1970.
    static let referenceDateSecondsSince1970: Int64 = 978_307_200
    /// 2001-01-01T00:00:00Z in microseconds since 1970.
    static let referenceDateMicrosecondsSince1970: Int64 = 978_307_200_000_000

    /// The instant `seconds` whole seconds after 1970-01-01T00:00:00Z (before it when negative).
    public init(secondsSince1970 seconds: Int64) {
        self.init(timeIntervalSinceReferenceDate: Double(seconds - Date.referenceDateSecondsSince1970))
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down (toward the past). Instants beyond
    /// about 146 billion years either way read as ±2⁶² seconds.
    public var secondsSince1970: Int64 {
        let reference = timeIntervalSinceReferenceDate.rounded(.down)
        guard let seconds = Int64(exactly: reference), abs(seconds) < Int64.max / 2 else {
            return reference < 0 ? Int64.min / 2 : Int64.max / 2
        }
        return seconds + Date.referenceDateSecondsSince1970
    }

    /// The instant `microseconds` microseconds after 1970-01-01T00:00:00Z (a `timestamptz` as
    /// PostgreSQL sends it); ``microsecondsSince1970`` gives the count back.
    public init(microsecondsSince1970 microseconds: Int64) {
        let (seconds, fraction) = microseconds.flooredQuotientAndRemainder(dividingBy: 1_000_000)
        let sinceReference = seconds - Date.referenceDateSecondsSince1970
        if fraction != 0, abs(sinceReference) < 1 << 33 {
            // One rounding, to the Double nearest the exact count (exact in Int64 and below 2⁵³).
            self.init(timeIntervalSinceReferenceDate: Double(sinceReference * 1_000_000 + fraction) / 1_000_000)
        } else {
            // Whole seconds are exact; far from 2001 a Double cannot keep microseconds anyway.
            self.init(timeIntervalSinceReferenceDate: Double(sinceReference) + Double(fraction) / 1_000_000)
        }
    }

    /// Microseconds since 1970-01-01T00:00:00Z, rounded to the nearest: the `timestamptz` this instant
    /// is stored as. Instants beyond about ±285 000 years read as `Int64.min` or `Int64.max`.
    public var microsecondsSince1970: Int64 {
        let reference = timeIntervalSinceReferenceDate
        guard reference.isFinite, abs(reference) < 9e12 else { return reference < 0 ? Int64.min : Int64.max }
        let whole = reference.rounded(.down)
        let fraction = reference - whole
        return Int64(whole) * 1_000_000 + Int64((fraction * 1_000_000).rounded()) + Date.referenceDateMicrosecondsSince1970
    }

    /// What a wall clock in `timeZone` shows at this instant: the local day (clamped to years
    /// 1...9999) and the second of that day, 0 ..< 86 400 (`10:00:00` is 36 000).
    public func localDateAndTime(in timeZone: TimeZone) -> (date: LocalDate, secondOfDay: Int) {
        let local = secondsSince1970 + Int64(timeZone.secondsFromGMT(for: self))
        let (days, second) = local.flooredQuotientAndRemainder(dividingBy: 86_400)
        return (LocalDate(clampingDaysSince1970: Int(days)), Int(second))
    }
}
