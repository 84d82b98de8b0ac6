public import GuichetCore

/// A date and a time on the wall clock, without a zone (`2026-03-22 08:30`).
///
/// Turning it into an instant needs the tenant's zone (``TenantTimeZone/resolve(_:)``): some wall
/// times happen twice and some never happen.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar date.
    public var date: LocalDate
    /// The time of day (`24:00` means midnight at the end of ``date``).
    public var time: LocalTime

    /// A wall time from its date and time of day.
    public init(_ date: LocalDate, _ time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Seconds since 1970-01-01 00:00 on the wall clock, as if the zone were UTC.
    public var localSeconds: Int64 {
        Int64(date.daysSince1970) * 86_400 + Int64(time.minuteOfDay) * 60
    }

    /// The wall time as `YYYY-MM-DDTHH:MM`.
    public var description: String {
        "\(date)T\(time)"
    }

    /// Orders wall times chronologically (`24:00` equals the next day's `00:00`).
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.localSeconds < rhs.localSeconds
    }
}
