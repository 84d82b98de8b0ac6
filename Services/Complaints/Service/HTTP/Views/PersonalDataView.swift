import GuichetCore

/// A citizen's data export: every complaint of theirs in the tenant with the contact data they
/// gave, the public history and the attachments' descriptions. Internal notes are the
/// administration's work, not the citizen's data, and are never part of it.
struct PersonalDataView: Encodable {
    let subject: String
    let tenant: String
    let exportedAt: String
    let complaints: [Complaint]

    struct Contact: Encodable {
        let name: String?
        let email: String?
        let phone: String?
    }

    struct Complaint: Encodable {
        let id: String
        let trackingCode: String
        let kind: String
        let category: String
        let subject: String
        let description: String
        let location: ComplaintViews.Location?
        let address: String?
        let attributes: [String: JSONValue]
        let language: String
        let channel: String
        let status: String
        let createdAt: String
        let updatedAt: String
        let contact: Contact
        let satisfaction: CitizenView.Rating?
        let timeline: [CitizenView.Entry]
        let attachments: [CitizenView.Attachment]

        init(_ export: PersonalDataStore.Export, tenant: TenantReference, instants: Instants) {
            let row = export.complaint
            id = row.id.lowercaseString
            trackingCode = row.trackingCode.displayed
            kind = row.kind
            category = row.category
            subject = row.subject
            description = row.description
            location = row.location.map(ComplaintViews.Location.init)
            address = row.address
            attributes = row.attributes
            language = row.language.rawValue
            channel = row.channel
            status = row.status.rawValue
            createdAt = instants(row.createdAt)
            updatedAt = instants(row.updatedAt)
            contact = Contact(name: export.contact.name, email: export.contact.email?.value, phone: export.contact.phone?.e164)
            satisfaction = row.satisfied.map {
                CitizenView.Rating(satisfied: $0, comment: row.satisfactionComment, ratedAt: instants(row.ratedAt ?? row.updatedAt))
            }
            timeline = export.timeline.filter(\.isPublic).map { CitizenView.Entry($0, instants: instants) }
            let base = "/v1/\(tenant.slug)/complaints/\(row.trackingCode.displayed)"
            attachments = export.attachments.map { CitizenView.Attachment($0, base: base, instants: instants) }
        }
    }
}
