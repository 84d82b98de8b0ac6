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

    /// Why an acknowledgement was not emailed.
    enum UnsentReason: String, Sendable {
        /// The caller asked not to send it (`send: false`).
        case notRequested = "not_requested"
        /// The item's correspondent has no email address in the directory.
        case noCorrespondentEmail = "no_correspondent_email"
    }

    /// What acknowledging did: the stored acknowledgement (the first one: generating again never
    /// replaces it), whether this call generated it, and the email it recorded in the outbox (or why none).
    struct AcknowledgementOutcome: Sendable {
        let acknowledgement: StoredAcknowledgement
        let generated: Bool
        let sentTo: String?
        let messageID: UUID?
        let unsentReason: UnsentReason?
    }

    /// Stores the acknowledgement `document` of an item, with the values of its email
    /// (`emailVariables`), unless one exists; then, with `send` and a correspondent email on the
    /// item, records in the outbox the email of the STORED acknowledgement (its language, its values:
    /// the same number and text on every send) and its audit event — all in one transaction, under
    /// the item's row lock, which also sees a cancellation that came in meanwhile (refused: nothing
    /// is recorded).
    func acknowledge(
        item stored: StoredItem, document: Acknowledgement.Document, emailVariables: [String: String], dueOn: LocalDate?, send: Bool,
        tenant: UUID, by subject: String, notifications: MailNotifications
    ) async throws -> AcknowledgementOutcome {
        let (generated, sentTo, messageID, unsentReason) = try await database.transaction(tenant: tenant, retryable: true) {
            transaction in
            let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
            // The item's row lock orders acknowledgements, their sends and cancellations.
            let locked = try await transaction.query(
                "SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.id = \(stored.id) FOR UPDATE")
            guard let row = locked.first else { throw Refusal.notFound }
            let current = try StoredItem(row: row, tenant: tenant)
            guard current.item.direction == .incoming, !current.item.isCancelled else { throw Refusal.acknowledgementNotApplicable }
            let rows = try await transaction.execute([
                """
                INSERT INTO mail.acknowledgements (
                    tenant_id, item_id, language, plain_text, html, text_sha256, html_sha256, due_on, generated_at, generated_by,
                    email_variables)
                VALUES (\(tenant), \(stored.id), \(document.language.rawValue), \(document.plainText), \(document.html),
                        \(document.plainTextSHA256), \(document.htmlSHA256), \(dueOn?.description)::date, \(now), \(subject),
                        \(PostgresJSON(emailVariables)))
                ON CONFLICT (tenant_id, item_id) DO NOTHING
                """,
                """
                SELECT language, plain_text, text_sha256, email_variables FROM mail.acknowledgements
                WHERE tenant_id = \(tenant) AND item_id = \(stored.id)
                """,
            ])
            let generated = rows[0].rowsAffected == 1
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
            var sentTo: String?
            var messageID: UUID?
            var unsentReason: UnsentReason?
            if !send {
                unsentReason = .notRequested
            } else if let correspondent = current.item.details.correspondent, let email = correspondent.email,
                let address = EmailAddress(email)
            {
                let (storedLanguage, storedText, storedHash, storedVariables) = try rows[1].single(
                    (String, String, String, PostgresJSON<[String: String]>?).self)
                // Acknowledgements stored before their email values were: written from the item now,
                // with the stored text and its hash.
                var variables = storedVariables?.value ?? emailVariables
                if storedVariables == nil {
                    variables[Acknowledgement.EmailVariable.text] = storedText
                    variables[Acknowledgement.EmailVariable.textSHA256] = storedHash
                }
                let recording = try notifications.recordingAcknowledgement(
                    to: address, name: correspondent.name, language: Language(rawValue: storedLanguage) ?? document.language,
                    variables: variables, tenant: tenant)
                statements.append(recording.query)
                statements.append(
                    try AuditLog.appending(
                        .init(
                            .acknowledgement, item: stored.id,
                            payload: [
                                "action": "sent", "recipient": .string(address.value),
                                "message_id": .string(recording.messageID.lowercaseString), "text_sha256": .string(storedHash),
                            ]),
                        tenant: tenant, at: now, actor: subject))
                sentTo = address.value
                messageID = recording.messageID
            } else {
                unsentReason = .noCorrespondentEmail
            }
            if !statements.isEmpty { _ = try await transaction.execute(statements) }
            return (generated, sentTo, messageID, unsentReason)
        }
        guard let acknowledgement = try await acknowledgement(item: stored.id, tenant: tenant) else { throw Refusal.notFound }
        return AcknowledgementOutcome(
            acknowledgement: acknowledgement, generated: generated, sentTo: sentTo, messageID: messageID, unsentReason: unsentReason)
    }
}
