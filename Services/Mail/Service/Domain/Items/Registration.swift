import FoundationEssentials

/// A valid registration: what ``RegistrationValidator`` makes of a ``RegistrationInput``, typed and
/// trimmed, ready for the store to allocate a number and record it.
public struct Registration: Sendable, Hashable {
    /// The direction, and so the registry counter.
    public var direction: MailDirection
    /// The subject, trimmed.
    public var subject: String
    /// The correspondent; `nil` only for internal mail.
    public var correspondent: CorrespondentReference?
    /// The document type, from the tenant's catalogue.
    public var documentType: DocumentType
    /// The medium.
    public var medium: MailMedium
    /// The priority.
    public var priority: MailPriority
    /// The confidentiality level.
    public var confidentiality: ConfidentialityLevel
    /// When incoming mail was received, if given (else the registration instant).
    public var receivedAt: Date?
    /// When outgoing or internal mail was sent, if given (else the registration instant).
    public var sentAt: Date?
    /// The sender's reference, trimmed.
    public var reference: String?
    /// The item this one answers.
    public var inReplyTo: UUID?
    /// Other related items, without repeats, in the order given.
    public var linkedItems: [UUID]

    /// A registration from its parts.
    public init(
        direction: MailDirection, subject: String, correspondent: CorrespondentReference?, documentType: DocumentType,
        medium: MailMedium = .paper, priority: MailPriority = .normal, confidentiality: ConfidentialityLevel = .normal,
        receivedAt: Date? = nil, sentAt: Date? = nil, reference: String? = nil, inReplyTo: UUID? = nil,
        linkedItems: [UUID] = []
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
