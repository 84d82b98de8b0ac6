/// A calendar day — year, month, day in the proleptic Gregorian calendar — with no time and no zone:
/// the day a person reads on a wall calendar (a due date, a public holiday, an appointment's day, a
/// registry date).
///
/// Pair it with a time zone to reach instants: ``init(_:in:)`` gives the day an instant falls on
/// there, ``startOfDay(in:)`` and ``endOfDay(in:)`` the instants that bound the day (see
/// `LocalDate+TimeZone.swift`). Years run from 1 to 9999. Encoded as `"YYYY-MM-DD"`.
///
/// Days are compared and hashed by their day number (``daysSince1970``), and stepping through them
/// is integer arithmetic.
///
/// ```swift
/// let day = LocalDate(year: 2026, month: 3, day: 20)!
/// day.weekday                 // .friday
/// day.adding(days: 3)         // 2026-03-23
/// for day in day..<day.adding(days: 7) { … }
/// ```
public struct LocalDate: Sendable {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1 (January) ... 12 (December).
    public let month: Int
    /// The day of the month, 1...31 (as the month allows).
    public let day: Int
    /// The number of days from 1970-01-01 to this day (negative before 1970).
    public let daysSince1970: Int

    /// The earliest representable day, 0001-01-01.
    public static let earliest = LocalDate(unchecked: 1, 1, 1)
    /// The latest representable day, 9999-12-31.
    public static let latest = LocalDate(unchecked: 9999, 12, 31)

    /// The day, or `nil` if the year is outside 1...9999 or the month or day does not exist
    /// (2026-02-29, 2026-04-31).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// The day `daysSince1970` days after 1970-01-01 (negative before it), or `nil` outside the
    /// representable years.
    public init?(daysSince1970: Int) {
        guard (LocalDate.earliest.daysSince1970...LocalDate.latest.daysSince1970).contains(daysSince1970) else {
            return nil
        }
        self.init(uncheckedDaysSince1970: daysSince1970)
    }

    /// The day `daysSince1970` days after 1970-01-01, clamped to ``earliest`` ... ``latest``.
    public init(clampingDaysSince1970 days: Int) {
        let clamped = min(max(days, LocalDate.earliest.daysSince1970), LocalDate.latest.daysSince1970)
        self.init(uncheckedDaysSince1970: clamped)
    }

    /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day, an existing date);
    /// `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8.prefix(11))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Int(asciiDigits: bytes[0..<4]), let month = Int(asciiDigits: bytes[5..<7]),
            let day = Int(asciiDigits: bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.daysSince1970 = Int(ProlepticGregorian.daysSince1970(year: Int64(year), month: month, day: day))
    }

    private init(uncheckedDaysSince1970 days: Int) {
        let (year, month, day) = ProlepticGregorian.date(daysSince1970: Int64(days))
        self.year = Int(year)
        self.month = month
        self.day = day
        self.daysSince1970 = days
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO day 4).
        let offset = (daysSince1970 + 3) % 7
        return Weekday(isoNumber: (offset < 0 ? offset + 7 : offset) + 1) ?? .monday
    }

    /// The day `days` days later (earlier when negative), clamped to ``earliest`` ... ``latest``.
    /// Callers that must not clamp check the bound first (``BusinessCalendar`` throws
    /// ``BusinessCalendarError/outOfRange`` instead).
    public func adding(days: Int) -> LocalDate {
        let (sum, overflow) = daysSince1970.addingReportingOverflow(days)
        return LocalDate(clampingDaysSince1970: overflow ? (days < 0 ? Int.min : Int.max) : sum)
    }

    /// The same day `months` months later (earlier when negative), moved back to the month's last
    /// day when that month is shorter (31 January + 1 month is 28 or 29 February); clamped to
    /// ``earliest`` ... ``latest``.
    public func adding(months: Int) -> LocalDate {
        let (target, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
        if overflow { return months < 0 ? .earliest : .latest }
        guard target >= LocalDate.earliest.year * 12 else { return .earliest }
        guard target < (LocalDate.latest.year + 1) * 12 else { return .latest }
        let (newYear, newMonth) = (target / 12, target % 12 + 1)
        return LocalDate(unchecked: newYear, newMonth, min(day, LocalDate.daysInMonth(year: newYear, month: newMonth)))
    }

    /// The number of days from this day to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int {
        other.daysSince1970 - daysSince1970
    }

    /// The number of days in `month` of `year` (28 to 31); 0 for a month outside 1...12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        ProlepticGregorian.daysInMonth(year: Int64(year), month: month)
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        ProlepticGregorian.isLeapYear(Int64(year))
    }
}

extension LocalDate: Hashable, Comparable {
    /// Days are equal when they are the same day.
    public static func == (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSince1970 == rhs.daysSince1970
    }

    /// Hashes the day number.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(daysSince1970)
    }

    /// Orders days chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSince1970 < rhs.daysSince1970
    }
}

extension LocalDate: Strideable {
    /// The number of days to `other`, so that ranges of days can be iterated.
    public func distance(to other: LocalDate) -> Int {
        days(until: other)
    }

    /// The day `n` days later (see ``adding(days:)``).
    public func advanced(by n: Int) -> LocalDate {
        adding(days: n)
    }
}

extension LocalDate: CustomStringConvertible, LosslessStringConvertible {
    /// The ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        bytes.appendDecimal(year, minimumDigits: 4)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(month, minimumDigits: 2)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(day, minimumDigits: 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD` (see ``init(_:)-(StringProtocol)``).
    public init?(_ description: String) {
        self.init(description[...])
    }
}

extension LocalDate: Codable {
    /// Decodes a `"YYYY-MM-DD"` string; any other value is a data-corruption error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text[...]) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    /// Encodes the day as a `"YYYY-MM-DD"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
