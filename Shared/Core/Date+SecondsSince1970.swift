public import FoundationEssentials

// Whole seconds since 1970, the unit the domains compute with (exact, cheap to compare and add).
//
// `Date` keeps an instant as a `Double` of seconds since 2001-01-01; `timeIntervalSince1970` adds
// 978 307 200 to it and rounds, so that an instant a fraction of a microsecond before a whole second
// can read as that second. These read the seconds since 2001 themselves, which is exact.

extension Date {
    /// 2001-01-01T00:00:00Z (Foundation's reference date) in seconds since 1970.
    static let referenceDateSecondsSince1970: Int64 = 978_307_200

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

    /// What a wall clock in `timeZone` shows at this instant: the local day (clamped to years
    /// 1...9999) and the second of that day, 0 ..< 86 400 (`10:00:00` is 36 000).
    public func localDateAndTime(in timeZone: TimeZone) -> (date: LocalDate, secondOfDay: Int) {
        let local = secondsSince1970 + Int64(timeZone.secondsFromGMT(for: self))
        let (days, second) = local.flooredQuotientAndRemainder(dividingBy: 86_400)
        return (LocalDate(clampingDaysSince1970: Int(days)), Int(second))
    }
}
