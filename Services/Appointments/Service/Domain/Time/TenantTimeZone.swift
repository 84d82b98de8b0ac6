public import FoundationEssentials
public import GuichetCore

/// A tenant's IANA time zone (`Africa/Casablanca`): the zone in which schedules are written and
/// slots are shown, and the conversions between wall times and instants.
///
/// Morocco moves from UTC+1 to UTC+0 for Ramadan, so a wall time can happen twice (the hour after
/// the clocks go back) or never (the hour the clocks skip). ``resolve(_:)`` says which; the booking
/// policy built on it skips slots in a gap and offers a repeated slot once, at its first
/// occurrence (``LocalTimeResolution/firstOccurrence``).
public struct TenantTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The IANA identifier, as configured.
    public let identifier: String
    /// The zone from the system's time zone database.
    public let timeZone: TimeZone

    /// The widest offsets any zone has had, in seconds (UTC−12 and UTC+14): bounds for the window
    /// of instants a local day can cover.
    static let widestOffsets: (west: Int64, east: Int64) = (-12 * 3600, 14 * 3600)

    /// The zone named by an IANA identifier, or `nil` if the system's database does not know it
    /// under exactly that name (`africa/casablanca`, `GMT+1` and `+01:00` are refused).
    public init?(identifier: String) {
        guard TenantTimeZone.isWellFormed(identifier), let zone = TimeZone.named(identifier) else { return nil }
        // Foundation also accepts abbreviations and offsets it renames (`GMT+1` → `GMT+0100`);
        // only real database names are tenant zones. `UTC` is one, though Foundation calls it `GMT`.
        guard zone.identifier == identifier || identifier == "UTC" else { return nil }
        self.identifier = identifier
        self.timeZone = zone
    }

    /// Morocco's zone, the platform's default.
    public static var casablanca: TenantTimeZone {
        TenantTimeZone(trusted: .casablanca, identifier: "Africa/Casablanca")
    }

    private init(trusted zone: TimeZone, identifier: String) {
        self.identifier = identifier
        self.timeZone = zone
    }

    /// The field errors for a configured zone identifier: `required` when empty,
    /// `invalid_time_zone` when the database does not know it.
    public static func validate(_ identifier: String, at field: String) -> [FieldError] {
        if identifier.isEmpty { return [.required(field)] }
        if TenantTimeZone(identifier: identifier) == nil { return [.invalidTimeZone(field)] }
        return []
    }

    /// The identifier.
    public var description: String { identifier }

    /// The offset from UTC in seconds at `instant` (3600 for UTC+1).
    public func offset(at instant: Date) -> Int {
        timeZone.secondsFromGMT(for: instant)
    }

    /// The wall time at `instant`, to the minute (seconds are dropped).
    public func localDateTime(at instant: Date) -> LocalDateTime {
        let (date, second) = instant.localDateAndTime(in: timeZone)
        return LocalDateTime(date, LocalTime(minuteOfDay: second / 60) ?? .midnight)
    }

    /// The calendar date on the wall clock at `instant`.
    public func localDate(at instant: Date) -> LocalDate {
        LocalDate(instant, in: timeZone)
    }

    /// The instants at which the wall clock shows `local`.
    public func resolve(_ local: LocalDateTime) -> LocalTimeResolution {
        let seconds = local.localSeconds
        let timeline = OffsetTimeline(
            zone: timeZone, from: seconds - TenantTimeZone.widestOffsets.east - 86_400,
            to: seconds - TenantTimeZone.widestOffsets.west + 86_400)
        return timeline.resolve(localSeconds: seconds).resolution
    }

    /// The first instant of a local day (midnight, or the end of a gap that swallows midnight).
    public func startOfDay(_ date: LocalDate) -> Date {
        date.startOfDay(in: timeZone)
    }

    /// `instant` as RFC 3339 with the zone's offset at that instant (`2026-03-01T08:30:00+00:00`).
    public func format(_ instant: Date) -> String {
        RFC3339.format(instant, in: timeZone)
    }

    /// The changes of offset between two instants, in order (Morocco's are around Ramadan).
    public func transitions(from start: Date, to end: Date) -> [OffsetTransition] {
        OffsetTimeline(zone: timeZone, from: start.secondsSince1970, to: end.secondsSince1970).transitions
    }

    /// The zone's offsets over every instant of the local dates in `dates`, for converting many
    /// wall times in those days without asking the database again.
    func timeline(covering dates: ClosedRange<LocalDate>) -> OffsetTimeline {
        let first = Int64(dates.lowerBound.daysSince1970) * 86_400
        let last = Int64(dates.upperBound.daysSince1970 + 1) * 86_400
        return OffsetTimeline(
            zone: timeZone, from: first - TenantTimeZone.widestOffsets.east - 86_400,
            to: last - TenantTimeZone.widestOffsets.west + 86_400)
    }

    /// Identifiers are ASCII letters, digits and `/_-+`, 1–64 characters.
    static func isWellFormed(_ identifier: String) -> Bool {
        let bytes = identifier.utf8
        guard (1...64).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        }
    }
}
