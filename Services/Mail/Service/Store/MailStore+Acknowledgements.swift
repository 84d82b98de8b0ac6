import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The acknowledgement of receipt as stored: the document generated once, with its hashes.
struct StoredAcknowledgement: Sendable {
    let language: Language
    let plainText: String
    let html: String
    let textSHA256: String
    let htmlSHA256: String
    let dueOn: String?
    let generatedAt: Date
    let generatedBy: String
    let sends: Int
}

extension MailStore {
    /// The item's stored acknowledgement, if one was generated.
    func acknowledgement(item: UUID, tenant: UUID) async throws -> StoredAcknowledgement? {
        let rows = try await database.query(
            """
            SELECT a.language, a.plain_text, a.html, a.text_sha256, a.html_sha256, a.due_on::text, a.generated_at, a.generated_by,
                   (SELECT count(*) FROM mail.audit_events e
                    WHERE e.tenant_id = \(tenant) AND e.item_id = \(item) AND e.event_type = 'acknowledgement'
                      AND e.payload::jsonb ->> 'action' = 'sent')
            FROM mail.acknowledgements a WHERE a.tenant_id = \(tenant) AND a.item_id = \(item)
            """,
            tenant: tenant)
        return try rows.first.map { row in
            let (language, text, html, textHash, htmlHash, due, at, by, sends) = try row.decode(
                (String, String, String, String, String, String?, Date, String, Int).self)
            return StoredAcknowledgement(
                language: Language(rawValue: language) ?? .fr, plainText: text, html: html, textSHA256: textHash, htmlSHA256: htmlHash,
                dueOn: due, generatedAt: at, generatedBy: by, sends: sends)
        }
    }

    /// Stores the acknowledgement `document` of an item unless one exists, and records the sending of
    /// the stored one to `recipient` (when known) as an audit event; returns the stored
    /// acknowledgement (the first one: generating again never replaces it) and whether this call
    /// generated it.
    func acknowledge(
        item stored: StoredItem, document: Acknowledgement.Document, dueOn: LocalDate?, recipient: String?, tenant: UUID,
        by subject: String
    ) async throws -> (acknowledgement: StoredAcknowledgement, generated: Bool) {
        let generated = try await database.transaction(tenant: tenant, retryable: true) { transaction in
            let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
            // The item's row lock orders acknowledgements and their sends.
            _ = try await transaction.query(
                "SELECT id FROM mail.items WHERE tenant_id = \(tenant) AND id = \(stored.id) FOR UPDATE")
            let inserted = try await transaction.query(
                """
                INSERT INTO mail.acknowledgements (
                    tenant_id, item_id, language, plain_text, html, text_sha256, html_sha256, due_on, generated_at, generated_by)
                VALUES (\(tenant), \(stored.id), \(document.language.rawValue), \(document.plainText), \(document.html),
                        \(document.plainTextSHA256), \(document.htmlSHA256), \(dueOn?.description)::date, \(now), \(subject))
                ON CONFLICT (tenant_id, item_id) DO NOTHING
                """)
            let generated = inserted.rowsAffected == 1
            var statements: [PostgresQuery] = []
            if generated {
                statements.append(
                    try AuditLog.appending(
                        .init(
                            .acknowledgement, item: stored.id,
                            payload: [
                                "action": "generated", "language": .string(document.language.rawValue),
                                "html_sha256": .string(document.htmlSHA256), "text_sha256": .string(document.plainTextSHA256),
                                "registry_number": .string(stored.item.number.text),
                            ]),
                        tenant: tenant, at: now, actor: subject))
            }
            if let recipient {
                statements.append(
                    try AuditLog.appending(
                        .init(.acknowledgement, item: stored.id, payload: ["action": "sent", "recipient": .string(recipient)]),
                        tenant: tenant, at: now, actor: subject))
            }
            if !statements.isEmpty { _ = try await transaction.execute(statements) }
            return generated
        }
        guard let acknowledgement = try await acknowledgement(item: stored.id, tenant: tenant) else { throw Refusal.notFound }
        return (acknowledgement, generated)
    }
}
