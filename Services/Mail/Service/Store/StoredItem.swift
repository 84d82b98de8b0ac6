import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A mail item as the store keeps it: the domain's ``MailItem`` and what the service adds around it
/// (access list, unit name, deadlines, counts, version).
struct StoredItem: Sendable {
    /// The item (number, registered facts, amended details, cancellation, processing).
    var item: MailItem
    /// Who may see it when it is confidential or secret.
    var access: AccessList
    /// The principal unit's name, as given when routing.
    var principalUnitName: LocalizedText?
    /// The due and reminder days, when its document type has a deadline.
    var schedule: DeadlineSchedule?
    /// The day processing closed (the start of the retention period).
    var closedOn: LocalDate?
    /// The item it answers, if registered as a reply.
    var inReplyTo: UUID?
    /// The items it answers (the one registered as `in_reply_to` and those linked later).
    var answers: [UUID]
    /// How many amendments were recorded.
    var amendmentCount: Int
    /// When its documents were purged.
    var purgedAt: Date?
    /// The optimistic-locking version (`ETag`).
    var version: Int

    /// The item's id.
    var id: UUID { item.id }

    /// The `ETag` of this version.
    var entityTag: String { "\"v\(version)\"" }

    /// The columns ``init(row:tenant:)`` reads, for `SELECT … FROM mail.items i`.
    static let columns = """
        i.id, i.direction, i.year, i.sequence, i.registry_number, i.registered_at, i.registered_by, i.subject, i.correspondent,
        i.document_type, i.medium, i.priority, i.confidentiality, i.received_at, i.sent_at, i.reference, i.in_reply_to,
        i.access_units, i.access_agents, i.access_roles, i.workflow, i.principal_unit_name, i.due_on::text, i.remind_on::text,
        i.closed_on::text, i.cancelled_at, i.cancelled_by, i.cancellation_reason, i.amendment_count, i.purged_at, i.version,
        i.answers
        """

    /// The item of a row selected with ``columns``.
    init(row: PostgresRow, tenant: UUID) throws {
        let id = try row[0].decode(UUID.self)
        let direction = MailDirection(rawValue: try row[1].decode(String.self)) ?? .incoming
        let number = RegistryNumber(
            year: try row[2].decode(Int.self), direction: direction, sequence: try row[3].decode(Int.self),
            text: try row[4].decode(String.self))
        let correspondent = try row[8].decode(PostgresJSON<JSONValue>?.self).flatMap { Correspondent(json: $0.value) }
        let details = MailItemDetails(
            subject: try row[7].decode(String.self), correspondent: correspondent, documentType: try row[9].decode(String.self),
            medium: MailMedium(rawValue: try row[10].decode(String.self)) ?? .paper,
            priority: MailPriority(rawValue: try row[11].decode(String.self)) ?? .normal,
            confidentiality: ConfidentialityLevel(rawValue: try row[12].decode(String.self)) ?? .secret,
            receivedAt: try row[13].decode(Date?.self), sentAt: try row[14].decode(Date?.self), reference: try row[15].decode(String?.self))
        var cancellation: Cancellation?
        if let at = try row[25].decode(Date?.self) {
            cancellation = Cancellation(
                reason: try row[27].decode(String?.self) ?? "", cancelledBy: try row[26].decode(String?.self) ?? "", cancelledAt: at)
        }
        item = MailItem(
            id: id, tenantID: tenant, number: number, registeredAt: try row[5].decode(Date.self),
            registeredBy: try row[6].decode(String.self), details: details, cancellation: cancellation,
            workflow: try row[20].decode(PostgresJSON<ProcessingWorkflow>.self).value)
        inReplyTo = try row[16].decode(UUID?.self)
        access = AccessList(
            units: Set(try row[17].decode([UUID].self)), agents: Set(try row[18].decode([String].self)),
            roles: Set(try row[19].decode([String].self)))
        principalUnitName = try row[21].decode(PostgresJSON<LocalizedText>?.self)?.value
        let due = try row[22].decode(String?.self).flatMap { LocalDate($0) }
        let remind = try row[23].decode(String?.self).flatMap { LocalDate($0) }
        schedule = due.map { DeadlineSchedule(dueOn: $0, remindOn: remind ?? $0) }
        closedOn = try row[24].decode(String?.self).flatMap { LocalDate($0) }
        amendmentCount = try row[28].decode(Int.self)
        purgedAt = try row[29].decode(Date?.self)
        version = try row[30].decode(Int.self)
        answers = try row[31].decode([UUID].self)
    }

    init(item: MailItem, access: AccessList, schedule: DeadlineSchedule?, inReplyTo: UUID?) {
        self.item = item
        self.access = access
        principalUnitName = nil
        self.schedule = schedule
        closedOn = nil
        self.inReplyTo = inReplyTo
        answers = inReplyTo.map { [$0] } ?? []
        amendmentCount = 0
        purgedAt = nil
        version = 1
    }

    /// Whether `viewer` may see the item (the confidentiality rule).
    func isVisible(to viewer: Principal) -> Bool {
        ConfidentialAccess.allows(viewer, toSee: item, list: access)
    }
}

extension Correspondent {
    /// A snapshot read back from its ``jsonValue``.
    init?(json: JSONValue) {
        guard let id = json["contact_id"]?.stringValue.flatMap(UUID.init(uuidString:)),
            let kind = json["kind"]?.stringValue.flatMap(ContactKind.init(rawValue:)), let name = json["name"]?.stringValue
        else { return nil }
        self.init(contactID: id, kind: kind, name: name, email: json["email"]?.stringValue)
    }
}
