/// A tenant's holidays, looked up by local date. Several entries on one date combine: a whole-day
/// closure wins, partial closures add up.
public struct TenantHolidays: Sendable, Hashable {
    /// The closures by date.
    private let closures: [LocalDate: Holiday.Closure]
    /// The holidays as given.
    public let holidays: [Holiday]

    /// No holidays.
    public static let none = TenantHolidays([])

    /// The tenant's holidays.
    public init(_ holidays: [Holiday]) {
        self.holidays = holidays
        var closures: [LocalDate: Holiday.Closure] = [:]
        for holiday in holidays {
            switch (closures[holiday.date], holiday.closure) {
            case (nil, let closure): closures[holiday.date] = closure
            case (.wholeDay, _), (_, .wholeDay): closures[holiday.date] = .wholeDay
            case (.partial(let existing), .partial(let more)): closures[holiday.date] = .partial((existing + more).sorted())
            }
        }
        self.closures = closures
    }

    /// The closure on `date`, or `nil` on an ordinary day.
    public func closure(on date: LocalDate) -> Holiday.Closure? {
        closures[date]
    }

    /// Whether `date` is closed all day.
    public func isClosedAllDay(on date: LocalDate) -> Bool {
        closures[date] == .wholeDay
    }

    /// Whether the wall time `time` on `date` falls in a holiday closure.
    public func isClosed(on date: LocalDate, at time: LocalTime) -> Bool {
        switch closures[date] {
        case nil: false
        case .wholeDay: true
        case .partial(let ranges): ranges.contains { $0.contains(time) }
        }
    }

    /// The holidays on `date` (to name them to a person).
    public func holidays(on date: LocalDate) -> [Holiday] {
        holidays.filter { $0.date == date }
    }
}
