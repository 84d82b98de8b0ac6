/// A calendar date without a time zone (`2026-03-22`), as people and schedules name days in the
/// tenant's zone. Proleptic Gregorian.
///
/// Dates are compared and hashed by their day number, and stepping through them is integer
/// arithmetic (``adding(days:)``).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year (1–9999).
    public let year: Int
    /// The month (1–12).
    public let month: Int
    /// The day of the month (1–31).
    public let day: Int
    /// The number of days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// The earliest date accepted, 0001-01-01.
    public static let minimum = LocalDate(unchecked: 1, 1, 1)
    /// The latest date accepted, 9999-12-31.
    public static let maximum = LocalDate(unchecked: 9999, 12, 31)

    /// A date from its parts, or `nil` if they do not name a real day in years 1–9999
    /// (`2026-02-29` is `nil`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// The date `daysSinceEpoch` days after 1970-01-01, or `nil` outside years 1–9999.
    public init?(daysSinceEpoch days: Int) {
        guard days >= LocalDate.minimum.daysSinceEpoch, days <= LocalDate.maximum.daysSinceEpoch else { return nil }
        // H. Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
        self.daysSinceEpoch = days
    }

    /// Parses `YYYY-MM-DD` exactly (ten characters, a real date); `nil` otherwise.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = LocalDate.number(bytes[0..<4]), let month = LocalDate.number(bytes[5..<7]),
            let day = LocalDate.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
        // H. Hinnant's days_from_civil.
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
    }

    /// The day of the week.
    public var weekday: Weekday {
        Weekday(daysSinceEpoch: daysSinceEpoch)
    }

    /// The date `days` days later (earlier when negative), clamped to years 1–9999.
    public func adding(days: Int) -> LocalDate {
        let target = min(max(daysSinceEpoch + days, LocalDate.minimum.daysSinceEpoch), LocalDate.maximum.daysSinceEpoch)
        return LocalDate(daysSinceEpoch: target) ?? self
    }

    /// The number of days from `self` to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        LocalDate.pad(year, 4) + "-" + LocalDate.pad(month, 2) + "-" + LocalDate.pad(day, 2)
    }

    /// Orders dates chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// Dates are equal when they name the same day.
    public static func == (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSinceEpoch == rhs.daysSinceEpoch
    }

    /// Hashes the day number.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(daysSinceEpoch)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
