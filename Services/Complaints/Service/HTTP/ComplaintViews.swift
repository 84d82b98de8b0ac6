import FoundationEssentials
import GuichetCore

/// The JSON shapes of the complaints API (snake_case on the wire through `JSONCoding`).
enum ComplaintViews {
    struct Names: Encodable {
        let fr: String
        let ar: String?
        let en: String?

        init(_ text: LocalizedText) {
            fr = text.fr
            ar = text.ar
            en = text.en
        }
    }

    struct Category: Encodable {
        let code: String
        let name: Names
        let description: Names?
        let group: String?
        let keywords: [String]
        let deadlines: DeadlinePolicy

        init(_ category: ComplaintCategory) {
            code = category.code
            name = Names(category.name)
            description = category.description.map(Names.init)
            group = category.group
            keywords = category.keywords
            deadlines = category.deadlines
        }
    }

    struct CategoryList: Encodable {
        let categories: [Category]
    }

    struct Location: Encodable {
        let lat: Double
        let lon: Double
    }

    struct Links: Encodable {
        let `self`: String
    }

    /// The answer to a submission: what the citizen needs to follow it.
    struct Submitted: Encodable {
        let trackingCode: String
        let status: String
        let kind: String
        let category: String
        let language: String
        let createdAt: String
        let links: Links
    }

    /// What anyone holding the tracking code sees: never the contact data.
    struct Citizen: Encodable {
        let trackingCode: String
        let status: String
        let kind: String
        let category: CategoryReference
        let subject: String
        let description: String
        let location: Location?
        let address: String?
        let language: String
        let createdAt: String
        let updatedAt: String

        struct CategoryReference: Encodable {
            let code: String
            let name: Names
        }

        init(_ complaint: CitizenComplaint, timeZone: TimeZone) {
            trackingCode = complaint.trackingCode.displayed
            status = complaint.status
            kind = complaint.kind
            category = CategoryReference(code: complaint.category, name: Names(complaint.categoryName))
            subject = complaint.subject
            description = complaint.description
            location = complaint.location.map { Location(lat: $0.latitude, lon: $0.longitude) }
            address = complaint.address
            language = complaint.language
            createdAt = RFC3339.format(complaint.createdAt, in: timeZone)
            updatedAt = RFC3339.format(complaint.updatedAt, in: timeZone)
        }
    }
}
