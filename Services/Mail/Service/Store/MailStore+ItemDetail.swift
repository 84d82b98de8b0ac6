import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// An item with everything its page shows: documents and versions, notes, replies both ways,
/// amendments and the acknowledgement.
struct ItemDetail: Sendable {
    /// One version of a document.
    struct Version: Sendable {
        let version: Int
        let sha256: String
        let byteCount: Int
        let mediaType: String
        let addedAt: Date
        let addedBy: String
    }

    /// A document and its versions, oldest first.
    struct Document: Sendable {
        let id: UUID
        let fileName: String
        var versions: [Version]
    }

    /// A note.
    struct Note: Sendable {
        let id: UUID
        let author: String
        let text: String
        let createdAt: Date
    }

    /// An item linked as a reply or as the item answered.
    struct Link: Sendable {
        let id: UUID
        let registryNumber: String
        let direction: String
    }

    /// A recorded amendment.
    struct AmendmentRecord: Sendable {
        let number: Int
        let changes: JSONValue
        let reason: String
        let amendedBy: String
        let amendedAt: Date
    }

    /// The stored acknowledgement, in short.
    struct AcknowledgementSummary: Sendable {
        let language: String
        let htmlSHA256: String
        let textSHA256: String
        let generatedAt: Date
        let dueOn: String?
        let sends: Int
    }

    var stored: StoredItem
    var documents: [Document]
    var notes: [Note]
    var replies: [Link]
    var answers: [Link]
    var amendments: [AmendmentRecord]
    var acknowledgement: AcknowledgementSummary?
}

extension MailStore {
    /// The item with `id` and its related records, as `viewer` may see them (linked items the viewer
    /// may not see are left out), in one round trip.
    func detail(_ id: UUID, tenant: UUID, viewer: ConfidentialAccess.Viewer) async throws -> ItemDetail? {
        let rows = try await database.transaction(
            [
                "SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.id = \(id)",
                """
                SELECT document_id, file_name, version, sha256, byte_count, media_type, added_at, added_by
                FROM mail.document_versions WHERE tenant_id = \(tenant) AND item_id = \(id)
                ORDER BY document_id, version
                """,
                """
                SELECT (payload::jsonb ->> 'note')::uuid, actor, payload::jsonb ->> 'text', occurred_at FROM mail.audit_events
                WHERE tenant_id = \(tenant) AND item_id = \(id) AND event_type = 'note' ORDER BY sequence
                """,
                """
                SELECT i.id, i.registry_number, i.direction, i.answers @> ARRAY[\(id)]::uuid[]
                FROM mail.items i
                WHERE i.tenant_id = \(tenant)
                  AND (i.answers @> ARRAY[\(id)]::uuid[]
                       OR i.id = ANY (SELECT unnest(answers) FROM mail.items WHERE tenant_id = \(tenant) AND id = \(id)))
                  AND mail.can_see(i.confidentiality, i.access_units, i.access_agents, i.access_roles,
                                   \(viewer.subject), \(viewer.units), \(viewer.roles))
                ORDER BY i.registered_at, i.id
                """,
                """
                SELECT number, changes, reason, recorded_by, recorded_at FROM mail.registry_corrections
                WHERE tenant_id = \(tenant) AND item_id = \(id) AND kind = 'amendment' ORDER BY number
                """,
                """
                SELECT a.language, a.html_sha256, a.text_sha256, a.generated_at, a.due_on::text,
                       (SELECT count(*) FROM mail.audit_events e
                        WHERE e.tenant_id = \(tenant) AND e.item_id = \(id) AND e.event_type = 'acknowledgement'
                          AND e.payload::jsonb ->> 'action' = 'sent')
                FROM mail.acknowledgements a WHERE a.tenant_id = \(tenant) AND a.item_id = \(id)
                """,
            ],
            tenant: tenant)
        guard let row = rows[0].first else { return nil }
        var documents: [ItemDetail.Document] = []
        for row in rows[1] {
            let (documentID, fileName, version, sha256, byteCount, mediaType, addedAt, addedBy) = try row.decode(
                (UUID, String, Int, String, Int, String, Date, String).self)
            let entry = ItemDetail.Version(
                version: version, sha256: sha256, byteCount: byteCount, mediaType: mediaType, addedAt: addedAt, addedBy: addedBy)
            if documents.last?.id == documentID {
                documents[documents.count - 1].versions.append(entry)
            } else {
                documents.append(ItemDetail.Document(id: documentID, fileName: fileName, versions: [entry]))
            }
        }
        let notes = try rows[2].map { row in
            let (id, author, text, createdAt) = try row.decode((UUID, String, String, Date).self)
            return ItemDetail.Note(id: id, author: author, text: text, createdAt: createdAt)
        }
        var replies: [ItemDetail.Link] = []
        var answers: [ItemDetail.Link] = []
        for row in rows[3] {
            let (linkedID, number, direction, isReply) = try row.decode((UUID, String, String, Bool).self)
            let link = ItemDetail.Link(id: linkedID, registryNumber: number, direction: direction)
            if isReply { replies.append(link) } else { answers.append(link) }
        }
        let amendments = try rows[4].map { row in
            let (number, changes, reason, by, at) = try row.decode((Int, PostgresJSON<JSONValue>, String, String, Date).self)
            return ItemDetail.AmendmentRecord(number: number, changes: changes.value, reason: reason, amendedBy: by, amendedAt: at)
        }
        let acknowledgement = try rows[5].first.map { row in
            let (language, html, text, at, due, sends) = try row.decode((String, String, String, Date, String?, Int).self)
            return ItemDetail.AcknowledgementSummary(
                language: language, htmlSHA256: html, textSHA256: text, generatedAt: at, dueOn: due, sends: sends)
        }
        return ItemDetail(
            stored: try StoredItem(row: row, tenant: tenant), documents: documents, notes: notes, replies: replies, answers: answers,
            amendments: amendments, acknowledgement: acknowledgement)
    }
}
