public import FoundationEssentials

/// A tenant's working calendar: its time zone, its weekend days and its public holidays; counts
/// working days and computes time limits ("60 days", "15 working days") from an instant.
///
/// Conventions (those of Moroccan administrative time limits, loi 31-13 and décret 2-17-265):
/// - The day something happens is day 0 and is not counted: a limit of *n* days runs from the
///   next day, and ends at the **end of the *n*-th day** (``LocalDate/endOfDay(in:)``,
///   23:59:59.999999 local time). Adding 0 days gives the end of the same day.
/// - Working days skip the weekend and the holidays; a day that is both is skipped once.
/// - Days are the tenant's local days: an instant is placed on a day in ``timeZone``, across
///   offset changes (Africa/Casablanca runs on UTC+0 during Ramadan).
///
/// ```swift
/// let calendar = BusinessCalendar.morocco()
/// let due = try calendar.addingWorkingDays(15, to: receivedAt)    // end of the 15th working day
/// let open = calendar.workingDays(from: receivedDay, to: today)    // working days elapsed
/// ```
public struct BusinessCalendar: Sendable, Hashable {
    /// The largest count of days accepted (ten years): far beyond any legal limit, and small
    /// enough that every result stays within ``LocalDate``'s range.
    public static let maximumDayCount = 3660
    /// The longest run of non-working days searched before giving up with
    /// ``BusinessCalendarError/noWorkingDay(after:)``.
    public static let maximumNonWorkingRun = 366

    /// The tenant's time zone, which decides what day an instant falls on.
    public let timeZone: TimeZone
    /// The weekdays nobody works (Saturday and Sunday in Morocco).
    public let weekend: Set<Weekday>
    /// The public holidays.
    public let holidays: HolidaySet
    private let weekendMask: UInt8

    /// A calendar in `timeZone` with the given weekend and holidays.
    public init(timeZone: TimeZone, weekend: Set<Weekday> = Weekday.saturdayAndSunday, holidays: HolidaySet = .none) {
        self.timeZone = timeZone
        self.weekend = weekend
        self.holidays = holidays
        self.weekendMask = weekend.reduce(0) { $0 | 1 << UInt8($1.isoNumber) }
    }

    /// Morocco's calendar: Africa/Casablanca, Saturday and Sunday off, and the given holidays
    /// (by default the fixed national days and the estimated Hijri feasts of 2026–2027).
    public static func morocco(holidays: HolidaySet = .moroccoDefault) -> BusinessCalendar {
        BusinessCalendar(timeZone: .casablanca, weekend: Weekday.saturdayAndSunday, holidays: holidays)
    }

    // MARK: Days

    /// The local day `date` falls on in the calendar's time zone.
    public func localDate(of date: Date) -> LocalDate {
        LocalDate(date, in: timeZone)
    }

    /// Whether `day` is a weekend day.
    public func isWeekend(_ day: LocalDate) -> Bool {
        weekendMask & 1 << UInt8(day.weekday.isoNumber) != 0
    }

    /// Whether `day` is a public holiday.
    public func isHoliday(_ day: LocalDate) -> Bool {
        holidays.contains(day)
    }

    /// Whether people work on `day`: neither a weekend day nor a public holiday.
    public func isWorkingDay(_ day: LocalDate) -> Bool {
        !isWeekend(day) && !holidays.contains(day)
    }

    /// `day` itself if it is a working day, else the first working day after it.
    public func workingDay(onOrAfter day: LocalDate) throws(BusinessCalendarError) -> LocalDate {
        var candidate = day
        for _ in 0...Self.maximumNonWorkingRun {
            if isWorkingDay(candidate) { return candidate }
            guard candidate < LocalDate.latest else { throw .outOfRange }
            candidate = candidate.adding(days: 1)
        }
        throw .noWorkingDay(after: day)
    }

    /// The first working day after `day`.
    public func nextWorkingDay(after day: LocalDate) throws(BusinessCalendarError) -> LocalDate {
        guard day < LocalDate.latest else { throw .outOfRange }
        return try workingDay(onOrAfter: day.adding(days: 1))
    }

    // MARK: Adding days

    /// The `count`-th working day after `day` (`day` itself when `count` is 0, whatever it is).
    public func addingWorkingDays(_ count: Int, to day: LocalDate) throws(BusinessCalendarError) -> LocalDate {
        try Self.check(count)
        var current = day
        for _ in 0..<count {
            current = try nextWorkingDay(after: current)
        }
        return current
    }

    /// The end of the `count`-th working day after the day `date` falls on (the end of that day
    /// itself when `count` is 0). Throws for a negative or too large count.
    public func addingWorkingDays(_ count: Int, to date: Date) throws(BusinessCalendarError) -> Date {
        try addingWorkingDays(count, to: localDate(of: date)).endOfDay(in: timeZone)
    }

