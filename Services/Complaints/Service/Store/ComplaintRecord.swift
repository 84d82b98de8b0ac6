import FoundationEssentials
import GuichetCore

/// A complaint as the store writes it at submission.
struct ComplaintRecord: Sendable {
    let id: UUID
    let trackingCode: TrackingCode
    let submission: ComplaintSubmission
    let status: ComplaintStatus
    let createdAt: Date
}

/// What a citizen may see of a complaint: never the contact data.
struct CitizenComplaint: Sendable {
    let trackingCode: TrackingCode
    let kind: String
    let category: String
    let categoryName: LocalizedText
    let subject: String
    let description: String
    let location: GeoPoint?
    let address: String?
    let language: String
    let status: String
    let createdAt: Date
    let updatedAt: Date
}
