/// A half-open range of wall-clock times within one day, `start ..< end` (`08:30–12:00`), as
/// opening hours, schedules and partial closures are written.
public struct LocalTimeRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first minute of the range.
    public let start: LocalTime
    /// The minute just after the range (may be `24:00`).
    public let end: LocalTime

    /// A range; `nil` unless `start < end`.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` (or with an en dash); `nil` if either time is invalid or the range is
    /// empty.
    public init?(parsing text: some StringProtocol) {
        let string = String(text).replacing("–", with: "-")
        let parts = string.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = LocalTime(parsing: parts[0]), let end = LocalTime(parsing: parts[1]) else {
            return nil
        }
        self.init(start: start, end: end)
    }

    /// The length in minutes.
    public var minutes: Int { end.minuteOfDay - start.minuteOfDay }

    /// Whether `time` lies in the range (the end excluded).
    public func contains(_ time: LocalTime) -> Bool {
        start <= time && time < end
    }

    /// Whether the two ranges share at least one minute.
    public func overlaps(_ other: LocalTimeRange) -> Bool {
        start < other.end && other.start < end
    }

    /// The range as `HH:MM-HH:MM`.
    public var description: String {
        "\(start)-\(end)"
    }

    /// Orders ranges by start, then end.
    public static func < (lhs: LocalTimeRange, rhs: LocalTimeRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
