import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPostgres

/// The SQL behind GeoReport v2: the tenant's API keys (hashed) and the public view of requests.
///
/// Only public fields are read: never the contact data, never an internal note (`status_notes`
/// is the latest public reply). The `description` published is the complaint's subject: the
/// citizen's full text may name people and stays with the tenant.
struct Open311Store: Sendable {
    let database: PostgresPool

    // MARK: API keys

    /// An API key as administrators list it (never the key itself).
    struct Key: Sendable {
        let id: UUID
        let label: String
        let createdBy: String
        let createdAt: Date
        let revokedAt: Date?
    }

    /// The SHA-256 of a key as stored.
    static func hash(of key: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(key)
        return hasher.finalize()
    }

    /// Makes a key: 32 random bytes, base64url (43 characters), shown once; only its hash is kept.
    func createKey(label: String, createdBy: String, tenant: UUID) async throws -> (key: Key, secret: String) {
        let secret = "o311_" + Base64URL.encode(SecureRandom.bytes(count: 32))
        let id = UUID.timeOrdered()
        let rows = try await database.query(
            """
            INSERT INTO complaints.open311_keys (tenant_id, id, label, key_hash, created_by)
            VALUES (\(tenant), \(id), \(label), \(Self.hash(of: secret)), \(createdBy))
            RETURNING created_at
            """,
            tenant: tenant)
        let createdAt = try rows.single(Date.self)
        return (Key(id: id, label: label, createdBy: createdBy, createdAt: createdAt, revokedAt: nil), secret)
    }

    /// The tenant's keys, newest first.
    func keys(tenant: UUID) async throws -> [Key] {
        let rows = try await database.query(
            """
            SELECT id, label, created_by, created_at, revoked_at FROM complaints.open311_keys
            WHERE tenant_id = \(tenant) ORDER BY created_at DESC, id DESC
            """,
            tenant: tenant)
        return try rows.map { row in
            let (id, label, createdBy, createdAt, revokedAt) = try row.decode((UUID, String, String, Date, Date?).self)
            return Key(id: id, label: label, createdBy: createdBy, createdAt: createdAt, revokedAt: revokedAt)
        }
    }

    /// Revokes a key; false when the tenant has no such key.
    func revokeKey(_ id: UUID, tenant: UUID) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE complaints.open311_keys SET revoked_at = coalesce(revoked_at, now())
            WHERE tenant_id = \(tenant) AND id = \(id)
            """,
            tenant: tenant)
        return rows.rowsAffected == 1
    }

    /// The id of the tenant's valid key equal to `key`, if any.
    func validKey(_ key: String, tenant: UUID) async throws -> UUID? {
        guard (1...256).contains(key.utf8.count) else { return nil }
        let rows = try await database.query(
            """
            SELECT id FROM complaints.open311_keys
            WHERE tenant_id = \(tenant) AND key_hash = \(Self.hash(of: key)) AND revoked_at IS NULL
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        return try row.decode(UUID.self)
    }

    // MARK: Requests

    static let requestColumns = """
        c.id, c.status, c.category_code, k.name_fr, k.name_ar, k.name_en, c.subject, c.address,
        public.ST_Y(c.location::public.geometry) AS latitude, public.ST_X(c.location::public.geometry) AS longitude,
        c.created_at, c.updated_at, c.answer_due,
        (SELECT e.body FROM complaints.complaint_events e
         WHERE e.tenant_id = c.tenant_id AND e.complaint_id = c.id AND e.kind = 'public_reply'
         ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS status_notes
        """

    /// The requests a GET `requests.json` asks for, newest first.
    func requests(_ query: Open311RequestQuery, language: Language, tenant: UUID) async throws -> [Open311ServiceRequest] {
        var sql = SQLBuilder()
        let tenantParameter = sql.bind(tenant)
        sql.append(
            "SELECT \(Self.requestColumns) FROM complaints.complaints c JOIN complaints.categories k "
                + "ON k.tenant_id = c.tenant_id AND k.code = c.category_code WHERE c.tenant_id = \(tenantParameter) "
                + "AND k.tenant_id = \(tenantParameter)")
        if !query.ids.isEmpty {
            let ids = query.ids.compactMap { UUID(uuidString: $0) }
            guard !ids.isEmpty else { return [] }
            sql.append(" AND c.id = ANY(\(sql.bind(ids))::uuid[]) ORDER BY c.created_at DESC, c.id DESC")
        } else {
            sql.append(" AND c.created_at >= \(sql.bind(query.start)) AND c.created_at <= \(sql.bind(query.end))")
            sql.append(" AND c.status = ANY(\(sql.bind(query.complaintStatuses.map(\.rawValue).sorted()))::text[])")
            if !query.serviceCodes.isEmpty {
                sql.append(" AND c.category_code = ANY(\(sql.bind(query.serviceCodes))::text[])")
            }
            sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT \(sql.bind(query.pageSize)) OFFSET \(sql.bind(query.offset))")
        }
        let rows = try await database.query(sql.query, tenant: tenant)
        return try rows.map { try Self.request($0, language: language) }
    }

    /// One request by id, if the tenant has it.
    func request(_ id: UUID, language: Language, tenant: UUID) async throws -> Open311ServiceRequest? {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.requestColumns) FROM complaints.complaints c
            JOIN complaints.categories k ON k.tenant_id = c.tenant_id AND k.code = c.category_code
            WHERE c.tenant_id = \(tenant) AND k.tenant_id = \(tenant) AND c.id = \(id)
            """,
            tenant: tenant)
        return try rows.first.map { try Self.request($0, language: language) }
    }

    /// Whether `id` is a request made through GeoReport (its token is its id).
    func isOpen311Request(_ id: UUID, tenant: UUID) async throws -> Bool {
        let rows = try await database.query(
            "SELECT 1 FROM complaints.complaints WHERE tenant_id = \(tenant) AND id = \(id) AND channel = 'open311'", tenant: tenant)
        return !rows.isEmpty
    }

    private static func request(_ row: PostgresRow, language: Language) throws -> Open311ServiceRequest {
        let (id, status, code, fr, ar, en, subject, address, latitude, longitude, createdAt, updatedAt, answerDue, notes) = try row.decode(
            (UUID, String, String, String, String?, String?, String, String?, Double?, Double?, Date, Date, Date?, String?).self)
        let location = latitude.flatMap { latitude in longitude.flatMap { GeoPoint(latitude: latitude, longitude: $0) } }
        return Open311ServiceRequest(
            complaintID: id, workflow: ComplaintStatus(rawValue: status) ?? .received,
            category: (code, LocalizedText(fr: fr, ar: ar, en: en).text(in: language)), receivedAt: createdAt, updatedAt: updatedAt,
            answerDue: answerDue, statusNotes: notes, description: subject, address: address, location: location)
    }
}
