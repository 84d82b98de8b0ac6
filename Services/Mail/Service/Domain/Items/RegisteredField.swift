/// A field of a registered mail item, by its API name, and whether an amendment may change it.
///
/// The registry number, registration date, direction, registering agent and documents (their scan
/// hashes) never change. The other facts are corrected by amendments, recorded as events with their
/// old and new values; the registry keeps what was registered.
public enum RegisteredField: String, Sendable, Hashable, Codable, CaseIterable {
    /// The registry number (never amended).
    case registryNumber = "registry_number"
    /// The registration instant (never amended).
    case registeredAt = "registered_at"
    /// The direction, which chose the counter (never amended).
    case direction
    /// The registering agent (never amended).
    case registeredBy = "registered_by"
    /// The documents and their hashes (never amended; new versions are added instead).
    case documents
    /// The subject.
    case subject
    /// The correspondent.
    case correspondent
    /// The document type.
    case documentType = "document_type"
    /// The medium.
    case medium
    /// The priority.
    case priority
    /// The confidentiality level.
    case confidentiality
    /// When incoming mail was received.
    case receivedAt = "received_at"
    /// When outgoing or internal mail was sent.
    case sentAt = "sent_at"
    /// The sender's reference.
    case reference

    /// Whether an amendment may change this field.
    public var isAmendable: Bool {
        switch self {
        case .registryNumber, .registeredAt, .direction, .registeredBy, .documents: false
        default: true
        }
    }

    /// The field's JSON pointer in requests (`/subject`).
    public var pointer: String { "/" + rawValue }
}
