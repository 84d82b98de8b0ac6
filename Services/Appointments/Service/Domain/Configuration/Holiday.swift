public import GuichetCore

/// A public holiday on which the tenant's offices close, wholly or in part (a national holiday, the
/// afternoon before a feast).
///
/// When the holiday falls and what it is called come from the platform's ``PublicHoliday`` — a fixed
/// date every year or the dated days of a movable Hijri feast, as in the tenant's business calendar —
/// and ``closure`` says how much of those days the offices close.
public struct Holiday: Sendable, Hashable {
    /// How much of the day is closed.
    public enum Closure: Sendable, Hashable {
        /// Closed all day.
        case wholeDay
        /// Closed during these ranges only (`12:00–24:00`).
        case partial([LocalTimeRange])
    }

    /// The rule of the name's translations: one line of at most 200 characters.
    public static let nameRule = TextRule(minimumLength: 1, maximumLength: 200)

    /// The holiday: its name and the days it falls on.
    public var publicHoliday: PublicHoliday
    /// Whole or partial closure.
    public var closure: Closure

    /// Closes on the days of `publicHoliday`; all day unless told otherwise.
    public init(_ publicHoliday: PublicHoliday, closure: Closure = .wholeDay) {
        self.publicHoliday = publicHoliday
        self.closure = closure
    }

    /// A holiday of one day, `date`; closed all day unless told otherwise.
    public init(date: LocalDate, name: LocalizedText, closure: Closure = .wholeDay) {
        self.init(.dated(name, start: date), closure: closure)
    }

    /// The holiday's name, shown to people who pick one of its days.
    public var name: LocalizedText {
        publicHoliday.name
    }

    /// The field errors under `pointer`: `/name/fr`, and `/closed_hours` (required, no overlaps) for
    /// a partial closure.
    public func validate(at pointer: String) -> [FieldError] {
        var errors: [FieldError] = []
        Holiday.nameRule.clean(name, field: pointer + "/name", errors: &errors)
        if case .partial(let ranges) = closure {
            if ranges.isEmpty { errors.append(.required(pointer + "/closed_hours")) }
            errors += FieldError.validate(ranges, at: pointer + "/closed_hours")
        }
        return errors
    }
}
