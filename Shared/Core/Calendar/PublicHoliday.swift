/// A public holiday of a tenant's calendar: either a fixed date every year (1 May, 18 November) or
/// dated days of one year, for feasts that move with the Hijri calendar (Eid al-Fitr, Mawlid).
///
/// Encoded as JSON the way tenants store it:
///
/// ```json
/// {"name": {"fr": "Fête du Travail", "ar": "عيد الشغل", "en": "Labour Day"}, "month": 5, "day": 1}
/// {"name": {"fr": "Nouvel An amazigh"}, "month": 1, "day": 14, "since": 2024}
/// {"name": {"fr": "Aïd al-Fitr"}, "date": "2026-03-20", "days": 2}
/// ```
///
/// Decoding validates: a month and day that exist (29 February is allowed and only falls in leap
/// years), `since` ≤ `until`, a duration of 1 to ``maximumDuration`` days, never both a fixed
/// date and a `date`.
public struct PublicHoliday: Sendable, Hashable {
    /// When a holiday falls.
    public enum Occurrence: Sendable, Hashable {
        /// Every year on `month`/`day`, from `since` (inclusive) if given, until `until`
        /// (inclusive) if given.
        case yearly(month: Int, day: Int, since: Int?, until: Int?)
        /// `days` consecutive days from `start` (one year's date of a movable feast).
        case dated(start: LocalDate, days: Int)
    }

    /// The longest a dated holiday may last, in days.
    public static let maximumDuration = 10

    /// The holiday's name, in French and optionally Arabic and English.
    public var name: LocalizedText
    /// When it falls.
    public var occurrence: Occurrence

    /// A holiday every year on `month`/`day`, optionally only from year `since` or up to year
    /// `until`. Traps on a date that never exists (a programming error in a built-in list);
    /// tenant data goes through decoding, which reports it instead.
    public static func yearly(_ name: LocalizedText, month: Int, day: Int, since: Int? = nil, until: Int? = nil) -> PublicHoliday {
        precondition(isValidYearly(month: month, day: day), "No such yearly date: \(month)-\(day)")
        if let since, let until { precondition(since <= until, "since must not be after until") }
        return PublicHoliday(name: name, occurrence: .yearly(month: month, day: day, since: since, until: until))
    }

    /// A holiday of `days` consecutive days from `start` (1 to ``maximumDuration``; traps outside
    /// that range, see ``yearly(_:month:day:since:until:)``).
    public static func dated(_ name: LocalizedText, start: LocalDate, days: Int = 1) -> PublicHoliday {
        precondition((1...maximumDuration).contains(days), "A holiday lasts 1 to \(maximumDuration) days")
        precondition(start.daysSince1970 + days - 1 <= LocalDate.latest.daysSince1970, "Holiday past 9999")
        return PublicHoliday(name: name, occurrence: .dated(start: start, days: days))
    }

    private init(name: LocalizedText, occurrence: Occurrence) {
        self.name = name
        self.occurrence = occurrence
    }

    /// Whether the holiday falls on `day`.
    public func falls(on day: LocalDate) -> Bool {
        switch occurrence {
        case .yearly(let month, let monthDay, let since, let until):
            return day.month == month && day.day == monthDay && since.map { day.year >= $0 } != false
                && until.map { day.year <= $0 } != false
        case .dated(let start, let days):
            let offset = start.days(until: day)
            return offset >= 0 && offset < days
        }
    }

    /// The days of `year` the holiday falls on (none when a yearly holiday is outside its years or
    /// is 29 February of a common year; a dated holiday may straddle two years).
    public func days(in year: Int) -> [LocalDate] {
        switch occurrence {
        case .yearly(let month, let day, let since, let until):
            guard since.map({ year >= $0 }) != false, until.map({ year <= $0 }) != false,
                let date = LocalDate(year: year, month: month, day: day)
            else { return [] }
            return [date]
        case .dated(let start, let days):
            return (0..<days).map { start.adding(days: $0) }.filter { $0.year == year }
        }
    }

    static func isValidYearly(month: Int, day: Int) -> Bool {
        // A leap year allows every day of every month, 29 February included.
        (1...12).contains(month) && day >= 1 && day <= LocalDate.daysInMonth(year: 2000, month: month)
    }
}

extension PublicHoliday: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, month, day, since, until, date, days
    }

    /// Decodes and validates a holiday (see the type's documentation for the two forms).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(LocalizedText.self, forKey: .name)
        if let start = try container.decodeIfPresent(LocalDate.self, forKey: .date) {
            for key in [CodingKeys.month, .day, .since, .until] where container.contains(key) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "A dated holiday has no \(key.stringValue)")
            }
            let days = try container.decodeIfPresent(Int.self, forKey: .days) ?? 1
            guard (1...Self.maximumDuration).contains(days), start.daysSince1970 + days - 1 <= LocalDate.latest.daysSince1970 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .days, in: container, debugDescription: "A holiday lasts 1 to \(Self.maximumDuration) days")
            }
            self.init(name: name, occurrence: .dated(start: start, days: days))
            return
        }
        if container.contains(.days) {
            throw DecodingError.dataCorruptedError(forKey: .days, in: container, debugDescription: "Only a dated holiday has days")
        }
        let month = try container.decode(Int.self, forKey: .month)
        let day = try container.decode(Int.self, forKey: .day)
        guard Self.isValidYearly(month: month, day: day) else {
            throw DecodingError.dataCorruptedError(forKey: .day, in: container, debugDescription: "No such date: \(month)-\(day)")
        }
        let since = try container.decodeIfPresent(Int.self, forKey: .since)
        let until = try container.decodeIfPresent(Int.self, forKey: .until)
        for (key, year) in [(CodingKeys.since, since), (.until, until)] {
            if let year, !(1...9999).contains(year) {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "A year is 1...9999")
            }
        }
        if let since, let until, since > until {
            throw DecodingError.dataCorruptedError(forKey: .until, in: container, debugDescription: "until is before since")
        }
        self.init(name: name, occurrence: .yearly(month: month, day: day, since: since, until: until))
    }

    /// Encodes the holiday in the form ``init(from:)`` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch occurrence {
        case .yearly(let month, let day, let since, let until):
            try container.encode(month, forKey: .month)
            try container.encode(day, forKey: .day)
            try container.encodeIfPresent(since, forKey: .since)
            try container.encodeIfPresent(until, forKey: .until)
        case .dated(let start, let days):
            try container.encode(start, forKey: .date)
            try container.encode(days, forKey: .days)
        }
    }
}
