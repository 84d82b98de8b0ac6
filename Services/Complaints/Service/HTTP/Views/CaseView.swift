import FoundationEssentials
import GuichetCore

/// A complaint as an agent works on it: everything but the contact data (read apart, audited),
/// its deadlines and where it stands against them, its whole history (internal notes included),
/// its attachments, the duplicates suggested, and the statuses it may move to.
struct CaseView: Encodable {
    let id: String
    let trackingCode: String
    let version: Int
    let status: String
    let allowedTransitions: [String]
    let kind: String
    let category: String
    let subject: String
    let description: String
    let location: ComplaintViews.Location?
    let address: String?
    let attributes: [String: JSONValue]
    let language: String
    let channel: String
    let createdAt: String
    let updatedAt: String
    let zone: String?
    let assignedUnit: String?
    let assignedAgent: String?
    let routedBy: String
    let enteredBy: String?
    let citizenHasAccount: Bool
    let hasContact: Bool
    let deadlines: Deadlines
    let overdue: Bool
    let acknowledgedAt: String?
    let firstAnsweredAt: String?
    let answeredAt: String?
    let rejectedAt: String?
    let closedAt: String?
    let reopenedAt: String?
    let reopenCount: Int
    let awaitingInformation: Bool
    let redirectedTo: String?
    let mergedInto: String?
    let satisfaction: CitizenView.Rating?
    let anonymisedAt: String?
    let timeline: [Entry]
    let attachments: [Attachment]
    let duplicates: [Duplicate]

    struct Deadline: Encodable {
        let due: String?
        let alertAt: String?
        let state: String?
    }

    struct Deadlines: Encodable {
        let acknowledgement: Deadline
        let answer: Deadline
    }

    struct Entry: Encodable {
        let id: String
        let kind: String
        let `public`: Bool
        let authorKind: String
        let author: String?
        let text: String?
        let fromStatus: String?
        let toStatus: String?
        let data: [String: JSONValue]?
        let at: String

        init(_ entry: TimelineEntry, instants: Instants) {
            id = entry.id.lowercaseString
            kind = entry.kind
            self.public = entry.isPublic
            authorKind = entry.authorKind
            author = entry.author
            text = entry.body
            fromStatus = entry.fromStatus
            toStatus = entry.toStatus
            data = entry.data
            at = instants(entry.createdAt)
        }
    }

    struct Attachment: Encodable {
        let id: String
        let mediaType: String
        let byteSize: Int
        let sha256: String
        let uploadedBy: String
        let createdAt: String
        let href: String
    }

    struct Duplicate: Encodable {
        let id: String
        let distanceMetres: Double
        let status: String
        let createdAt: String
        let href: String
    }

    init(
        _ row: CaseRow, timeline: [TimelineEntry], attachments: [AttachmentStore.Metadata], duplicates: [DuplicateFinder.Match],
        rules: WorkflowRules, now: Date, tenant: TenantReference, instants: Instants
    ) {
        id = row.id.lowercaseString
        trackingCode = row.trackingCode.displayed
        version = row.version
        status = row.status.rawValue
        allowedTransitions = ComplaintStatus.allCases.filter { rules.transitions.allows(from: row.status, to: $0) }.map(\.rawValue)
        kind = row.kind
        category = row.category
        subject = row.subject
        description = row.description
        location = row.location.map(ComplaintViews.Location.init)
        address = row.address
        attributes = row.attributes
        language = row.language.rawValue
        channel = row.channel
        createdAt = instants(row.createdAt)
        updatedAt = instants(row.updatedAt)
        zone = row.zone
        assignedUnit = row.assignedUnit?.lowercaseString
        assignedAgent = row.assignedAgent?.lowercaseString
        routedBy = row.routedBy
        enteredBy = row.enteredBy
        citizenHasAccount = row.citizenSubject != nil
        hasContact = row.hasContact
        let acknowledgementState: DeadlineState? = row.acknowledgementDue.map { due in
            DeadlineState.of(due: due, alertAt: due, completedAt: row.acknowledgedAt, now: now)
        }
        let answerState: DeadlineState? = row.answerDue.map { due in
            DeadlineState.of(due: due, alertAt: row.answerAlertAt ?? due, completedAt: row.workflow.answerStoppedAt, now: now)
        }
        deadlines = Deadlines(
            acknowledgement: Deadline(due: instants(row.acknowledgementDue), alertAt: nil, state: acknowledgementState?.rawValue),
            answer: Deadline(due: instants(row.answerDue), alertAt: instants(row.answerAlertAt), state: answerState?.rawValue))
        overdue = row.isOverdue(at: now)
        acknowledgedAt = instants(row.acknowledgedAt)
        firstAnsweredAt = instants(row.firstAnsweredAt)
        answeredAt = instants(row.answeredAt)
        rejectedAt = instants(row.rejectedAt)
        closedAt = instants(row.closedAt)
        reopenedAt = instants(row.reopenedAt)
        reopenCount = row.reopenCount
        awaitingInformation = row.awaitingInformation
        redirectedTo = row.redirectedTo
        mergedInto = row.mergedInto?.lowercaseString
        satisfaction = row.satisfied.map {
            CitizenView.Rating(satisfied: $0, comment: row.satisfactionComment, ratedAt: instants(row.ratedAt ?? row.updatedAt))
        }
        anonymisedAt = instants(row.anonymisedAt)
        let base = "/v1/\(tenant.slug)/complaints/cases/\(id)"
        self.timeline = timeline.map { Entry($0, instants: instants) }
        self.attachments = attachments.map {
            Attachment(
                id: $0.id.lowercaseString, mediaType: $0.mediaType, byteSize: $0.byteSize, sha256: $0.digest, uploadedBy: $0.uploadedBy,
                createdAt: instants($0.createdAt), href: "\(base)/attachments/\($0.id.lowercaseString)")
        }
        self.duplicates = duplicates.map {
            Duplicate(
                id: $0.candidate.id.lowercaseString, distanceMetres: ($0.distance * 10).rounded() / 10, status: $0.candidate.status.rawValue,
                createdAt: instants($0.candidate.receivedAt), href: "/v1/\(tenant.slug)/complaints/cases/\($0.candidate.id.lowercaseString)")
        }
    }
}

extension DeadlineState {
    /// Where a complaint stands against a deadline `due` (alert at `alertAt`), met at `completedAt`.
    static func of(due: Date, alertAt: Date, completedAt: Date?, now: Date) -> DeadlineState {
        Deadline(start: due, due: due, alertAt: alertAt).state(completedAt: completedAt, at: now)
    }
}
