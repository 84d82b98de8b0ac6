public import FoundationEssentials

/// What must happen because an event was applied: the store and the outbox carry these out in
/// the same transaction as the new state (PostgresNIO-style actions, no I/O in the domain).
public enum WorkflowEffect: Sendable, Hashable {
    /// Record the change of status in the complaint's history.
    case recordStatusChange(from: ComplaintStatus, to: ComplaintStatus)
    /// Store a public reply (cleaned text) the citizen sees.
    case publishReply(String)
    /// Store a message from the citizen (added information, reopening reason, rating comment),
    /// visible to agents.
    case recordCitizenMessage(String)
    /// Tell the citizen, in their language, by their contact channels.
    case notifyCitizen(CitizenNotice)
    /// Tell a unit that a complaint was given to it or needs its attention again.
    case notifyUnit(UUID)
    /// Tell an agent that a complaint was given to them.
    case notifyAgent(UUID)
    /// Alert the supervisors of the tenant.
    case alertSupervisor(SupervisorAlert)
    /// Link this complaint to the one it duplicates, so that its citizen follows that one.
    case linkDuplicate(of: UUID)
    /// Start the answer deadline again from this instant (after a reopening).
    case restartAnswerDeadline(from: Date)
    /// Store the citizen's rating of the answer.
    case recordSatisfaction(Satisfaction)
}

/// Why the citizen is told something.
public enum CitizenNotice: Sendable, Hashable {
    /// The complaint was received (with its tracking code).
    case received
    /// The status changed to this one.
    case statusChanged(ComplaintStatus)
    /// A public reply was posted.
    case replied
    /// A public reply asks the citizen for more information.
    case informationRequested
}

/// Why supervisors are alerted.
public enum SupervisorAlert: Sendable, Hashable {
    /// A citizen reopened a complaint after its answer.
    case reopened
    /// A citizen said they are not satisfied with the answer.
    case dissatisfied
}
