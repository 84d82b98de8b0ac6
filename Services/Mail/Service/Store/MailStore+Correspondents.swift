import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A contact of the tenant's directory of correspondents.
struct DirectoryContact: Sendable {
    let id: UUID
    let kind: ContactKind
    let name: String
    let email: String?
    let phone: String?
    let address: String?
    let createdAt: Date

    /// The snapshot a registration keeps.
    var snapshot: Correspondent {
        Correspondent(contactID: id, kind: kind, name: name, email: email)
    }

    static let columns = "id, kind, name, email, phone, address, created_at"

    init(row: PostgresRow) throws {
        let (id, kind, name, email, phone, address, createdAt) = try row.decode(
            (UUID, String, String, String?, String?, String?, Date).self)
        self.id = id
        self.kind = ContactKind(rawValue: kind) ?? .person
        self.name = name
        self.email = email
        self.phone = phone
        self.address = address
        self.createdAt = createdAt
    }
}

extension MailStore {
    /// The contact a registration names: an existing one by id, or the one a description
    /// matches (created when none does).
    func resolve(_ reference: CorrespondentReference, tenant: UUID, by subject: String) async throws -> Correspondent {
        switch reference {
        case .contact(let id):
            guard let contact = try await contact(id, tenant: tenant) else { throw Refusal.unknownCorrespondent }
            return contact.snapshot
        case .new(let details):
            return try await findOrCreate(details, phone: nil, address: nil, tenant: tenant, by: subject).contact.snapshot
        }
    }

    /// The contact with `id`, if the tenant has one.
    func contact(_ id: UUID, tenant: UUID) async throws -> DirectoryContact? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: DirectoryContact.columns) FROM mail.correspondents WHERE tenant_id = \(tenant) AND id = \(id)",
            tenant: tenant)
        return try rows.first.map(DirectoryContact.init(row:))
    }

    /// The contact sharing a de-duplication key with `details` (same email, or same normalised name
    /// and kind; the email wins), or a new one. Each key is unique in the tenant: a concurrent
    /// creation of the same correspondent waits for the first and then finds it.
    func findOrCreate(
        _ details: CorrespondentDetails, phone: String?, address: String?, tenant: UUID, by subject: String
    ) async throws -> (contact: DirectoryContact, created: Bool) {
        let keys = details.deduplicationKeys
        let emailKey = keys.first { $0.hasPrefix("email:") }
        let nameKey = keys.first { $0.hasPrefix("name:") }
        let id = UUID.timeOrdered()
        let rows = try await database.transaction(
            [
                """
                INSERT INTO mail.correspondents (
                    tenant_id, id, kind, name, email, phone, address, normalized_name, email_key, name_key, created_at, created_by)
                VALUES (\(tenant), \(id), \(details.kind.rawValue), \(details.name), \(details.email?.value), \(phone), \(address),
                        \(SearchNormalizer.normalize(details.name)), \(emailKey), \(nameKey), \(clock.now), \(subject))
                ON CONFLICT DO NOTHING
                """,
                """
                SELECT \(unsafeRaw: DirectoryContact.columns) FROM mail.correspondents
                WHERE tenant_id = \(tenant) AND (id = \(id) OR email_key = \(emailKey) OR name_key = \(nameKey))
                ORDER BY id = \(id) DESC, email_key = \(emailKey) DESC NULLS LAST LIMIT 1
                """,
            ],
            tenant: tenant)
        guard let row = rows[1].first else { throw Refusal.unknownCorrespondent }
        return (try DirectoryContact(row: row), rows[0].rowsAffected == 1)
    }

    /// Contacts whose normalised name starts with `prefix` (all when empty), by name, after `cursor`.
    func contacts(prefix: String, after cursor: (name: String, id: UUID)?, limit: Int, tenant: UUID) async throws -> [DirectoryContact] {
        let pattern = Self.likePrefix(SearchNormalizer.normalize(prefix))
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: DirectoryContact.columns) FROM mail.correspondents
            WHERE tenant_id = \(tenant) AND normalized_name LIKE \(pattern)
              AND (normalized_name, id) > (\(cursor?.name ?? ""), \(cursor?.id ?? Self.nilID))
            ORDER BY normalized_name, id LIMIT \(limit)
            """,
            tenant: tenant)
        return try rows.map(DirectoryContact.init(row:))
    }

    /// The all-zero UUID, below every other in keyset comparisons.
    static let nilID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// `text` as a LIKE prefix pattern, its wildcards escaped.
    static func likePrefix(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "%"
    }
}
