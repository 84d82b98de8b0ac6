public import GuichetCore

/// Recurring hours for each day of the week: a site's opening hours or a counter's schedule. A day
/// may have several ranges (`08:30–12:00` and `14:00–16:30`); a day without ranges is closed.
public struct WeeklyHours: Sendable, Hashable {
    /// The ranges of each weekday, Monday first; always seven entries.
    private var days: [[LocalTimeRange]]

    /// Closed every day.
    public static let closed = WeeklyHours()

    /// Hours from a map of weekdays to ranges; missing days are closed. Ranges are kept sorted.
    public init(_ ranges: [Weekday: [LocalTimeRange]] = [:]) {
        days = Weekday.allCases.map { (ranges[$0] ?? []).sorted() }
    }

    /// The same ranges on each of `weekdays`, closed on the others (`08:30–16:30` Monday to Friday).
    public init(_ ranges: [LocalTimeRange], on weekdays: Set<Weekday>) {
        days = Weekday.allCases.map { weekdays.contains($0) ? ranges.sorted() : [] }
    }

    /// The ranges of `weekday`, sorted by start.
    public subscript(weekday: Weekday) -> [LocalTimeRange] {
        get { days[weekday.isoNumber - 1] }
        set { days[weekday.isoNumber - 1] = newValue.sorted() }
    }

    /// Whether no day has any range.
    public var isAlwaysClosed: Bool {
        days.allSatisfy(\.isEmpty)
    }

    /// The field errors, under `pointer` (`/opening_hours`): a range overlapping another of the same
    /// day is reported at `<pointer>/<weekday>/<index>` (`/opening_hours/monday/1`).
    public func validate(at pointer: String) -> [FieldError] {
        Weekday.allCases.flatMap { weekday in
            FieldError.validate(self[weekday], at: pointer + "/" + weekday.rawValue)
        }
    }
}
