/// How one delivery attempt ended, as a channel reports it to the dispatcher.
///
/// - `delivered`: the other side accepted the message; it is marked delivered.
/// - `failed`: a transient failure (a timeout, a dropped connection, a 5xx answer, an SMTP 4xx
///   reply); the message is retried after a back-off, and parked as a dead letter once the retry
///   policy's attempts are spent.
/// - `rejected`: the other side refused it for good (an SMTP 5xx reply, a 4xx answer, a payload the
///   channel cannot read); it becomes a dead letter at once, which an administrator may replay.
public struct DeliveryResult: Sendable, Hashable {
    /// How an attempt ended.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Accepted by the other side.
        case delivered
        /// Failed, worth trying again.
        case failed
        /// Refused for good.
        case rejected
    }

    /// How the attempt ended.
    public var outcome: Outcome
    /// What happened, for administrators (an SMTP reply, an HTTP status line, an error); never a
    /// secret.
    public var detail: String?
    /// The HTTP status or SMTP reply code, when the other side answered.
    public var statusCode: Int?
    /// The earliest next attempt the other side asked for (`Retry-After`), if any.
    public var retryAfter: Duration?

    /// A result from its parts.
    public init(outcome: Outcome, detail: String? = nil, statusCode: Int? = nil, retryAfter: Duration? = nil) {
        self.outcome = outcome
        self.detail = detail
        self.statusCode = statusCode
        self.retryAfter = retryAfter
    }

    /// The other side accepted the message.
    public static func delivered(_ detail: String? = nil, statusCode: Int? = nil) -> DeliveryResult {
        DeliveryResult(outcome: .delivered, detail: detail, statusCode: statusCode)
    }

    /// A transient failure: try again later (no earlier than `retryAfter`, when given).
    public static func failed(_ detail: String, statusCode: Int? = nil, retryAfter: Duration? = nil) -> DeliveryResult {
        DeliveryResult(outcome: .failed, detail: detail, statusCode: statusCode, retryAfter: retryAfter)
    }

    /// A permanent refusal: park the message as a dead letter now.
    public static func rejected(_ detail: String, statusCode: Int? = nil) -> DeliveryResult {
        DeliveryResult(outcome: .rejected, detail: detail, statusCode: statusCode)
    }
}
