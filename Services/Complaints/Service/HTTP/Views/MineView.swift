/// A page of a signed-in citizen's own requests in a tenant.
struct MineView: Encodable {
    let items: [Item]
    let nextCursor: String?

    struct Item: Encodable {
        let id: String
        let trackingCode: String
        let status: String
        let statusName: String
        let kind: String
        let category: ComplaintViews.CategoryReference
        let subject: String
        let createdAt: String
        let updatedAt: String
        let answerDue: String?
        let awaitingInformation: Bool
        let links: ComplaintViews.Links
    }
}
