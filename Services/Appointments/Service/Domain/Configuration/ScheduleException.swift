public import GuichetCore

/// A date on which a counter does not follow its weekly schedule: it is closed, or open at other
/// hours.
public struct ScheduleException: Sendable, Hashable {
    /// What happens on the date instead of the weekly schedule.
    public enum Change: Sendable, Hashable {
        /// Closed all day.
        case closed
        /// Open during these ranges only.
        case hours([LocalTimeRange])
    }

    /// The local date the exception applies to.
    public var date: LocalDate
    /// The day's closure or hours.
    public var change: Change
    /// Why, for agents (optional).
    public var reason: String?

    /// An exception for `date`.
    public init(date: LocalDate, change: Change, reason: String? = nil) {
        self.date = date
        self.change = change
        self.reason = reason
    }

    /// The ranges open on the date (none when closed), sorted.
    public var openRanges: [LocalTimeRange] {
        switch change {
        case .closed: []
        case .hours(let ranges): ranges.sorted()
        }
    }

    /// The field errors under `pointer`: overlapping ranges at `<pointer>/hours/<index>`, a reason
    /// longer than 500 characters at `<pointer>/reason`.
    public func validate(at pointer: String) -> [FieldError] {
        var errors: [FieldError] = []
        if case .hours(let ranges) = change {
            errors += FieldError.validate(ranges, at: pointer + "/hours")
        }
        if let reason, reason.count > 500 { errors.append(.tooLong(pointer + "/reason", maximum: 500)) }
        return errors
    }
}
