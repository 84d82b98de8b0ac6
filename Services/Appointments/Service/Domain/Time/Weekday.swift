/// A day of the week, numbered as in ISO 8601 (Monday is 1, Sunday is 7).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Monday (ISO 1).
    case monday = 1
    /// Tuesday (ISO 2).
    case tuesday
    /// Wednesday (ISO 3).
    case wednesday
    /// Thursday (ISO 4).
    case thursday
    /// Friday (ISO 5).
    case friday
    /// Saturday (ISO 6).
    case saturday
    /// Sunday (ISO 7).
    case sunday

    /// The weekday of a day counted from 1970-01-01 (a Thursday).
    public init(daysSinceEpoch days: Int) {
        let index = ((days % 7) + 7 + 3) % 7  // 0 = Monday
        self = Weekday(rawValue: index + 1) ?? .monday
    }

    /// The lowercase English name used in JSON (`monday` … `sunday`).
    public var key: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }

    /// The weekday named by ``key``, or `nil`.
    public init?(key: String) {
        guard let match = Weekday.allCases.first(where: { $0.key == key }) else { return nil }
        self = match
    }

    /// Orders weekdays from Monday to Sunday.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
