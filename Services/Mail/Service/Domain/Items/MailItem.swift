import FoundationEssentials
import GuichetCore

/// A registered mail item: the facts that never change (number, registration instant, direction,
/// registering agent), the facts amendments correct, its cancellation if any, and its processing.
///
/// Every change returns the event to record (amendment, cancellation, processing event); the store
/// appends it, with the same payload, to the audit chain.
public struct MailItem: Sendable, Hashable, Identifiable {
    /// The item's id.
    public let id: UUID
    /// The tenant it belongs to.
    public let tenantID: UUID
    /// Its registry number (its direction is the item's direction).
    public let number: RegistryNumber
    /// When it was registered.
    public let registeredAt: Date
    /// Who registered it (a principal's subject).
    public let registeredBy: String
    /// The amendable facts, as currently amended.
    public private(set) var details: MailItemDetails
    /// Its cancellation, if it was cancelled.
    public private(set) var cancellation: Cancellation?
    /// Its processing: routing, status, circuits, replies.
    public private(set) var workflow: ProcessingWorkflow

    /// The direction (from the number).
    public var direction: MailDirection { number.direction }
    /// Whether the item was cancelled.
    public var isCancelled: Bool { cancellation != nil }

    /// A newly registered item. For incoming mail `receivedAt` defaults to the registration instant, for
    /// outgoing and internal mail `sentAt` does. `number` must be of the registration's direction.
    public init(
        id: UUID, tenantID: UUID, number: RegistryNumber, registeredAt: Date, registeredBy: String, registration: Registration,
        correspondent: Correspondent?
    ) {
        precondition(number.direction == registration.direction, "A registry number comes from the item's direction's counter")
        self.id = id
        self.tenantID = tenantID
        self.number = number
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
        let incoming = registration.direction == .incoming
        details = MailItemDetails(
            subject: registration.subject, correspondent: correspondent, documentType: registration.documentType.code,
            medium: registration.medium, priority: registration.priority, confidentiality: registration.confidentiality,
            receivedAt: incoming ? registration.receivedAt ?? registeredAt : nil,
            sentAt: incoming ? nil : registration.sentAt ?? registeredAt, reference: registration.reference)
        cancellation = nil
        workflow = ProcessingWorkflow(replyRequired: registration.documentType.requiresReply)
    }

    /// An item as stored.
    public init(
        id: UUID, tenantID: UUID, number: RegistryNumber, registeredAt: Date, registeredBy: String, details: MailItemDetails,
        cancellation: Cancellation?, workflow: ProcessingWorkflow
    ) {
        self.id = id
        self.tenantID = tenantID
        self.number = number
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
        self.details = details
        self.cancellation = cancellation
        self.workflow = workflow
    }

    /// The audit payload of the registration: number, direction, registration instant and every detail.
    public var registrationAuditPayload: JSONValue {
        var object: [String: JSONValue] = [
            "registry_number": .string(number.text), "direction": .string(direction.rawValue),
            "registered_at": MailJSON.instant(registeredAt),
        ]
        for field in RegisteredField.allCases {
            if let value = details.jsonValue(of: field) { object[field.rawValue] = value }
        }
        return .object(object)
    }

    /// Corrects amendable facts. Refused for a cancelled (`mail_item_cancelled`) or archived
    /// (`mail_item_archived`) item; `validation_failed` for a missing reason, a value equal to the current
    /// one (`unchanged`), a date of the other direction or a document type that does not apply to it.
    public mutating func amend(
        _ changes: [MailItemChange], reason: String, by principal: Principal, at instant: Date,
        rules: RegistrationValidator.Configuration = .init()
    ) throws(Problem) -> Amendment {
        try checkOpen()
        var checks = FieldChecks()
        let reason = checks.text(reason, at: "/reason", required: true, length: 3...rules.reasonMaximumLength, multiline: true)
        if changes.isEmpty { checks.errors.append(.noChanges("")) }
        var updated = details
        var recorded: [Amendment.FieldChange] = []
        var seen: Set<RegisteredField> = []
        for change in changes {
            let field = change.field
            guard seen.insert(field).inserted else { continue }
            switch change {
            case .receivedAt where direction != .incoming, .sentAt where direction == .incoming:
                checks.errors.append(.notForDirection(field.pointer, direction))
                continue
            case .documentType(let type) where !type.directions.contains(direction):
                checks.errors.append(.notForDirection(field.pointer, direction))
                continue
            default: break
            }
            let old = updated.jsonValue(of: field) ?? .null
            change.apply(to: &updated)
            let new = updated.jsonValue(of: field) ?? .null
            if old == new {
                checks.errors.append(.unchanged(field.pointer))
            } else {
                recorded.append(Amendment.FieldChange(field: field, oldValue: old, newValue: new))
            }
        }
        guard checks.errors.isEmpty, let reason else { throw Problem.validation(checks.errors) }
        details = updated
        for case .documentType(let type) in changes { workflow.replyRequired = type.requiresReply }
        return Amendment(changes: recorded, reason: reason, amendedBy: principal.subject, amendedAt: instant)
    }

    /// Cancels the item: it keeps its number and stays in the registry with the reason, and its processing
    /// stops. Needs a reason (3 to 1000 characters); refused if already cancelled or archived.
    public mutating func cancel(
        reason: String?, by principal: Principal, at instant: Date, rules: RegistrationValidator.Configuration = .init()
    ) throws(Problem) -> Cancellation {
        try checkOpen()
        var checks = FieldChecks()
        guard let reason = checks.text(reason, at: "/reason", required: true, length: 3...rules.reasonMaximumLength, multiline: true)
        else { throw Problem.validation(checks.errors) }
        let cancellation = Cancellation(reason: reason, cancelledBy: principal.subject, cancelledAt: instant)
        workflow.markCancelled(by: principal.subject, at: instant, reason: reason)
        self.cancellation = cancellation
        return cancellation
    }

    /// Runs a processing step on the item's workflow; refused with `mail_item_cancelled` or
    /// `mail_item_archived` once the item is cancelled or archived, else throws what the step throws
    /// (always a ``Problem`` for the workflow's own steps).
    ///
    /// ```swift
    /// let event = try item.process { try $0.route(to: unit, copies: [], by: principal, at: clock.now) }
    /// ```
    public mutating func process<Result>(_ step: (inout ProcessingWorkflow) throws -> Result) throws -> Result {
        try checkOpen()
        return try step(&workflow)
    }

    private func checkOpen() throws(Problem) {
        if isCancelled { throw Problem(.mailItemCancelled) }
        if workflow.status == .archived { throw Problem(.mailItemArchived) }
    }
}
