import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A whole complaint row as agents and the workflow read it: everything but the contact data
/// (only whether there is some).
struct CaseRow: Sendable {
    let id: UUID
    let trackingCode: TrackingCode
    let kind: String
    let category: String
    let subject: String
    let description: String
    let location: GeoPoint?
    let address: String?
    let language: Language
    let channel: String
    let status: ComplaintStatus
    let createdAt: Date
    let updatedAt: Date
    let version: Int
    let attributes: [String: JSONValue]
    let zone: String?
    let assignedUnit: UUID?
    let assignedAgent: UUID?
    let routedBy: String
    let citizenSubject: String?
    let enteredBy: String?
    let acknowledgedAt: Date?
    let firstAnsweredAt: Date?
    let answeredAt: Date?
    let rejectedAt: Date?
    let closedAt: Date?
    let reopenedAt: Date?
    let reopenCount: Int
    let hasPublicAnswer: Bool
    let awaitingInformation: Bool
    let redirectedTo: String?
    let mergedInto: UUID?
    let satisfied: Bool?
    let satisfactionComment: String?
    let ratedAt: Date?
    let acknowledgementDue: Date?
    let answerDue: Date?
    let answerAlertAt: Date?
    let firstAnswerDue: Date?
    let anonymisedAt: Date?
    let hasContact: Bool

    /// The columns ``init(_:)`` reads, for a `FROM complaints.complaints c`.
    static let columns = """
        c.id, c.tracking_code, c.kind, c.category_code, c.subject, c.description,
        public.ST_Y(c.location::public.geometry) AS latitude, public.ST_X(c.location::public.geometry) AS longitude,
        c.address, c.language, c.channel, c.status, c.created_at, c.updated_at, c.version, c.attributes, c.zone_code,
        c.assigned_unit, c.assigned_agent, c.routed_by, c.citizen_subject, c.entered_by, c.acknowledged_at,
        c.first_answered_at, c.answered_at, c.rejected_at, c.closed_at, c.reopened_at, c.reopen_count, c.has_public_answer,
        c.awaiting_information, c.redirected_to, c.merged_into, c.satisfied, c.satisfaction_comment, c.rated_at,
        c.acknowledgement_due, c.answer_due, c.answer_alert_at, c.first_answer_due, c.anonymised_at,
        (c.contact_name IS NOT NULL OR c.contact_email IS NOT NULL OR c.contact_phone IS NOT NULL) AS has_contact
        """

    /// Reads a row selected with ``columns``.
    init(_ row: PostgresRow) throws {
        id = try row["id"].decode(UUID.self)
        guard let code = TrackingCode(try row["tracking_code"].decode(String.self)) else {
            throw PostgresDecodingError(
                column: "tracking_code", index: 1, expectedType: "TrackingCode", actualType: .text, reason: .invalidText("not a tracking code"))
        }
        trackingCode = code
        kind = try row["kind"].decode(String.self)
        category = try row["category_code"].decode(String.self)
        subject = try row["subject"].decode(String.self)
        description = try row["description"].decode(String.self)
        let latitude = try row["latitude"].decode(Double?.self)
        let longitude = try row["longitude"].decode(Double?.self)
        location = latitude.flatMap { latitude in longitude.flatMap { GeoPoint(latitude: latitude, longitude: $0) } }
        address = try row["address"].decode(String?.self)
        language = Language(rawValue: try row["language"].decode(String.self)) ?? .default
        channel = try row["channel"].decode(String.self)
        status = ComplaintStatus(rawValue: try row["status"].decode(String.self)) ?? .received
        createdAt = try row["created_at"].decode(Date.self)
        updatedAt = try row["updated_at"].decode(Date.self)
        version = try row["version"].decode(Int.self)
        attributes = try row["attributes"].decode(PostgresJSON<[String: JSONValue]>.self).value
        zone = try row["zone_code"].decode(String?.self)
        assignedUnit = try row["assigned_unit"].decode(UUID?.self)
        assignedAgent = try row["assigned_agent"].decode(UUID?.self)
        routedBy = try row["routed_by"].decode(String.self)
        citizenSubject = try row["citizen_subject"].decode(String?.self)
        enteredBy = try row["entered_by"].decode(String?.self)
        acknowledgedAt = try row["acknowledged_at"].decode(Date?.self)
        firstAnsweredAt = try row["first_answered_at"].decode(Date?.self)
        answeredAt = try row["answered_at"].decode(Date?.self)
        rejectedAt = try row["rejected_at"].decode(Date?.self)
        closedAt = try row["closed_at"].decode(Date?.self)
        reopenedAt = try row["reopened_at"].decode(Date?.self)
        reopenCount = try row["reopen_count"].decode(Int.self)
        hasPublicAnswer = try row["has_public_answer"].decode(Bool.self)
        awaitingInformation = try row["awaiting_information"].decode(Bool.self)
        redirectedTo = try row["redirected_to"].decode(String?.self)
        mergedInto = try row["merged_into"].decode(UUID?.self)
        satisfied = try row["satisfied"].decode(Bool?.self)
        satisfactionComment = try row["satisfaction_comment"].decode(String?.self)
        ratedAt = try row["rated_at"].decode(Date?.self)
        acknowledgementDue = try row["acknowledgement_due"].decode(Date?.self)
        answerDue = try row["answer_due"].decode(Date?.self)
        answerAlertAt = try row["answer_alert_at"].decode(Date?.self)
        firstAnswerDue = try row["first_answer_due"].decode(Date?.self)
        anonymisedAt = try row["anonymised_at"].decode(Date?.self)
        hasContact = try row["has_contact"].decode(Bool.self)
    }

    /// The workflow state the row holds.
    var workflow: ComplaintWorkflow {
        ComplaintWorkflow(
            id: id, receivedAt: createdAt, status: status, acknowledgedAt: acknowledgedAt, assignedUnit: assignedUnit,
            assignedAgent: assignedAgent, firstAnsweredAt: firstAnsweredAt, answeredAt: answeredAt, rejectedAt: rejectedAt,
            closedAt: closedAt, reopenedAt: reopenedAt, reopenCount: reopenCount, hasPublicAnswer: hasPublicAnswer,
            isAwaitingInformation: awaitingInformation, redirectedTo: redirectedTo, mergedInto: mergedInto,
            satisfaction: satisfied.map { Satisfaction(satisfied: $0, comment: satisfactionComment, ratedAt: ratedAt ?? updatedAt) },
            updatedAt: updatedAt)
    }

    /// Whether the acknowledgement or answer deadline is passed and not met at `now`.
    func isOverdue(at now: Date) -> Bool {
        if status == .received, let acknowledgementDue, now > acknowledgementDue { return true }
        if status.awaitsAnswer, let answerDue, now > answerDue { return true }
        return false
    }

    /// The `ETag` of this version.
    var entityTag: String { EntityTag.of(version: version) }
}