    /// The day `count` calendar days after `day`.
    public func addingCalendarDays(_ count: Int, to day: LocalDate) throws(BusinessCalendarError) -> LocalDate {
        try Self.check(count)
        guard let result = LocalDate(daysSince1970: day.daysSince1970 + count) else { throw .outOfRange }
        return result
    }

    /// The end of the day `count` calendar days after the day `date` falls on.
    public func addingCalendarDays(_ count: Int, to date: Date) throws(BusinessCalendarError) -> Date {
        try addingCalendarDays(count, to: localDate(of: date)).endOfDay(in: timeZone)
    }

    /// The last day of a limit of `count` from `day`; with `extendingToWorkingDay`, a limit in
    /// calendar days that ends on a weekend day or holiday runs on to the next working day (the
    /// rule of procedural time limits).
    public func adding(_ count: DayCount, to day: LocalDate, extendingToWorkingDay: Bool = false) throws(BusinessCalendarError) -> LocalDate {
        switch count.unit {
        case .working:
            return try addingWorkingDays(count.days, to: day)
        case .calendar:
            let last = try addingCalendarDays(count.days, to: day)
            return extendingToWorkingDay ? try workingDay(onOrAfter: last) : last
        }
    }

    /// The end of the last day of a limit of `count` from the day `date` falls on (see the
    /// `LocalDate` variant for `extendingToWorkingDay`).
    public func adding(_ count: DayCount, to date: Date, extendingToWorkingDay: Bool = false) throws(BusinessCalendarError) -> Date {
        try adding(count, to: localDate(of: date), extendingToWorkingDay: extendingToWorkingDay).endOfDay(in: timeZone)
    }

    // MARK: Counting days

    /// The number of working days after `start` up to and including `end` (so that
    /// `workingDays(from: d, to: addingWorkingDays(n, to: d)) == n`); negative when `end` is before
    /// `start`, 0 when they are the same day.
    public func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        var count = 0
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// The number of working days between the days the two instants fall on (see the `LocalDate`
    /// variant).
    public func workingDays(from start: Date, to end: Date) -> Int {
        workingDays(from: localDate(of: start), to: localDate(of: end))
    }

    /// The number of calendar days between the days the two instants fall on (negative when `end`
    /// is on an earlier day).
    public func calendarDays(from start: Date, to end: Date) -> Int {
        localDate(of: start).days(until: localDate(of: end))
    }

    private static func check(_ count: Int) throws(BusinessCalendarError) {
        guard count >= 0 else { throw .negativeDayCount(count) }
        guard count <= maximumDayCount else { throw .dayCountTooLarge(count) }
    }
}

/// Why a ``BusinessCalendar`` computation failed.
public enum BusinessCalendarError: Error, Sendable, Hashable {
    /// A count of days was negative.
    case negativeDayCount(Int)
    /// A count of days was above ``BusinessCalendar/maximumDayCount``.
    case dayCountTooLarge(Int)
    /// No working day was found within ``BusinessCalendar/maximumNonWorkingRun`` days after the
    /// given day (a weekend of every day, or a year of holidays).
    case noWorkingDay(after: LocalDate)
    /// The result would fall outside the years 1...9999.
    case outOfRange
}

extension BusinessCalendar: Codable {
    private enum CodingKeys: String, CodingKey {
        case zone, weekend, holidays
    }

    /// Decodes `{"zone": "Africa/Casablanca", "weekend": ["saturday", "sunday"], "holidays": […]}`;
    /// `weekend` defaults to Saturday and Sunday and `holidays` to none. An unknown zone, or a
    /// weekend of all seven days, is a data-corruption error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let identifier = try container.decode(String.self, forKey: .zone)
        guard let zone = TimeZone.named(identifier) else {
            throw DecodingError.dataCorruptedError(forKey: .zone, in: container, debugDescription: "Unknown time zone \(identifier)")
        }
        let weekend = try container.decodeIfPresent(Set<Weekday>.self, forKey: .weekend) ?? Weekday.saturdayAndSunday
        guard weekend.count < Weekday.allCases.count else {
            throw DecodingError.dataCorruptedError(forKey: .weekend, in: container, debugDescription: "A week needs a working day")
        }
        let holidays = try container.decodeIfPresent(HolidaySet.self, forKey: .holidays) ?? .none
        self.init(timeZone: zone, weekend: weekend, holidays: holidays)
    }

    /// Encodes the calendar in the form ``init(from:)`` reads (weekend days in week order).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone.identifier, forKey: .zone)
        try container.encode(weekend.sorted(), forKey: .weekend)
        try container.encode(holidays, forKey: .holidays)
    }
}
