/// A tenant's public holidays, with a fast "is this day a holiday?" lookup.
///
/// Encoded as a JSON array of ``PublicHoliday`` values, the way tenants store them. Two holidays
/// may fall on the same day (Mawlid on 14 August); the day is simply a holiday.
///
/// ```swift
/// let holidays: HolidaySet = HolidaySet(PublicHoliday.moroccoFixed + PublicHoliday.moroccoMovable2026)
/// holidays.contains(LocalDate(year: 2026, month: 5, day: 1)!)   // true
/// ```
public struct HolidaySet: Sendable, Hashable {
    /// The holidays, in the order given.
    public let holidays: [PublicHoliday]
    /// Indices of yearly holidays by `month * 32 + day`.
    private let yearlyIndex: [Int: [Int]]
    /// Indices of dated holidays by day (days since 1970), one entry per day they last.
    private let datedIndex: [Int: [Int]]

    /// A set of the given holidays.
    public init(_ holidays: [PublicHoliday]) {
        self.holidays = holidays
        var yearly: [Int: [Int]] = [:]
        var dated: [Int: [Int]] = [:]
        for (index, holiday) in holidays.enumerated() {
            switch holiday.occurrence {
            case .yearly(let month, let day, _, _):
                yearly[month * 32 + day, default: []].append(index)
            case .dated(let start, let days):
                for offset in 0..<days {
                    dated[start.daysSince1970 + offset, default: []].append(index)
                }
            }
        }
        yearlyIndex = yearly
        datedIndex = dated
    }

    /// No holidays at all.
    public static let none = HolidaySet([])

    /// Whether `day` is a public holiday.
    public func contains(_ day: LocalDate) -> Bool {
        if datedIndex[day.daysSince1970] != nil { return true }
        guard let candidates = yearlyIndex[day.month * 32 + day.day] else { return false }
        return candidates.contains { holidays[$0].falls(on: day) }
    }

    /// The holidays that fall on `day` (usually none or one).
    public func holidays(on day: LocalDate) -> [PublicHoliday] {
        let indices = (datedIndex[day.daysSince1970] ?? []) + (yearlyIndex[day.month * 32 + day.day] ?? [])
        return indices.sorted().map { holidays[$0] }.filter { $0.falls(on: day) }
    }

    /// Every holiday day of `year` in chronological order, with the holidays falling on it.
    public func occurrences(in year: Int) -> [(day: LocalDate, holidays: [PublicHoliday])] {
        var days: Set<LocalDate> = []
        for holiday in holidays {
            days.formUnion(holiday.days(in: year))
        }
        return days.sorted().map { ($0, holidays(on: $0)) }
    }

    /// A copy with more holidays added.
    public func adding(_ more: [PublicHoliday]) -> HolidaySet {
        HolidaySet(holidays + more)
    }

    /// Two sets are equal when they hold the same holidays in the same order.
    public static func == (lhs: HolidaySet, rhs: HolidaySet) -> Bool {
        lhs.holidays == rhs.holidays
    }

    /// Hashes the holidays.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(holidays)
    }
}

extension HolidaySet: ExpressibleByArrayLiteral {
    /// A set of the listed holidays.
    public init(arrayLiteral elements: PublicHoliday...) {
        self.init(elements)
    }
}

extension HolidaySet: Codable {
    /// Decodes a JSON array of holidays (each validated, see ``PublicHoliday``).
    public init(from decoder: any Decoder) throws {
        self.init(try [PublicHoliday](from: decoder))
    }

    /// Encodes the holidays as a JSON array.
    public func encode(to encoder: any Encoder) throws {
        try holidays.encode(to: encoder)
    }
}
