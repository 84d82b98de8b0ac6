import FoundationEssentials
import GuichetCore

/// A new value for one amendable field of a mail item, already validated.
public enum MailItemChange: Sendable, Hashable {
    /// A new subject.
    case subject(String)
    /// Another correspondent (resolved from the directory).
    case correspondent(Correspondent)
    /// Another document type.
    case documentType(DocumentType)
    /// Another medium.
    case medium(MailMedium)
    /// Another priority.
    case priority(MailPriority)
    /// Another confidentiality level.
    case confidentiality(ConfidentialityLevel)
    /// Another reception instant (incoming mail).
    case receivedAt(Date)
    /// Another sending instant (outgoing and internal mail).
    case sentAt(Date)
    /// Another sender's reference, or none.
    case reference(String?)

    /// The field this change is for.
    public var field: RegisteredField {
        switch self {
        case .subject: .subject
        case .correspondent: .correspondent
        case .documentType: .documentType
        case .medium: .medium
        case .priority: .priority
        case .confidentiality: .confidentiality
        case .receivedAt: .receivedAt
        case .sentAt: .sentAt
        case .reference: .reference
        }
    }

    /// Applies the change to `details`.
    func apply(to details: inout MailItemDetails) {
        switch self {
        case .subject(let value): details.subject = value
        case .correspondent(let value): details.correspondent = value
        case .documentType(let value): details.documentType = value.code
        case .medium(let value): details.medium = value
        case .priority(let value): details.priority = value
        case .confidentiality(let value): details.confidentiality = value
        case .receivedAt(let value): details.receivedAt = value
        case .sentAt(let value): details.sentAt = value
        case .reference(let value): details.reference = value
        }
    }
}
