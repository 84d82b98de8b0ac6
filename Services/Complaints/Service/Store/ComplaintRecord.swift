import FoundationEssentials
import GuichetCore

/// A complaint as the store writes it at submission.
struct ComplaintRecord: Sendable {
    let id: UUID
    let trackingCode: TrackingCode
    let submission: ComplaintSubmission
    let status: ComplaintStatus
    let createdAt: Date
    /// What the handler worked out before the insert (who, extra fields, deadlines).
    var prepared: PreparedSubmission = PreparedSubmission()

    /// The acknowledgement deadline (nil when the calendar cannot count it).
    var acknowledgementDeadline: Deadline? {
        try? prepared.policy.acknowledgementDeadline(receivedAt: createdAt, calendar: prepared.calendar)
    }

    /// The answer deadline, counted from reception.
    var answerDeadline: Deadline? {
        try? prepared.policy.answerDeadline(from: createdAt, calendar: prepared.calendar)
    }
}

/// What a submission carries besides the citizen's text, worked out from the caller and the
/// tenant's reference data before the insert.
struct PreparedSubmission: Sendable {
    /// The category's extra fields, checked and cleaned.
    var attributes: [String: JSONValue] = [:]
    /// The citizen's account subject, when a signed-in citizen submits.
    var citizenSubject: String?
    /// The agent who entered it for a caller or visitor.
    var enteredBy: String?
    /// The category's deadlines.
    var policy: DeadlinePolicy = .default
    /// The tenant's calendar.
    var calendar: BusinessCalendar = .morocco()
}
