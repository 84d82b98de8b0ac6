import FoundationEssentials
import GuichetCore

/// What the citizen sees of their complaint (by tracking code or in their account): its status
/// and public history, the expected answer date, whether information is asked of them, until
/// when they may reopen it, their rating, the competent tenant they were redirected to, and the
/// complaint theirs was merged into. Never contact data, agents' names or internal notes.
struct CitizenView: Encodable {
    let id: String
    let trackingCode: String
    let status: String
    let statusName: String
    let kind: String
    let category: ComplaintViews.CategoryReference
    let subject: String
    let description: String
    let location: ComplaintViews.Location?
    let address: String?
    let attributes: [String: JSONValue]
    let language: String
    let createdAt: String
    let updatedAt: String
    let acknowledgementDue: String?
    let answerDue: String?
    let awaitingInformation: Bool
    let reopenableUntil: String?
    let satisfaction: Rating?
    let redirectedTo: Redirection?
    let mergedInto: MergedInto?
    let timeline: [Entry]
    let attachments: [Attachment]

    struct Rating: Encodable {
        let satisfied: Bool
        let comment: String?
        let ratedAt: String
    }

    struct Redirection: Encodable {
        let slug: String
        let name: ComplaintViews.Names?
    }

    /// The complaint a duplicate was merged into, as its citizen follows it.
    struct MergedInto: Encodable {
        let status: String
        let statusName: String
        let updatedAt: String
        let replies: [Entry]
    }

    /// One public step: a change of status, a reply from the administration, the citizen's own
    /// message or rating, an attachment, a merge.
    struct Entry: Encodable {
        let kind: String
        let at: String
        let author: String
        let fromStatus: String?
        let toStatus: String?
        let text: String?
        let satisfied: Bool?

        init(_ entry: TimelineEntry, instants: Instants) {
            kind = entry.kind
            at = instants(entry.createdAt)
            author = entry.authorKind == "citizen" ? "citizen" : "administration"
            fromStatus = entry.fromStatus
            toStatus = entry.toStatus
            text = entry.body
            satisfied = entry.data?["satisfied"]?.boolValue
        }
    }

    struct Attachment: Encodable {
        let id: String
        let mediaType: String
        let byteSize: Int
        let sha256: String
        let createdAt: String
        let href: String

        init(_ metadata: AttachmentStore.Metadata, base: String, instants: Instants) {
            id = metadata.id.lowercaseString
            mediaType = metadata.mediaType
            byteSize = metadata.byteSize
            sha256 = metadata.digest
            createdAt = instants(metadata.createdAt)
            href = "\(base)/attachments/\(id)"
        }
    }

    init(
        _ tracking: ComplaintStore.Tracking, base: String, rules: WorkflowRules, language: Language, instants: Instants,
        redirection: Redirection?, merged: MergedInto?
    ) {
        let row = tracking.row
        id = row.id.lowercaseString
        trackingCode = row.trackingCode.displayed
        status = row.status.rawValue
        statusName = row.status.displayName.text(in: language)
        kind = row.kind
        category = .init(code: row.category, name: ComplaintViews.Names(tracking.categoryName))
        subject = row.subject
        description = row.description
        location = row.location.map(ComplaintViews.Location.init)
        address = row.address
        attributes = row.attributes
        self.language = row.language.rawValue
        createdAt = instants(row.createdAt)
        updatedAt = instants(row.updatedAt)
        acknowledgementDue = row.status == .received ? instants(row.acknowledgementDue) : nil
        answerDue = row.status.awaitsAnswer ? instants(row.answerDue) : nil
        awaitingInformation = row.awaitingInformation
        let workflow = row.workflow
        if rules.transitions.allows(from: row.status, to: .reopened), let until = workflow.reopeningDeadline(rules: rules) {
            reopenableUntil = instants(until)
        } else {
            reopenableUntil = nil
        }
        satisfaction = row.satisfied.map { Rating(satisfied: $0, comment: row.satisfactionComment, ratedAt: instants(row.ratedAt ?? row.updatedAt)) }
        redirectedTo = redirection
        mergedInto = merged
        timeline = tracking.timeline.map { Entry($0, instants: instants) }
        attachments = tracking.attachments.map { Attachment($0, base: base, instants: instants) }
    }
}
