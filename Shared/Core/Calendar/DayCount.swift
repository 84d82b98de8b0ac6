/// A time limit counted in days, either calendar days or working days of a ``BusinessCalendar``:
/// "60 days" for an answer, "15 working days" for an acknowledgement.
///
/// Encoded as `{"days": 60, "unit": "calendar"}` (`unit` is `calendar` or `working`; it defaults to
/// `calendar` when absent). Decoding rejects a negative count or one above
/// ``BusinessCalendar/maximumDayCount``.
public struct DayCount: Sendable, Hashable {
    /// How days are counted.
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every day counts, weekends and holidays included.
        case calendar
        /// Only the calendar's working days count.
        case working
    }

    /// The number of days, 0 or more.
    public var days: Int
    /// How they are counted.
    public var unit: Unit

    /// A count of `days` days in `unit` (the count is checked when it is used: a negative one is
    /// rejected by ``BusinessCalendar/adding(_:to:)``).
    public init(_ days: Int, _ unit: Unit = .calendar) {
        self.days = days
        self.unit = unit
    }

    /// Whether a ``BusinessCalendar`` accepts the count: 0 ... ``BusinessCalendar/maximumDayCount``
    /// days.
    public var isAccepted: Bool {
        (0...BusinessCalendar.maximumDayCount).contains(days)
    }

    /// `days` calendar days.
    public static func calendarDays(_ days: Int) -> DayCount {
        DayCount(days, .calendar)
    }

    /// `days` working days.
    public static func workingDays(_ days: Int) -> DayCount {
        DayCount(days, .working)
    }
}

extension DayCount: Codable {
    private enum CodingKeys: String, CodingKey {
        case days, unit
    }

    /// Decodes `{"days": n, "unit": "calendar" | "working"}`, rejecting counts outside
    /// 0...``BusinessCalendar/maximumDayCount``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let days = try container.decode(Int.self, forKey: .days)
        guard DayCount(days).isAccepted else {
            throw DecodingError.dataCorruptedError(
                forKey: .days, in: container, debugDescription: "days must be 0...\(BusinessCalendar.maximumDayCount)")
        }
        self.init(days, try container.decodeIfPresent(Unit.self, forKey: .unit) ?? .calendar)
    }

    /// Encodes `{"days": n, "unit": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(days, forKey: .days)
        try container.encode(unit, forKey: .unit)
    }
}

extension DayCount: CustomStringConvertible {
    /// `60 calendar days`, `15 working days`.
    public var description: String {
        "\(days) \(unit.rawValue) day\(days == 1 ? "" : "s")"
    }
}
