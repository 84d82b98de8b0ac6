import FoundationEssentials
import GuichetCore

/// A page of an agent's list: the complaints and the cursor of the next page.
struct CaseListView: Encodable {
    let items: [Item]
    let nextCursor: String?

    struct Item: Encodable {
        let id: String
        let version: Int
        let status: String
        let kind: String
        let category: String
        let subject: String
        let createdAt: String
        let updatedAt: String
        let zone: String?
        let assignedUnit: String?
        let assignedAgent: String?
        let routedBy: String
        let acknowledgementDue: String?
        let answerDue: String?
        let overdue: Bool
        let awaitingInformation: Bool
        let location: ComplaintViews.Location?
        let href: String

        init(_ summary: CaseListStore.Summary, now: Date, tenant: TenantReference, instants: Instants) {
            id = summary.id.lowercaseString
            version = summary.version
            status = summary.status.rawValue
            kind = summary.kind
            category = summary.category
            subject = summary.subject
            createdAt = instants(summary.createdAt)
            updatedAt = instants(summary.updatedAt)
            zone = summary.zone
            assignedUnit = summary.assignedUnit?.lowercaseString
            assignedAgent = summary.assignedAgent?.lowercaseString
            routedBy = summary.routedBy
            acknowledgementDue = instants(summary.acknowledgementDue)
            answerDue = instants(summary.answerDue)
            overdue = summary.isOverdue(at: now)
            awaitingInformation = summary.awaitingInformation
            location = summary.location.map(ComplaintViews.Location.init)
            href = "/v1/\(tenant.slug)/complaints/cases/\(id)"
        }
    }
}
