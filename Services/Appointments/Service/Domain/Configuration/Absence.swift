public import FoundationEssentials
public import GuichetCore

/// A time when a counter receives nobody (its agent on leave, training, a breakdown): a range of
/// instants, which may span several days.
public struct Absence: Sendable, Hashable {
    /// The counter that is unavailable.
    public var counterID: UUID
    /// From when to when (end excluded).
    public var start: Date
    /// The end of the absence (excluded).
    public var end: Date
    /// Why, for agents (optional).
    public var reason: String?

    /// An absence from its parts.
    public init(counterID: UUID, start: Date, end: Date, reason: String? = nil) {
        self.counterID = counterID
        self.start = start
        self.end = end
        self.reason = reason
    }

    /// An absence between two wall times in `zone` (a repeated wall time is taken at its first
    /// occurrence; a skipped one at the jump).
    public init(counterID: UUID, from: LocalDateTime, to: LocalDateTime, in zone: TenantTimeZone, reason: String? = nil) {
        self.init(
            counterID: counterID, start: zone.resolve(from).boundary, end: zone.resolve(to).boundary, reason: reason)
    }

    /// The field errors: `/end` when not after `/start`, `/reason` longer than 500 characters.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if end <= start { errors.append(.invalidRange("/end")) }
        if let reason, reason.count > 500 { errors.append(.tooLong("/reason", maximum: 500)) }
        return errors
    }
}
