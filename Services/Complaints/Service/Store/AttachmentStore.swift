import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPostgres

/// The SQL of photos and documents, stored in PostgreSQL (`bytea`) beside their complaint.
struct AttachmentStore: Sendable {
    let database: PostgresPool

    /// An attachment without its bytes.
    struct Metadata: Sendable {
        let id: UUID
        let mediaType: String
        let byteSize: Int
        let sha256: [UInt8]
        let uploadedBy: String
        let createdAt: Date

        /// The SHA-256 in lower-case hex.
        var digest: String { Hex.encode(sha256) }
    }

    /// Why an upload was refused.
    enum Refusal: Error, Equatable {
        /// No such complaint.
        case notFound
        /// The complaint is finished (closed, rejected, merged).
        case closed(ComplaintStatus)
        /// It has as many files as allowed.
        case tooMany
    }

    /// Adds a file to a complaint (the same bytes twice are one attachment: the first is
    /// returned). Locks the complaint so that concurrent uploads respect `maximumCount`.
    func add(
        _ bytes: [UInt8], type: AttachmentType, to key: CaseStore.Key, uploadedBy: CaseStore.Author, maximumCount: Int, at now: Date,
        tenant: UUID, authorize: @Sendable (CaseRow) throws -> Void
    ) async throws -> (metadata: Metadata, complaint: CaseRow) {
        var hasher = SHA256()
        hasher.update(bytes)
        let digest = hasher.finalize()
        return try await database.transaction(tenant: tenant, retryable: true) { transaction in
            guard let first = try await transaction.query(CaseStore.selection(key, tenant: tenant, lock: true)).first else {
                throw Refusal.notFound
            }
            let row = try CaseRow(first)
            try authorize(row)
            if row.status.isTerminal { throw Refusal.closed(row.status) }
            let existing = try await transaction.query(
                """
                SELECT \(unsafeRaw: Self.columns) FROM complaints.attachments
                WHERE tenant_id = \(tenant) AND complaint_id = \(row.id) ORDER BY created_at, id
                """)
            let attachments = try existing.map(Self.metadata)
            if let same = attachments.first(where: { $0.sha256 == digest }) { return (same, row) }
            guard attachments.count < maximumCount else { throw Refusal.tooMany }
            let id = UUID.timeOrdered()
            let rows = try await transaction.execute([
                """
                INSERT INTO complaints.attachments (
                    tenant_id, complaint_id, id, media_type, byte_size, sha256, content, uploaded_by, created_at)
                VALUES (\(tenant), \(row.id), \(id), \(type.mediaType), \(bytes.count), \(digest), \(bytes), \(uploadedBy.kind), \(now))
                RETURNING \(unsafeRaw: Self.columns)
                """,
                CaseStore.event(
                    "attachment_added", complaint: row.id, public: true, author: uploadedBy, body: nil,
                    data: ["attachment": .string(id.lowercaseString), "media_type": .string(type.mediaType)], at: now, tenant: tenant),
            ])
            return (try Self.metadata(rows[0][0]), row)
        }
    }

    /// A complaint's attachments, oldest first.
    func list(of complaint: UUID, tenant: UUID) async throws -> [Metadata] {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM complaints.attachments
            WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY created_at, id
            """,
            tenant: tenant)
        return try rows.map(Self.metadata)
    }

    /// One attachment with its bytes.
    func content(of attachment: UUID, complaint: UUID, tenant: UUID) async throws -> (metadata: Metadata, bytes: [UInt8])? {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns), content FROM complaints.attachments
            WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) AND id = \(attachment)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        return (try Self.metadata(row), try row["content"].decode([UInt8].self))
    }

    static let columns = "id, media_type, byte_size, sha256, uploaded_by, created_at"

    static func metadata(_ row: PostgresRow) throws -> Metadata {
        Metadata(
            id: try row["id"].decode(UUID.self), mediaType: try row["media_type"].decode(String.self),
            byteSize: try row["byte_size"].decode(Int.self), sha256: try row["sha256"].decode([UInt8].self),
            uploadedBy: try row["uploaded_by"].decode(String.self), createdAt: try row["created_at"].decode(Date.self))
    }
}
