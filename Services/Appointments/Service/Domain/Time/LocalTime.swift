import GuichetCore

/// A time of day on a wall clock, to the minute (`08:30`), as schedules and opening hours name it.
///
/// `24:00` (``endOfDay``) is allowed so that a range can end at midnight; it is the same wall time
/// as `00:00` on the next day.
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, `0...1440`.
    public let minuteOfDay: Int

    /// Midnight at the start of the day, `00:00`.
    public static let midnight = LocalTime(unchecked: 0)
    /// Midnight at the end of the day, `24:00`, only meaningful as the end of a range.
    public static let endOfDay = LocalTime(unchecked: 1440)

    /// A time from hours and minutes; `nil` unless `00:00...24:00`.
    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        self.minuteOfDay = hour * 60 + minute
    }

    /// A time from minutes since midnight; `nil` unless `0...1440`.
    public init?(minuteOfDay: Int) {
        guard (0...1440).contains(minuteOfDay) else { return nil }
        self.minuteOfDay = minuteOfDay
    }

    /// Parses `HH:MM` exactly (five characters, `00:00` to `24:00`); `nil` otherwise.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let hour = Int(asciiDigits: bytes[0..<2]),
            let minute = Int(asciiDigits: bytes[3..<5])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    private init(unchecked minuteOfDay: Int) {
        self.minuteOfDay = minuteOfDay
    }

    /// The hour, `0...24`.
    public var hour: Int { minuteOfDay / 60 }
    /// The minute within the hour, `0...59`.
    public var minute: Int { minuteOfDay % 60 }

    /// The time as `HH:MM`.
    public var description: String {
        String(hour, minimumDigits: 2) + ":" + String(minute, minimumDigits: 2)
    }

    /// Orders times from midnight to midnight.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minuteOfDay < rhs.minuteOfDay
    }
}
