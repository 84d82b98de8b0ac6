import FoundationEssentials
import GuichetCore

/// The rules a registration must follow, applied to a ``RegistrationInput`` to give a ``Registration``
/// or a `validation_failed` problem listing every invalid field with its JSON pointer.
///
/// ```swift
/// let validator = RegistrationValidator(documentTypes: catalog, clock: SystemWallClock())
/// let registration = try validator.validate(input)   // throws Problem (422)
/// ```
///
/// Rules: direction, subject and document type are required; the correspondent is required except for
/// internal mail; `received_at` is for incoming mail and `sent_at` for outgoing and internal mail, and
/// neither may be later than now (beyond ``Configuration/allowedClockSkew``) nor older than
/// ``Configuration/maximumBackdating``; the document type must exist and apply to the direction.
public struct RegistrationValidator: Sendable {
    /// Limits of the rules.
    public struct Configuration: Sendable, Hashable {
        /// Characters allowed in a subject.
        public var subjectLength: ClosedRange<Int> = 3...500
        /// The longest sender's reference.
        public var referenceMaximumLength = 100
        /// The longest correspondent name.
        public var nameMaximumLength = 200
        /// How far in the future a date may be, for clocks that disagree a little.
        public var allowedClockSkew: Duration = .seconds(300)
        /// How far back a received or sent date may be.
        public var maximumBackdating: Duration = .seconds(366 * 86_400)
        /// The most linked items one registration may carry.
        public var maximumLinkedItems = 50
        /// The longest reason (amendment, cancellation).
        public var reasonMaximumLength = 1000

        /// The default limits.
        public init() {}
    }

    /// The tenant's document types.
    public let documentTypes: DocumentTypeCatalog
    /// The clock giving "now".
    public let clock: any WallClock
    /// The limits.
    public let configuration: Configuration

    /// A validator for a tenant's catalogue.
    public init(documentTypes: DocumentTypeCatalog, clock: any WallClock, configuration: Configuration = Configuration()) {
        self.documentTypes = documentTypes
        self.clock = clock
        self.configuration = configuration
    }

    /// The registration `input` describes, or a `validation_failed` problem listing every invalid field.
    public func validate(_ input: RegistrationInput) throws(Problem) -> Registration {
        var checks = FieldChecks()
        let now = clock.now
        let direction: MailDirection? = checks.choice(input.direction, at: "/direction")
        let subject = checks.text(input.subject, at: "/subject", required: true, length: configuration.subjectLength)

        var correspondent: CorrespondentReference?
        if let given = input.correspondent {
            correspondent = check(given, at: "/correspondent", with: &checks)
        } else if let direction, direction != .internal {
            checks.errors.append(.required("/correspondent"))
        }

        let documentType = check(documentType: input.documentType, for: direction, at: "/document_type", with: &checks)
        let medium: MailMedium? = checks.choice(input.medium, at: "/medium", fallback: .paper)
        let priority: MailPriority? = checks.choice(input.priority, at: "/priority", fallback: .normal)
        let confidentiality: ConfidentialityLevel? = checks.choice(input.confidentiality, at: "/confidentiality", fallback: .normal)

        var receivedAt: Date?
        if let raw = input.receivedAt {
            if let direction, direction != .incoming {
                checks.errors.append(.notForDirection("/received_at", direction))
            } else {
                receivedAt = check(date: raw, at: "/received_at", now: now, with: &checks)
            }
        }
        var sentAt: Date?
        if let raw = input.sentAt {
            if direction == .incoming {
                checks.errors.append(.notForDirection("/sent_at", .incoming))
            } else {
                sentAt = check(date: raw, at: "/sent_at", now: now, with: &checks)
            }
        }

        let reference = checks.text(input.reference, at: "/reference", required: false, length: 1...configuration.referenceMaximumLength)
        let inReplyTo = input.inReplyTo.flatMap { checks.identifier($0, at: "/in_reply_to") }
        var linkedItems: [UUID] = []
        if let given = input.linkedItems {
            if given.count > configuration.maximumLinkedItems {
                checks.errors.append(.tooManyItems("/linked_items", maximum: configuration.maximumLinkedItems))
            } else {
                var seen: Set<UUID> = []
                for (index, text) in given.enumerated() {
                    if let id = checks.identifier(text, at: FieldError.pointer("linked_items", String(index))), seen.insert(id).inserted {
                        linkedItems.append(id)
                    }
                }
            }
        }

        guard checks.errors.isEmpty, let direction, let subject, let documentType, let medium, let priority, let confidentiality
        else { throw Problem.validation(checks.errors) }
        return Registration(
            direction: direction, subject: subject, correspondent: correspondent, documentType: documentType, medium: medium,
            priority: priority, confidentiality: confidentiality, receivedAt: receivedAt, sentAt: sentAt, reference: reference,
            inReplyTo: inReplyTo, linkedItems: linkedItems)
    }

    /// Every problem with `input` as field errors (empty when it is valid), for callers that merge them
    /// with their own.
    public func fieldErrors(in input: RegistrationInput) -> [FieldError] {
        do {
            _ = try validate(input)
            return []
        } catch {
            return error.errors
        }
    }

    func check(_ input: CorrespondentInput, at field: String, with checks: inout FieldChecks) -> CorrespondentReference? {
        if let id = input.id {
            for (member, value) in [("name", input.name), ("email", input.email), ("kind", input.kind)] where value != nil {
                checks.errors.append(.mutuallyExclusive(field + "/" + member, with: "id"))
            }
            return checks.identifier(id, at: field + "/id").map(CorrespondentReference.contact)
        }
        let kind: ContactKind? = checks.choice(input.kind, at: field + "/kind", fallback: .person)
        let name = checks.text(input.name, at: field + "/name", required: true, length: 1...configuration.nameMaximumLength)
        let email = input.email.flatMap { checks.email($0, at: field + "/email") }
        guard let kind, let name else { return nil }
        return .new(CorrespondentDetails(kind: kind, name: name, email: email))
    }

    func check(documentType code: String?, for direction: MailDirection?, at field: String, with checks: inout FieldChecks) -> DocumentType? {
        guard let code, !code.isEmpty else {
            checks.errors.append(.required(field))
            return nil
        }
        guard let type = documentTypes[code] else {
            checks.errors.append(.unknownValue(field, allowed: documentTypes.codes))
            return nil
        }
        if let direction, !type.directions.contains(direction) {
            checks.errors.append(.notForDirection(field, direction))
            return nil
        }
        return type
    }

    func check(date text: String, at field: String, now: Date, with checks: inout FieldChecks) -> Date? {
        checks.instant(text, at: field, now: now, skew: configuration.allowedClockSkew, maximumAge: configuration.maximumBackdating)
    }
}
