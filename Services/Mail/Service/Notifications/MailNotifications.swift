import FoundationEssentials
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetPostgres

/// What the mail service tells people and other systems, through the kit's outbox: the
/// acknowledgement of receipt emailed to the correspondent (each send one message, recorded in the
/// transaction of the acknowledgement's audit event), and the `mail.registered` event to the
/// tenant's webhook endpoints (recorded in the registering transaction).
///
/// The kit's email channel sends a text body and an HTML alternative, not attachments: the
/// acknowledgement travels as the email's body, written from the values stored with it
/// (``Acknowledgement/emailVariables(for:registeredAt:)``), with the SHA-256 of the stored document
/// as its reference.
struct MailNotifications: Sendable {
    let service: ServiceNotifications

    /// The statement recording the acknowledgement email to `address` in `language` with
    /// `variables` (those stored with the acknowledgement), and the outbox message's id.
    func recordingAcknowledgement(
        to address: EmailAddress, name: String?, language: Language, variables: [String: String], tenant: UUID
    ) throws -> (query: PostgresQuery, messageID: UUID) {
        let id = UUID.timeOrdered()
        let payload = EmailPayload(to: address, name: name, language: language, template: Self.acknowledgement.name, variables: variables)
        return (try service.recording(email: payload, tenant: tenant, id: id), id)
    }

    /// The statement fanning `mail.registered` out to the tenant's subscribed endpoints.
    func recordingRegistration(of stored: StoredItem, tenant: TenantReference) throws -> PostgresQuery {
        let event = try WebhookEvent(
            type: Self.registered, tenant: tenant, data: RegisteredData(stored, timeZone: TimeZone.named(tenant.timeZone) ?? .casablanca),
            timestamp: stored.item.registeredAt)
        return service.recording(event: event, tenant: tenant)
    }

    /// The `data` of `mail.registered`: a thin payload that never holds the subject or the
    /// correspondent, and leaves the document type out for confidential and secret items (a type
    /// can say what the mail is about). Receivers read the item through the API, with their rights.
    struct RegisteredData: Encodable {
        let id: String
        let registryNumber: String
        let direction: String
        let year: Int
        let sequence: Int
        let registeredAt: String
        let confidentiality: String
        let priority: String
        let medium: String
        let documentType: String?
        let dueOn: String?

        init(_ stored: StoredItem, timeZone: TimeZone) {
            let item = stored.item
            id = item.id.lowercaseString
            registryNumber = item.number.text
            direction = item.direction.rawValue
            year = item.number.year
            sequence = item.number.sequence
            registeredAt = RFC3339.format(item.registeredAt, in: timeZone, precision: .milliseconds)
            confidentiality = item.details.confidentiality.rawValue
            priority = item.details.priority.rawValue
            medium = item.details.medium.rawValue
            documentType = item.details.confidentiality == .normal ? item.details.documentType : nil
            dueOn = stored.schedule?.dueOn.description
        }
    }

    // MARK: Declarations

    /// The service's templates and events.
    static let templates = TemplateCatalog([acknowledgement])
    static let events = WebhookEventCatalog([registered])

    /// Mail was registered.
    static let registered = WebhookEventType(
        name: "mail.registered",
        summary: "Mail was registered in the tenant's registry (a thin payload: never the subject or the correspondent).",
        dataSchema: [
            "type": "object",
            "required": [
                "id", "registry_number", "direction", "year", "sequence", "registered_at", "confidentiality", "priority", "medium",
            ],
            "properties": [
                "id": ["type": "string", "format": "uuid"],
                "registry_number": ["type": "string", "description": "The registry number, as the tenant's format writes it."],
                "direction": ["type": "string", "enum": ["incoming", "outgoing", "internal"]],
                "year": ["type": "integer"],
                "sequence": ["type": "integer", "minimum": 1],
                "registered_at": ["type": "string", "format": "date-time"],
                "confidentiality": ["type": "string", "enum": ["normal", "confidential", "secret"]],
                "priority": ["type": "string"],
                "medium": ["type": "string"],
                "document_type": ["type": "string", "description": "The document type's code; left out for confidential and secret items."],
                "due_on": ["type": "string", "format": "date", "description": "The reply's due day, when the document type has a deadline."],
            ],
        ],
        example: [
            "id": "01a2427a-cce5-712d-b770-8d6efec68b8b", "registry_number": "2026/A/000123", "direction": "incoming", "year": 2026,
            "sequence": 123, "registered_at": "2026-03-10T10:05:00.000+01:00", "confidentiality": "normal", "priority": "normal",
            "medium": "paper", "document_type": "demande_information", "due_on": "2026-04-07",
        ])
}
