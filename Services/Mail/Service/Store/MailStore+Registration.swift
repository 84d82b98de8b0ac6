import FoundationEssentials
import GuichetCore
import GuichetPostgres

extension MailStore {
    /// Registers mail: takes the next number of the tenant's counter for the direction and the
    /// registry year of now (in the tenant's time zone), records the entry, the item's state and the
    /// audit event, links the item it answers, and runs `extra` (an idempotency record) — all in
    /// one transaction. A failure anywhere rolls the counter back with the rest: no hole.
    ///
    /// The counter row stays locked until commit, so registrations of one counter are serialised,
    /// and each takes the later of now and the previous registration instant: instants never
    /// decrease in number order.
    func register(
        _ registration: Registration, correspondent: Correspondent?, access: AccessList, tenant: MailTenant,
        by principal: Principal, extra: @Sendable (StoredItem) throws -> [PostgresQuery] = { _ in [] }
    ) async throws -> StoredItem {
        let id = UUID.timeOrdered()
        return try await database.transaction(tenant: tenant.id, retryable: true) { transaction in
            let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
            let year = tenant.registryYear(of: now)
            var first: [PostgresQuery] = [
                """
                INSERT INTO mail.registry_counters AS c (tenant_id, direction, year, last_sequence, last_registered_at)
                VALUES (\(tenant.id), \(registration.direction.rawValue), \(year), 1, \(now))
                ON CONFLICT (tenant_id, direction, year) DO UPDATE
                    SET last_sequence = c.last_sequence + 1,
                        last_registered_at = greatest(c.last_registered_at, excluded.last_registered_at)
                RETURNING last_sequence, last_registered_at
                """
            ]
            if let original = registration.inReplyTo {
                first.append(
                    """
                    SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i
                    WHERE i.tenant_id = \(tenant.id) AND i.id = \(original) FOR UPDATE
                    """)
            }
            if !registration.linkedItems.isEmpty {
                first.append(
                    """
                    SELECT count(*) FROM mail.registry_entries
                    WHERE tenant_id = \(tenant.id) AND id = ANY (\(registration.linkedItems))
                    """)
            }
            let rows = try await transaction.execute(first)
            if !registration.linkedItems.isEmpty, try rows[rows.count - 1].single(Int.self) != registration.linkedItems.count {
                throw Refusal.unknownLinkedItem
            }
            let (sequence, registeredAt) = try rows[0].single((Int, Date).self)
            let number = try tenant.format.number(year: year, direction: registration.direction, sequence: sequence)
            let item = MailItem(
                id: id, tenantID: tenant.id, number: number, registeredAt: registeredAt, registeredBy: principal.subject,
                registration: registration, correspondent: correspondent)
            var stored = StoredItem(
                item: item, access: registration.confidentiality == .normal ? .empty : access,
                schedule: try schedule(of: item, tenant: tenant), inReplyTo: registration.inReplyTo)
            stored.version = 1
            var statements = [entryInsertion(of: stored, registration: registration, tenant: tenant.id), stored.insertion(tenant: tenant.id, at: now)]
            var payload = item.registrationAuditPayload.objectValue ?? [:]
            if stored.item.details.confidentiality != .normal { payload["access"] = stored.access.jsonValue }
            if let original = registration.inReplyTo { payload["in_reply_to"] = .string(original.lowercaseString) }
            if !registration.linkedItems.isEmpty {
                payload["linked_items"] = .array(registration.linkedItems.map { .string($0.lowercaseString) })
            }
            statements.append(
                try AuditLog.appending(.init(.registration, item: id, payload: .object(payload)), tenant: tenant.id, at: now, actor: principal.subject))
            if registration.inReplyTo != nil {
                guard let row = rows[1].first else { throw Refusal.unknownOriginal }
                var original = try StoredItem(row: row, tenant: tenant.id)
                try ReplyLink.check(reply: item, answering: original.item)
                // The reply names the original (items.answers); the original's workflow takes the reply
                // now if its status allows, else the processor links it later.
                if let event = try? original.item.process({ try $0.linkReply(id, by: principal, at: now) }) {
                    statements.append(original.update(tenant: tenant.id, at: now))
                    statements.append(
                        try AuditLog.appending(
                            .init(event.auditEventType, item: original.id, payload: event.auditPayload), tenant: tenant.id, at: now,
                            actor: principal.subject))
                    original.version += 1
                }
            }
            statements += try extra(stored)
            _ = try await transaction.execute(statements)
            return stored
        }
    }

    /// The due and reminder days of an incoming or internal item whose document type has a deadline.
    func schedule(of item: MailItem, tenant: MailTenant) throws -> DeadlineSchedule? {
        guard item.direction != .outgoing, let type = tenant.documentTypes[item.details.documentType] else { return nil }
        let received = item.details.receivedAt ?? item.details.sentAt ?? item.registeredAt
        return try DeadlineSchedule(
            type: type, priority: item.details.priority, receivedOn: tenant.localDay(of: received), calendar: tenant.calendar,
            reminderWorkingDays: tenant.settings.reminderWorkingDays)
    }

    func entryInsertion(of stored: StoredItem, registration: Registration, tenant: UUID) -> PostgresQuery {
        let item = stored.item
        let details = item.details
        return """
            INSERT INTO mail.registry_entries (
                tenant_id, id, direction, year, sequence, registry_number, registered_at, registered_by, subject, correspondent_id,
                correspondent_kind, correspondent_name, correspondent_email, document_type, medium, priority, confidentiality,
                received_at, sent_at, reference, in_reply_to, linked_items)
            VALUES (
                \(tenant), \(item.id), \(item.direction.rawValue), \(item.number.year), \(item.number.sequence), \(item.number.text),
                \(item.registeredAt), \(item.registeredBy), \(details.subject), \(details.correspondent?.contactID),
                \(details.correspondent?.kind.rawValue), \(details.correspondent?.name), \(details.correspondent?.email),
                \(details.documentType), \(details.medium.rawValue), \(details.priority.rawValue), \(details.confidentiality.rawValue),
                \(details.receivedAt), \(details.sentAt), \(details.reference), \(registration.inReplyTo), \(registration.linkedItems))
            """
    }

    /// The statement recording on the reply's side that it answers `original`.
    func answering(_ original: UUID, reply: UUID, tenant: UUID, at instant: Date) -> PostgresQuery {
        """
        UPDATE mail.items SET answers = array_append(answers, \(original)), version = version + 1, updated_at = \(instant)
        WHERE tenant_id = \(tenant) AND id = \(reply) AND NOT (answers @> ARRAY[\(original)]::uuid[])
        """
    }
}
