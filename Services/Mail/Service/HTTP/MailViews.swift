import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// The JSON the mail API answers with: instants in the tenant's time zone (RFC 3339 with offset,
/// microseconds), ids in lowercase, members in snake_case and in a stable order.
enum MailViews {
    static func instant(_ date: Date, _ zone: TimeZone) -> JSONValue {
        .string(RFC3339.format(date, in: zone, precision: .microseconds))
    }

    static func instant(_ date: Date?, _ zone: TimeZone) -> JSONValue {
        date.map { instant($0, zone) } ?? .null
    }

    static func string(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    static func id(_ id: UUID?) -> JSONValue {
        id.map { .string($0.lowercaseString) } ?? .null
    }

    static func number(_ value: Int) -> JSONValue {
        .number(Double(value))
    }

    static func localized(_ text: LocalizedText?) -> JSONValue {
        guard let text else { return .null }
        return ["fr": .string(text.fr), "ar": string(text.ar), "en": string(text.en)]
    }

    static func response(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(bytes: value.encodedJSON, status: status)
    }

    /// A page of a list: `items` and the cursor of the next page (null on the last).
    static func page(_ items: [JSONValue], next: String?) -> JSONValue {
        ["items": .array(items), "next_cursor": string(next)]
    }

    static func itemPath(_ tenant: MailTenant, _ id: UUID) -> String {
        "/v1/\(tenant.reference.slug)/mail/items/\(id.lowercaseString)"
    }

    /// The answer to a registration.
    static func registered(_ stored: StoredItem, tenant: MailTenant) -> JSONValue {
        let item = stored.item
        let path = itemPath(tenant, item.id)
        return [
            "id": id(item.id), "registry_number": .string(item.number.text), "registered_at": instant(item.registeredAt, tenant.timeZone),
            "direction": .string(item.direction.rawValue), "year": number(item.number.year), "sequence": number(item.number.sequence),
            "status": .string(item.workflow.status.rawValue), "subject": .string(item.details.subject),
            "confidentiality": .string(item.details.confidentiality.rawValue), "due_on": string(stored.schedule?.dueOn.description),
            "correspondent": correspondent(item.details.correspondent),
            "links": ["self": .string(path), "label": .string(path + "/label.svg"), "acknowledgement": .string(path + "/acknowledgement")],
        ]
    }

    static func correspondent(_ correspondent: Correspondent?) -> JSONValue {
        guard let correspondent else { return .null }
        return [
            "id": id(correspondent.contactID), "kind": .string(correspondent.kind.rawValue), "name": .string(correspondent.name),
            "email": string(correspondent.email),
        ]
    }

    static func recipient(_ recipient: Recipient) -> JSONValue {
        recipient.jsonValue
    }

    /// The whole item: registered facts, current details, processing, documents, notes, links.
    static func item(_ detail: ItemDetail, tenant: MailTenant, today: LocalDate) -> JSONValue {
        let stored = detail.stored
        let item = stored.item
        let details = item.details
        let zone = tenant.timeZone
        let workflow = item.workflow
        var routing: JSONValue = .null
        if let route = workflow.routing {
            routing = [
                "principal_unit": id(route.principal), "principal_unit_name": localized(stored.principalUnitName),
                "copies": .array(route.copies.map(recipient)),
                "history": .array(route.history.map { change in
                    [
                        "kind": .string(change.kind.rawValue), "from": id(change.from), "to": id(change.to),
                        "copies_added": .array(change.copiesAdded.map(recipient)), "reason": string(change.reason),
                        "decided_by": .string(change.decidedBy), "decided_at": instant(change.decidedAt, zone),
                    ]
                }),
            ]
        }
        let opinions: [JSONValue] = workflow.opinionCircuits.map { circuit in
            [
                "requested_by": .string(circuit.requestedBy), "requested_at": instant(circuit.requestedAt, zone),
                "complete": .bool(circuit.isComplete),
                "steps": .array(circuit.steps.map { circuitStep(participant: $0.participant, decision: $0.decision?.rawValue, comment: $0.comment, by: $0.decidedBy, at: $0.decidedAt, zone) }),
            ]
        }
        let approvals: [JSONValue] = workflow.approvalCircuits.map { circuit in
            [
                "requested_by": .string(circuit.requestedBy), "requested_at": instant(circuit.requestedAt, zone),
                "outcome": string(circuit.outcome?.rawValue), "current_step": circuit.currentStep.map(number) ?? .null,
                "steps": .array(zip(circuit.steps, circuit.kinds).map { step, kind in
                    var object = circuitStep(participant: step.participant, decision: step.decision?.rawValue, comment: step.comment, by: step.decidedBy, at: step.decidedAt, zone).objectValue ?? [:]
                    object["kind"] = .string(kind.rawValue)
                    return .object(object)
                }),
            ]
        }
        var cancellation: JSONValue = .null
        if let cancelled = item.cancellation {
            cancellation = [
                "reason": .string(cancelled.reason), "cancelled_by": .string(cancelled.cancelledBy),
                "cancelled_at": instant(cancelled.cancelledAt, zone),
            ]
        }
        let path = itemPath(tenant, item.id)
        return [
            "id": id(item.id), "registry_number": .string(item.number.text), "direction": .string(item.direction.rawValue),
            "year": number(item.number.year), "sequence": number(item.number.sequence),
            "registered_at": instant(item.registeredAt, zone), "registered_by": .string(item.registeredBy),
            "subject": .string(details.subject), "correspondent": correspondent(details.correspondent),
            "document_type": .string(details.documentType), "medium": .string(details.medium.rawValue),
            "priority": .string(details.priority.rawValue), "confidentiality": .string(details.confidentiality.rawValue),
            "access": details.confidentiality == .normal ? .null : stored.access.jsonValue,
            "received_at": instant(details.receivedAt, zone), "sent_at": instant(details.sentAt, zone),
            "reference": string(details.reference), "in_reply_to": id(stored.inReplyTo),
            "status": .string(workflow.status.rawValue), "routing": routing,
            "opinion_circuits": .array(opinions), "approval_circuits": .array(approvals),
            "reply_required": .bool(workflow.replyRequired),
            "replies": .array(detail.replies.map(link)), "answers": .array(detail.answers.map(link)),
            "history": .array(workflow.history.map { event in
                [
                    "event": .string(event.kind.rawValue), "from": .string(event.from.rawValue), "to": .string(event.to.rawValue),
                    "performed_by": .string(event.performedBy), "performed_at": instant(event.performedAt, zone), "details": event.details,
                ]
            }),
            "due_on": string(stored.schedule?.dueOn.description), "remind_on": string(stored.schedule?.remindOn.description),
            "overdue": .bool(stored.schedule.map { $0.isOverdue(on: today) && !workflow.status.isFinished && workflow.status != .answered } ?? false),
            "closed_on": string(stored.closedOn?.description), "cancellation": cancellation,
            "amendments": .array(detail.amendments.map { amendment in
                [
                    "number": number(amendment.number), "changes": amendment.changes, "reason": .string(amendment.reason),
                    "amended_by": .string(amendment.amendedBy), "amended_at": instant(amendment.amendedAt, zone),
                ]
            }),
            "documents": .array(detail.documents.map { document in
                [
                    "id": id(document.id), "file_name": .string(document.fileName),
                    "versions": .array(document.versions.map { version in
                        [
                            "version": number(version.version), "sha256": .string(version.sha256), "byte_count": number(version.byteCount),
                            "media_type": .string(version.mediaType), "added_at": instant(version.addedAt, zone),
                            "added_by": .string(version.addedBy),
                        ]
                    }),
                ]
            }),
            "notes": .array(detail.notes.map { note in
                ["id": id(note.id), "author": .string(note.author), "text": .string(note.text), "created_at": instant(note.createdAt, zone)]
            }),
            "acknowledgement": detail.acknowledgement.map { summary in
                [
                    "language": .string(summary.language), "html_sha256": .string(summary.htmlSHA256),
                    "text_sha256": .string(summary.textSHA256), "generated_at": instant(summary.generatedAt, zone),
                    "due_on": string(summary.dueOn), "sends": number(summary.sends),
                ]
            } ?? .null,
            "purged_at": instant(stored.purgedAt, zone), "version": number(stored.version),
            "links": ["self": .string(path), "label": .string(path + "/label.svg"), "history": .string(path + "/history")],
        ]
    }

    private static func circuitStep(
        participant: Recipient, decision: String?, comment: String?, by: String?, at: Date?, _ zone: TimeZone
    ) -> JSONValue {
        [
            "participant": recipient(participant), "decision": string(decision), "comment": string(comment), "decided_by": string(by),
            "decided_at": instant(at, zone),
        ]
    }

    static func link(_ link: ItemDetail.Link) -> JSONValue {
        ["id": id(link.id), "registry_number": .string(link.registryNumber), "direction": .string(link.direction)]
    }

    /// One line of a basket or a search.
    static func summary(_ summary: ItemSummary, zone: TimeZone) -> JSONValue {
        [
            "id": id(summary.id), "registry_number": .string(summary.registryNumber), "direction": .string(summary.direction),
            "registered_at": instant(summary.registeredAt, zone), "received_at": instant(summary.receivedAt, zone),
            "subject": .string(summary.subject), "correspondent_name": string(summary.correspondentName),
            "document_type": .string(summary.documentType), "priority": .string(summary.priority),
            "confidentiality": .string(summary.confidentiality), "status": .string(summary.status),
            "principal_unit": id(summary.principalUnit), "due_on": string(summary.dueOn),
        ]
    }

    /// One entry of the registry.
    static func registryLine(_ line: RegistryLine, zone: TimeZone) -> JSONValue {
        [
            "id": id(line.id), "registry_number": .string(line.registryNumber), "direction": .string(line.direction.rawValue),
            "year": number(line.year), "sequence": number(line.sequence), "registered_at": instant(line.registeredAt, zone),
            "registered_by": .string(line.registeredBy), "subject": .string(line.subject),
            "correspondent_name": string(line.correspondentName), "document_type": .string(line.documentType),
            "medium": .string(line.medium), "priority": .string(line.priority), "confidentiality": .string(line.confidentiality),
            "received_at": instant(line.receivedAt, zone), "sent_at": instant(line.sentAt, zone), "reference": string(line.reference),
            "status": .string(line.status), "cancelled": .bool(line.cancelledAt != nil),
            "cancellation_reason": string(line.cancellationReason), "cancelled_at": instant(line.cancelledAt, zone),
            "amendments": number(line.amendments),
        ]
    }

    static func contact(_ contact: DirectoryContact, zone: TimeZone) -> JSONValue {
        [
            "id": id(contact.id), "kind": .string(contact.kind.rawValue), "name": .string(contact.name), "email": string(contact.email),
            "phone": string(contact.phone), "address": string(contact.address), "created_at": instant(contact.createdAt, zone),
        ]
    }

    static func documentType(_ type: DocumentType) -> JSONValue {
        [
            "code": .string(type.code), "name": localized(type.name), "requires_reply": .bool(type.requiresReply),
            "deadline_working_days": type.deadlineWorkingDays.map(number) ?? .null,
            "urgent_deadline_working_days": type.urgentDeadlineWorkingDays.map(number) ?? .null,
            "retention": ["months": number(type.retention.months), "final_action": .string(type.retention.finalAction.rawValue)],
            "directions": .array(MailDirection.allCases.filter(type.directions.contains).map { .string($0.rawValue) }),
        ]
    }

    static func alert(_ alert: AlertLine, zone: TimeZone) -> JSONValue {
        [
            "item_id": id(alert.itemID), "kind": .string(alert.kind), "unit": id(alert.unit), "due_on": .string(alert.dueOn),
            "created_at": instant(alert.createdAt, zone), "registry_number": .string(alert.registryNumber), "subject": .string(alert.subject),
        ]
    }

    static func version(_ record: DocumentVersionRecord, tenant: MailTenant) -> JSONValue {
        let path = itemPath(tenant, record.itemID) + "/documents/\(record.documentID.lowercaseString)"
        return [
            "id": id(record.documentID), "item_id": id(record.itemID), "file_name": .string(record.fileName),
            "version": number(record.version), "sha256": .string(record.sha256), "byte_count": number(record.byteCount),
            "media_type": .string(record.mediaType), "added_at": instant(record.addedAt, tenant.timeZone),
            "links": ["self": .string(path), "version": .string(path + "/versions/\(record.version)")],
        ]
    }
}
