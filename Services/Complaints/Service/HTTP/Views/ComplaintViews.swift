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
        let fields: [CategoryField]
        let defaultUnit: String?

        init(_ category: ComplaintCategory) {
            code = category.code
            name = Names(category.name)
            description = category.description.map(Names.init)
            group = category.group
            keywords = category.keywords
            deadlines = category.deadlines
            fields = category.fields
            defaultUnit = category.defaultUnit?.lowercaseString
        }
    }

    struct CategoryList: Encodable {
        let categories: [Category]
    }

    struct Location: Encodable {
        let lat: Double
        let lon: Double

        init(lat: Double, lon: Double) {
            self.lat = lat
            self.lon = lon
        }

        init(_ point: GeoPoint) {
            lat = point.latitude
            lon = point.longitude
        }
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
        /// When the answer is due at the latest.
        var answerDue: String? = nil
    }

    /// A category as a complaint names it.
    struct CategoryReference: Encodable {
        let code: String
        let name: Names
    }
}
