import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of personal data: a signed-in citizen's own requests and their export, and the
/// anonymisation of finished complaints after the tenant's retention period.
struct PersonalDataStore: Sendable {
    let database: PostgresPool

    /// The text that replaces a subject and a description once anonymised.
    static let anonymisedText = "[anonymisé]"

    /// A page of the citizen's requests in the tenant, newest first.
    func requests(of subject: String, cursor: CaseCursor?, limit: Int, tenant: UUID) async throws -> (rows: [CaseRow], next: CaseCursor?) {
        var sql = SQLBuilder()
        sql.append(
            "SELECT \(CaseRow.columns), (extract(epoch FROM c.created_at) * 1000000)::int8 AS created_us FROM complaints.complaints c "
                + "WHERE c.tenant_id = \(sql.bind(tenant)) AND c.citizen_subject = \(sql.bind(subject))")
        if let cursor {
            sql.append(
                " AND (c.created_at, c.id) < ('epoch'::timestamptz + \(sql.bind(cursor.microseconds))::int8 * interval '1 microsecond', "
                    + "\(sql.bind(cursor.id))::uuid)")
        }
        sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT \(sql.bind(limit + 1))")
        let result = try await database.query(sql.query, tenant: tenant)
        var rows: [CaseRow] = []
        var cursors: [CaseCursor] = []
        for row in result {
            let parsed = try CaseRow(row)
            rows.append(parsed)
            cursors.append(CaseCursor(microseconds: try row["created_us"].decode(Int64.self), id: parsed.id))
        }
        guard rows.count > limit else { return (rows, nil) }
        rows.removeLast(rows.count - limit)
        return (rows, cursors[limit - 1])
    }

    /// Everything the tenant holds about the citizen's requests: each complaint with its contact
    /// data, its public history (never internal notes) and its attachments' descriptions.
    struct Export: Sendable {
        let complaint: CaseRow
        let contact: ContactDetails
        let timeline: [TimelineEntry]
        let attachments: [AttachmentStore.Metadata]
    }

    /// The export of the citizen's requests in the tenant (at most `limit` complaints).
    func export(of subject: String, limit: Int, tenant: UUID) async throws -> [Export] {
        let results = try await database.transaction(
            [
                """
                SELECT \(unsafeRaw: CaseRow.columns), c.contact_name, c.contact_email, c.contact_phone
                FROM complaints.complaints c WHERE c.tenant_id = \(tenant) AND c.citizen_subject = \(subject)
                ORDER BY c.created_at, c.id LIMIT \(limit)
                """,
                """
                SELECT e.complaint_id, e.id, e.kind, e.public, e.author_kind, e.author, e.body, e.from_status, e.to_status, e.data, e.created_at
                FROM complaints.complaint_events e JOIN complaints.complaints c ON c.tenant_id = e.tenant_id AND c.id = e.complaint_id
                WHERE e.tenant_id = \(tenant) AND c.tenant_id = \(tenant) AND c.citizen_subject = \(subject) AND e.public
                ORDER BY e.created_at, e.id
                """,
                """
                SELECT a.complaint_id, a.\(unsafeRaw: AttachmentStore.columns.replacingOccurrences(of: ", ", with: ", a."))
                FROM complaints.attachments a JOIN complaints.complaints c ON c.tenant_id = a.tenant_id AND c.id = a.complaint_id
                WHERE a.tenant_id = \(tenant) AND c.tenant_id = \(tenant) AND c.citizen_subject = \(subject)
                ORDER BY a.created_at, a.id
                """,
            ],
            tenant: tenant, isolation: .repeatableRead)
        var timelines: [UUID: [TimelineEntry]] = [:]
        for row in results[1] {
            timelines[try row["complaint_id"].decode(UUID.self), default: []].append(try TimelineEntry(row))
        }
        var attachments: [UUID: [AttachmentStore.Metadata]] = [:]
        for row in results[2] {
            let metadata = AttachmentStore.Metadata(
                id: try row["id"].decode(UUID.self), mediaType: try row["media_type"].decode(String.self),
                byteSize: try row["byte_size"].decode(Int.self), sha256: try row["sha256"].decode([UInt8].self),
                uploadedBy: try row["uploaded_by"].decode(String.self), createdAt: try row["created_at"].decode(Date.self))
            attachments[try row["complaint_id"].decode(UUID.self), default: []].append(metadata)
        }
        return try results[0].map { row in
            let complaint = try CaseRow(row)
            let (name, email, phone) = (
                try row["contact_name"].decode(String?.self), try row["contact_email"].decode(String?.self),
                try row["contact_phone"].decode(String?.self)
            )
            return Export(
                complaint: complaint,
                contact: ContactDetails(name: name, email: email.flatMap { EmailAddress($0) }, phone: phone.flatMap { PhoneNumber($0) }),
                timeline: timelines[complaint.id] ?? [], attachments: attachments[complaint.id] ?? [])
        }
    }

    /// Erases the personal data of up to `batch` complaints finished (closed, rejected or merged)
    /// before `cutoff`: contact, account, who entered it, address, subject and description,
    /// extra fields, rating comment, the citizen's messages and the attachments; the location is
    /// rounded to about 100 m. What statistics need (dates, category, zone, status, rating) stays.
    /// Returns how many complaints were anonymised.
    func anonymise(finishedBefore cutoff: Date, batch: Int, at now: Date, tenant: UUID) async throws -> Int {
        let rows = try await database.query(
            """
            WITH done AS (
                UPDATE complaints.complaints c SET
                    contact_name = NULL, contact_email = NULL, contact_phone = NULL, citizen_subject = NULL, entered_by = NULL,
                    address = NULL, subject = \(Self.anonymisedText), description = \(Self.anonymisedText), attributes = '{}',
                    satisfaction_comment = NULL,
                    location = public.ST_SnapToGrid(c.location::public.geometry, 0.001)::public.geography,
                    anonymised_at = \(now)
                WHERE c.tenant_id = \(tenant) AND c.id IN (
                    SELECT id FROM complaints.complaints
                    WHERE tenant_id = \(tenant) AND anonymised_at IS NULL AND status IN ('closed', 'rejected', 'merged')
                      AND updated_at < \(cutoff)
                    ORDER BY updated_at LIMIT \(batch) FOR UPDATE SKIP LOCKED)
                RETURNING c.id
            ), messages AS (
                UPDATE complaints.complaint_events e SET body = NULL, author = NULL
                FROM done WHERE e.tenant_id = \(tenant) AND e.complaint_id = done.id AND e.author_kind = 'citizen'
                RETURNING 1
            ), files AS (
                DELETE FROM complaints.attachments a USING done
                WHERE a.tenant_id = \(tenant) AND a.complaint_id = done.id
                RETURNING 1
            ), logged AS (
                INSERT INTO complaints.complaint_events (tenant_id, complaint_id, id, kind, public, author_kind, created_at)
                SELECT \(tenant), done.id, gen_random_uuid(), 'anonymised', false, 'system', \(now) FROM done
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM done)::int8, (SELECT count(*) FROM messages)::int8, (SELECT count(*) FROM files)::int8,
                   (SELECT count(*) FROM logged)::int8
            """,
            tenant: tenant)
        return try rows.single((Int, Int, Int, Int).self).0
    }
}
