import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A stored version of a document, as a download needs it.
struct DocumentVersionRecord: Sendable {
    let documentID: UUID
    let itemID: UUID
    let fileName: String
    let version: Int
    let sha256: String
    let byteCount: Int
    let mediaType: String
    let addedAt: Date
}

extension MailStore {
    /// The longest search text kept per item from notes and documents.
    static let maximumSearchExtra = 400_000

    /// Records a document version whose content is already stored: a new document (`document` nil)
    /// or the next version of one of the item's documents, its extracted text added to the item's
    /// search document, and the audit event — under the item's row lock, so versions of one item
    /// never race.
    /// `authorize` sees the item first and throws the refusal.
    func addDocument(
        to itemID: UUID, document: UUID?, fileName: String, sha256: String, byteCount: Int, mediaType: String, text: String?,
        tenant: UUID, by subject: String, authorize: (StoredItem) throws -> Void
    ) async throws -> DocumentVersionRecord {
        try await database.transaction(tenant: tenant, retryable: true) { transaction in
            var first: [PostgresQuery] = [
                "SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.id = \(itemID) FOR UPDATE"
            ]
            if let document {
                first.append(
                    """
                    SELECT file_name, version FROM mail.document_versions
                    WHERE tenant_id = \(tenant) AND document_id = \(document) AND item_id = \(itemID)
                    ORDER BY version DESC LIMIT 1
                    """)
            }
            let rows = try await transaction.execute(first)
            guard let row = rows[0].first else { throw Refusal.notFound }
            let stored = try StoredItem(row: row, tenant: tenant)
            try authorize(stored)
            let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
            let documentID: UUID
            let version: Int
            let name: String
            var statements: [PostgresQuery] = []
            if let document {
                guard let existing = rows[1].first else { throw Refusal.notFound }
                let (storedName, last) = try existing.decode((String, Int).self)
                documentID = document
                version = last + 1
                name = storedName
            } else {
                documentID = .timeOrdered()
                version = 1
                name = fileName
            }
            statements.append(
                """
                INSERT INTO mail.document_versions (
                    tenant_id, document_id, version, item_id, file_name, sha256, byte_count, media_type, added_at, added_by)
                VALUES (\(tenant), \(documentID), \(version), \(itemID), \(name), \(sha256), \(byteCount), \(mediaType), \(now), \(subject))
                """)
            statements.append(searchAppending(text.map { name + " " + $0 } ?? name, item: itemID, tenant: tenant, at: now))
            statements.append(
                try AuditLog.appending(
                    .init(
                        .documentAdded, item: itemID,
                        payload: [
                            "document": .string(documentID.lowercaseString), "version": .number(Double(version)),
                            "file_name": .string(name), "sha256": .string(sha256), "byte_count": .number(Double(byteCount)),
                            "media_type": .string(mediaType), "text_extracted": .bool(text != nil),
                        ]),
                    tenant: tenant, at: now, actor: subject))
            _ = try await transaction.execute(statements)
            return DocumentVersionRecord(
                documentID: documentID, itemID: itemID, fileName: name, version: version, sha256: sha256, byteCount: byteCount,
                mediaType: mediaType, addedAt: now)
        }
    }

    /// The statement adding `text` (a note, a document's text) to what the item is found by.
    func searchAppending(_ text: String, item: UUID, tenant: UUID, at instant: Date) -> PostgresQuery {
        let words = SearchNormalizer.words(text)
        let terms = SearchNormalizer.numberTerms(inText: text)
        return """
            UPDATE mail.items SET
                search_extra = left(search_extra || ' ' || \(words), \(Self.maximumSearchExtra)::integer),
                extra_terms = ARRAY(SELECT DISTINCT t FROM unnest(extra_terms || \(terms)::text[]) AS t ORDER BY t LIMIT 5000),
                version = version + 1, updated_at = \(instant)
            WHERE tenant_id = \(tenant) AND id = \(item)
            """
    }

    /// A version of one of the item's documents (the latest when `version` is nil).
    func documentVersion(_ document: UUID, version: Int?, item: UUID, tenant: UUID) async throws -> DocumentVersionRecord? {
        let rows = try await database.query(
            """
            SELECT document_id, item_id, file_name, version, sha256, byte_count, media_type, added_at FROM mail.document_versions
            WHERE tenant_id = \(tenant) AND document_id = \(document) AND item_id = \(item)
              AND (\(version)::integer IS NULL OR version = \(version))
            ORDER BY version DESC LIMIT 1
            """,
            tenant: tenant)
        return try rows.first.map { row in
            let (documentID, itemID, fileName, version, sha256, byteCount, mediaType, addedAt) = try row.decode(
                (UUID, UUID, String, Int, String, Int, String, Date).self)
            return DocumentVersionRecord(
                documentID: documentID, itemID: itemID, fileName: fileName, version: version, sha256: sha256, byteCount: byteCount,
                mediaType: mediaType, addedAt: addedAt)
        }
    }

    /// Every document version of an item, for archive packages and purges.
    func documentVersions(item: UUID, tenant: UUID) async throws -> [DocumentVersionRecord] {
        let rows = try await database.query(
            """
            SELECT document_id, item_id, file_name, version, sha256, byte_count, media_type, added_at FROM mail.document_versions
            WHERE tenant_id = \(tenant) AND item_id = \(item)
            ORDER BY document_id, version
            """,
            tenant: tenant)
        return try rows.map { row in
            let (documentID, itemID, fileName, version, sha256, byteCount, mediaType, addedAt) = try row.decode(
                (UUID, UUID, String, Int, String, Int, String, Date).self)
            return DocumentVersionRecord(
                documentID: documentID, itemID: itemID, fileName: fileName, version: version, sha256: sha256, byteCount: byteCount,
                mediaType: mediaType, addedAt: addedAt)
        }
    }
}
