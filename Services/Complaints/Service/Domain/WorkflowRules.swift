import GuichetCore

/// A tenant's workflow settings: allowed transitions, the reopening period, the lengths of
/// texts, and when supervisors are alerted.
public struct WorkflowRules: Sendable, Hashable {
    /// The allowed changes of status.
    public var transitions: TransitionTable
    /// How long after an answer (or a rejection) the citizen may reopen, counted on ``calendar``
    /// to the end of the last day (default 30 calendar days).
    public var reopeningPeriod: DayCount
    /// The tenant's calendar, for the reopening period.
    public var calendar: BusinessCalendar
    /// A public reply or answer: reasoned, so at least 20 characters (up to 10 000, several lines).
    public var reply: TextRule
    /// A reason (rejection, reopening): 10 to 2 000 characters, several lines.
    public var reason: TextRule
    /// Information a citizen adds, or a rating comment: 1 to 10 000 characters, several lines.
    public var citizenMessage: TextRule
    /// Whether a reopening alerts the supervisors (default true).
    public var alertsSupervisorOnReopening: Bool
    /// Whether a "not satisfied" rating alerts the supervisors (default true).
    public var alertsSupervisorOnDissatisfaction: Bool

    /// Rules with the given transitions and calendar, and defaults for the rest.
    public init(
        transitions: TransitionTable = .default, reopeningPeriod: DayCount = .calendarDays(30), calendar: BusinessCalendar = .morocco(),
        reply: TextRule = TextRule(minimumLength: 20, maximumLength: 10_000, allowsLineBreaks: true),
        reason: TextRule = TextRule(minimumLength: 10, maximumLength: 2_000, allowsLineBreaks: true),
        citizenMessage: TextRule = TextRule(minimumLength: 1, maximumLength: 10_000, allowsLineBreaks: true),
        alertsSupervisorOnReopening: Bool = true, alertsSupervisorOnDissatisfaction: Bool = true
    ) {
        self.transitions = transitions
        self.reopeningPeriod = reopeningPeriod
        self.calendar = calendar
        self.reply = reply
        self.reason = reason
        self.citizenMessage = citizenMessage
        self.alertsSupervisorOnReopening = alertsSupervisorOnReopening
        self.alertsSupervisorOnDissatisfaction = alertsSupervisorOnDissatisfaction
    }
}
