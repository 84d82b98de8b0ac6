import FoundationEssentials

/// A message in a service's outbox as administrators see it (never its payload, which may hold
/// personal data or a webhook body).
public struct OutboxMessageRecord: Sendable, Hashable {
    /// Where a message stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Waiting for its first attempt, a retry, or held by a dispatcher.
        case pending
        /// Accepted by the other side.
        case delivered
        /// Parked after failing for good or too often; an administrator may replay it.
        case dead
        /// Withdrawn by the service before it was sent (``Outbox/cancelling(ids:tenant:)``).
        case cancelled
    }

    /// The message's stable id.
    public var id: UUID
    /// Its channel.
    public var channel: String
    /// What it is.
    public var topic: String
    /// Who it goes to within its channel, if recorded (a webhook endpoint's id).
    public var target: String?
    /// Where it stands.
    public var state: State
    /// Attempts since it was recorded or last replayed.
    public var attempts: Int
    /// When a pending message is due next (its retry, or the end of a dispatcher's claim).
    public var availableAt: Date
    /// The last failure, if any.
    public var lastError: String?
    /// When it was recorded.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it was delivered.
    public var deliveredAt: Date?
}

/// One delivery attempt of an outbox message.
public struct OutboxAttemptRecord: Sendable, Hashable {
    /// The attempt's id (time-ordered).
    public var id: UUID
    /// When it started.
    public var startedAt: Date
    /// How long it took, in milliseconds.
    public var durationMilliseconds: Int
    /// How it ended.
    public var outcome: DeliveryResult.Outcome
    /// The HTTP status or SMTP reply code, when the other side answered.
    public var statusCode: Int?
    /// What happened.
    public var detail: String?
}
