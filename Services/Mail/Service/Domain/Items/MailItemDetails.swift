import FoundationEssentials
import GuichetCore

/// The facts of a mail item that amendments may correct, in their current state.
public struct MailItemDetails: Sendable, Hashable {
    /// What the mail is about.
    public var subject: String
    /// Who sent or receives it (`nil` only for internal mail).
    public var correspondent: Correspondent?
    /// The document type's code.
    public var documentType: String
    /// How it arrived or left.
    public var medium: MailMedium
    /// How fast it must be handled.
    public var priority: MailPriority
    /// Who may see it.
    public var confidentiality: ConfidentialityLevel
    /// When incoming mail was received.
    public var receivedAt: Date?
    /// When outgoing or internal mail was sent.
    public var sentAt: Date?
    /// The sender's reference.
    public var reference: String?

    /// Details from their parts.
    public init(
        subject: String, correspondent: Correspondent?, documentType: String, medium: MailMedium = .paper,
        priority: MailPriority = .normal, confidentiality: ConfidentialityLevel = .normal, receivedAt: Date? = nil,
        sentAt: Date? = nil, reference: String? = nil
    ) {
        self.subject = subject
        self.correspondent = correspondent
        self.documentType = documentType
        self.medium = medium
        self.priority = priority
        self.confidentiality = confidentiality
        self.receivedAt = receivedAt
        self.sentAt = sentAt
        self.reference = reference
    }

    /// The current value of an amendable field as JSON (as written in amendment events), or `nil` for a
    /// field that is not one of these details.
    public func jsonValue(of field: RegisteredField) -> JSONValue? {
        switch field {
        case .subject: .string(subject)
        case .correspondent: correspondent.map(\.jsonValue) ?? .null
        case .documentType: .string(documentType)
        case .medium: .string(medium.rawValue)
        case .priority: .string(priority.rawValue)
        case .confidentiality: .string(confidentiality.rawValue)
        case .receivedAt: receivedAt.map(MailJSON.instant) ?? .null
        case .sentAt: sentAt.map(MailJSON.instant) ?? .null
        case .reference: reference.map(JSONValue.string) ?? .null
        case .registryNumber, .registeredAt, .direction, .registeredBy, .documents: nil
        }
    }
}

extension Correspondent {
    /// The snapshot as JSON: `contact_id`, `kind`, `name` and `email` when known.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "contact_id": .string(contactID.lowercaseString), "kind": .string(kind.rawValue), "name": .string(name),
        ]
        if let email { object["email"] = .string(email) }
        return .object(object)
    }
}

/// How the mail domain writes values in JSON (events, audit payloads, manifests).
enum MailJSON {
    /// An instant in UTC with microseconds, the precision PostgreSQL keeps.
    static func instant(_ date: Date) -> JSONValue {
        .string(RFC3339.formatUTC(date, precision: .microseconds))
    }
}
