import FoundationEssentials

/// A calendar day (proleptic Gregorian) as the registry counts it: the local date of an instant in the
/// tenant's IANA time zone.
///
/// The registry year turns at local midnight, not at midnight UTC: in `Africa/Casablanca` (UTC+1 in
/// winter) the instant `2026-12-31T23:30:00Z` is already 2027-01-01.
///
/// ```swift
/// let day = RegistryDate(registeredAt, in: tenantZone)
/// day.year          // the registry year of the instant
/// day.description   // "2026-12-31"
/// ```
public struct RegistryDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31 (as the month allows).
    public let day: Int

    /// A date from its parts, or `nil` if they do not name a real day in years 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The local date of `instant` in `timeZone` (with the zone's offset at that instant).
    public init(_ instant: Date, in timeZone: TimeZone) {
        let offset = Int64(timeZone.secondsFromGMT(for: instant))
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(daysSince1970: days)
    }

    /// The registry year of `instant`: its local year in `timeZone` (the year turns at local midnight).
    public static func registryYear(of instant: Date, in timeZone: TimeZone) -> Int {
        RegistryDate(instant, in: timeZone).year
    }

    /// The date `daysSince1970` days after 1970-01-01 (negative for earlier days), clamped to years 1...9999.
    public init(daysSince1970 days: Int64) {
        // H. Hinnant's civil-from-days algorithm.
        let clamped = min(max(days, -719_162), 2_932_896)
        let shifted = clamped + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }

    /// Parses `YYYY-MM-DD`; `nil` for any other form or a day that does not exist.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSince1970: Int64 {
        // H. Hinnant's days-from-civil algorithm.
        let adjustedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `count` days later (earlier for a negative count).
    public func adding(days count: Int) -> RegistryDate {
        RegistryDate(daysSince1970: daysSince1970 + Int64(count))
    }

    /// The same day `count` months later (earlier for a negative count), moved back to the month's
    /// last day when the month is shorter (31 January + 1 month = 28 or 29 February).
    public func adding(months count: Int) -> RegistryDate {
        let total = year * 12 + (month - 1) + count
        let newYear = min(max(total / 12, 1), 9999)
        let newMonth = total / 12 > 9999 ? 12 : (total / 12 < 1 ? 1 : total % 12 + 1)
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        // The parts are in range by construction.
        return RegistryDate(unchecked: newYear, newMonth, newDay)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        var text = ""
        text.reserveCapacity(10)
        Self.append(year, digits: 4, to: &text)
        text.append("-")
        Self.append(month, digits: 2, to: &text)
        text.append("-")
        Self.append(day, digits: 2, to: &text)
        return text
    }

    /// Orders dates chronologically.
    public static func < (lhs: RegistryDate, rhs: RegistryDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RegistryDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    /// Encodes the date as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The number of days in `month` of `year`.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func append(_ value: Int, digits: Int, to text: inout String) {
        let string = String(value)
        if string.utf8.count < digits { text.append(String(repeating: "0", count: digits - string.utf8.count)) }
        text.append(string)
    }
}
