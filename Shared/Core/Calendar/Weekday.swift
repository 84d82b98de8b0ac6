/// A day of the week, numbered as in ISO 8601 (Monday is 1, Sunday is 7).
///
/// Encoded as its lowercase English name (`"saturday"`), the form tenants store their weekends in.
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Monday (ISO day 1).
    case monday
    /// Tuesday (ISO day 2).
    case tuesday
    /// Wednesday (ISO day 3).
    case wednesday
    /// Thursday (ISO day 4).
    case thursday
    /// Friday (ISO day 5).
    case friday
    /// Saturday (ISO day 6).
    case saturday
    /// Sunday (ISO day 7).
    case sunday

    /// The ISO 8601 day number, 1 (Monday) to 7 (Sunday).
    public var isoNumber: Int {
        switch self {
        case .monday: 1
        case .tuesday: 2
        case .wednesday: 3
        case .thursday: 4
        case .friday: 5
        case .saturday: 6
        case .sunday: 7
        }
    }

    /// The weekday with ISO 8601 number `isoNumber` (1 = Monday … 7 = Sunday), or `nil` outside 1...7.
    public init?(isoNumber: Int) {
        switch isoNumber {
        case 1: self = .monday
        case 2: self = .tuesday
        case 3: self = .wednesday
        case 4: self = .thursday
        case 5: self = .friday
        case 6: self = .saturday
        case 7: self = .sunday
        default: return nil
        }
    }

    /// Orders weekdays from Monday to Sunday.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.isoNumber < rhs.isoNumber
    }

    /// The weekend most administrations keep, Morocco's included: Saturday and Sunday.
    public static let saturdayAndSunday: Set<Weekday> = [.saturday, .sunday]
}
