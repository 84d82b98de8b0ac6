public import GuichetCore

/// A tenant's holidays, looked up by local date. Several holidays on one date combine: a whole-day
/// closure wins, partial closures add up.
///
/// The days are found with the platform's ``HolidaySet`` (yearly dates and dated feasts alike); the
/// partial closures add their hours on top.
public struct TenantHolidays: Sendable {
    /// The holidays as given.
    public let holidays: [Holiday]
    /// The holidays closed all day.
    private let wholeDays: HolidaySet
    /// The holidays closed in part, and (at the same index) their closed hours.
    private let partialDays: HolidaySet
    private let partialHours: [[LocalTimeRange]]

    /// No holidays.
    public static let none = TenantHolidays([])

    /// The tenant's holidays.
    public init(_ holidays: [Holiday]) {
        self.holidays = holidays
        var whole: [PublicHoliday] = []
        var partial: [PublicHoliday] = []
        var hours: [[LocalTimeRange]] = []
        for holiday in holidays {
            switch holiday.closure {
            case .wholeDay:
                whole.append(holiday.publicHoliday)
            case .partial(let ranges):
                partial.append(holiday.publicHoliday)
                hours.append(ranges)
            }
        }
        wholeDays = HolidaySet(whole)
        partialDays = HolidaySet(partial)
        partialHours = hours
    }

    /// Closed all day on each of `publicHolidays` (the holidays of a tenant's business calendar).
    public init(closedOn publicHolidays: HolidaySet) {
        self.init(publicHolidays.holidays.map { Holiday($0) })
    }

    /// The closure on `date`, or `nil` on an ordinary day.
    public func closure(on date: LocalDate) -> Holiday.Closure? {
        if wholeDays.contains(date) { return .wholeDay }
        guard partialDays.contains(date) else { return nil }
        var ranges: [LocalTimeRange] = []
        for (holiday, hours) in zip(partialDays.holidays, partialHours) where holiday.falls(on: date) {
            ranges += hours
        }
        return .partial(ranges.sorted())
    }

    /// Whether `date` is closed all day.
    public func isClosedAllDay(on date: LocalDate) -> Bool {
        wholeDays.contains(date)
    }

    /// Whether the wall time `time` on `date` falls in a holiday closure.
    public func isClosed(on date: LocalDate, at time: LocalTime) -> Bool {
        switch closure(on: date) {
        case nil: false
        case .wholeDay: true
        case .partial(let ranges): ranges.contains { $0.contains(time) }
        }
    }

    /// The holidays on `date` (to name them to a person).
    public func holidays(on date: LocalDate) -> [Holiday] {
        holidays.filter { $0.publicHoliday.falls(on: date) }
    }
}

extension TenantHolidays: Hashable {
    /// Two lookups are equal when they hold the same holidays in the same order.
    public static func == (lhs: TenantHolidays, rhs: TenantHolidays) -> Bool {
        lhs.holidays == rhs.holidays
    }

    /// Hashes the holidays.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(holidays)
    }
}
