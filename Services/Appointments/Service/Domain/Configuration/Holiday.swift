public import GuichetCore

/// A day the tenant closes, wholly or in part (a national holiday, the afternoon before a feast).
///
/// Holidays are plain input — local dates with their closures — so that they can come from the
/// tenant's configuration or from a shared business calendar (fixed dates and the dated entries of
/// movable Hijri feasts alike).
public struct Holiday: Sendable, Hashable {
    /// How much of the day is closed.
    public enum Closure: Sendable, Hashable {
        /// Closed all day.
        case wholeDay
        /// Closed during these ranges only (`12:00–24:00`).
        case partial([LocalTimeRange])
    }

    /// The local date.
    public var date: LocalDate
    /// The holiday's name, shown to people who pick that day.
    public var name: LocalizedText
    /// Whole or partial closure.
    public var closure: Closure

    /// A holiday from its parts; closed all day unless told otherwise.
    public init(date: LocalDate, name: LocalizedText, closure: Closure = .wholeDay) {
        self.date = date
        self.name = name
        self.closure = closure
    }

    /// The field errors under `pointer`: `/name/fr`, and `/closed_hours` (required, no overlaps) for
    /// a partial closure.
    public func validate(at pointer: String) -> [FieldError] {
        var errors = FieldError.validate(name, at: pointer + "/name", maximum: 200)
        if case .partial(let ranges) = closure {
            if ranges.isEmpty { errors.append(.required(pointer + "/closed_hours")) }
            errors += FieldError.validate(ranges, at: pointer + "/closed_hours")
        }
        return errors
    }
}
