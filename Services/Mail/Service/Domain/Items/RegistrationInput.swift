/// A registration request as the HTTP layer decodes it (`POST /v1/{tenant}/mail/items`), every field
/// optional and every value still text, so that validation can report each problem with its pointer.
public struct RegistrationInput: Sendable, Hashable {
    /// `incoming`, `outgoing` or `internal`.
    public var direction: String?
    /// What the mail is about.
    public var subject: String?
    /// Who sent it (incoming) or receives it (outgoing); optional for internal mail.
    public var correspondent: CorrespondentInput?
    /// The document type's code in the tenant's catalogue.
    public var documentType: String?
    /// `paper`, `email`, `hand_delivered` or `other_system` (default `paper`).
    public var medium: String?
    /// `normal` or `urgent` (default `normal`).
    public var priority: String?
    /// `normal`, `confidential` or `secret` (default `normal`).
    public var confidentiality: String?
    /// When incoming mail was received, RFC 3339 (default: the registration instant).
    public var receivedAt: String?
    /// When outgoing or internal mail was sent, RFC 3339 (default: the registration instant).
    public var sentAt: String?
    /// The sender's own reference.
    public var reference: String?
    /// The item this one answers (a UUID).
    public var inReplyTo: String?
    /// Other related items (UUIDs).
    public var linkedItems: [String]?

    /// An input from its parts.
    public init(
        direction: String? = nil, subject: String? = nil, correspondent: CorrespondentInput? = nil,
        documentType: String? = nil, medium: String? = nil, priority: String? = nil, confidentiality: String? = nil,
        receivedAt: String? = nil, sentAt: String? = nil, reference: String? = nil, inReplyTo: String? = nil,
        linkedItems: [String]? = nil
    ) {
        self.direction = direction
        self.subject = subject
        self.correspondent = correspondent
        self.documentType = documentType
        self.medium = medium
        self.priority = priority
        self.confidentiality = confidentiality
        self.receivedAt = receivedAt
        self.sentAt = sentAt
        self.reference = reference
        self.inReplyTo = inReplyTo
        self.linkedItems = linkedItems
    }
}
