public import FoundationEssentials

// Between instants and days in a time zone, across offset changes.
//
// A zone's offset may change during a day (Africa/Casablanca goes from UTC+1 to UTC+0 at 03:00 when
// Ramadan starts and back at 02:00 after it), and in some zones midnight itself is skipped or
// repeated (America/Santiago, America/Havana). A day therefore does not always last 24 hours, and
// its start is the first instant whose local date is that day, not always local 00:00.

extension LocalDate {
    /// The day `date` falls on in `timeZone` (clamped to years 1...9999 for instants outside them).
    public init(_ date: Date, in timeZone: TimeZone) {
        self = date.localDateAndTime(in: timeZone).date
    }

    /// The first instant of this day in `timeZone`: local midnight, or the instant the clocks jump
    /// to when midnight is skipped, or the earlier of two midnights when it is repeated.
    public func startOfDay(in timeZone: TimeZone) -> Date {
        Date(secondsSince1970: LocalDate.firstSecond(ofLocalSecond: Int64(daysSince1970) * 86_400, in: timeZone))
    }

    /// The last instant of this day in `timeZone`, one microsecond before the next day starts
    /// (`23:59:59.999999` local): the resolution of PostgreSQL's `timestamptz`, so that
    /// "at or before the end of the day" compares exactly on stored timestamps.
    public func endOfDay(in timeZone: TimeZone) -> Date {
        startOfNextDay(in: timeZone).addingTimeInterval(-0.000_001)
    }

    /// The first instant of the following day in `timeZone` (this day's exclusive upper bound).
    public func startOfNextDay(in timeZone: TimeZone) -> Date {
        Date(secondsSince1970: LocalDate.firstSecond(ofLocalSecond: Int64(daysSince1970 + 1) * 86_400, in: timeZone))
    }

    /// The length of this day in `timeZone`, in seconds (86 400 on most days; 82 800 or 90 000 on
    /// the days the offset moves by an hour).
    public func lengthInSeconds(in timeZone: TimeZone) -> Int {
        Int(startOfNextDay(in: timeZone).secondsSince1970 - startOfDay(in: timeZone).secondsSince1970)
    }

    /// The earliest whole second (since 1970, UTC) whose local time in `timeZone` is at or after
    /// `local` (a count of local seconds since 1970-01-01T00:00 local).
    ///
    /// Every instant whose local time is `local` lies within 14 hours of it (offsets span −12 to
    /// +14 hours), so the offsets in force 14 hours either side are the candidates; when neither
    /// gives `local` exactly, `local` falls in a gap and the answer is the transition instant,
    /// found by bisection between the two candidates.
    static func firstSecond(ofLocalSecond local: Int64, in timeZone: TimeZone) -> Int64 {
        func offset(at seconds: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(secondsSince1970: seconds)))
        }
        func localTime(at seconds: Int64) -> Int64 { seconds + offset(at: seconds) }

        let window: Int64 = 14 * 3600 + 60
        let candidates = [local - offset(at: local - window), local - offset(at: local), local - offset(at: local + window)]
        if let exact = candidates.filter({ localTime(at: $0) == local }).min() {
            return exact
        }
        // A gap: local time jumps over `local`. Bisect for the first second at or after it.
        var low = candidates.min() ?? local
        var high = candidates.max() ?? local
        while localTime(at: low) >= local, low > local - 2 * window { low -= 3600 }
        while localTime(at: high) < local, high < local + 2 * window { high += 3600 }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if localTime(at: middle) >= local { high = middle } else { low = middle }
        }
        return high
    }
}
