/// Both deadlines of a complaint and where it stands against them.
public struct DeadlineReport: Sendable, Hashable {
    /// The acknowledgement deadline.
    public var acknowledgement: Deadline
    /// Where the complaint stands against it.
    public var acknowledgementState: DeadlineState
    /// The answer deadline (restarted at the last reopening).
    public var answer: Deadline
    /// Where the complaint stands against it.
    public var answerState: DeadlineState

    /// Whether a deadline is passed and not met.
    public var isOverdue: Bool {
        acknowledgementState == .overdue || answerState == .overdue
    }

    /// Whether supervisors should be alerted (a deadline approaching or overdue).
    public var needsSupervisorAlert: Bool {
        [acknowledgementState, answerState].contains { $0 == .approaching || $0 == .overdue }
    }
}
