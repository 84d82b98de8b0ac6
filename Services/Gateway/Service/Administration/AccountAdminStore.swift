import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The administration side of a tenant's accounts (`platform.tenant_accounts`, with
/// `platform.account_roles` and `platform.memberships`): listing, creating, changing, and
/// granting roles and units. Every change goes in one transaction with its audit event.
struct AccountAdminStore: Sendable {
    let database: PostgresPool

    /// An account as administrators see it.
    struct Record: Sendable {
        let id: UUID
        let username: String
        let kind: String
        let displayName: String
        let email: String?
        let status: String
        let roles: [String]
        let units: [UUID]
        let totpEnrolled: Bool
        let lockedUntil: Date?
        let createdAt: Date
        let version: Int
    }

    /// Why a change was refused.
    enum Refusal: Error {
        case usernameTaken
        case unknownUnit
        case versionMismatch
    }

    private static let columns = """
        a.id, a.username, a.kind, a.display_name, a.email, a.status,
        coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM platform.account_roles r
                  WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id), '{}'),
        coalesce((SELECT array_agg(m.unit_id ORDER BY m.unit_id) FROM platform.memberships m
                  WHERE m.tenant_id = a.tenant_id AND m.account_id = a.id), '{}'),
        a.totp_secret IS NOT NULL, CASE WHEN a.locked_until > now() THEN a.locked_until END, a.created_at, a.version
        """

    private static func record(from row: PostgresRow) throws -> Record {
        let (id, username, kind, name, email, status, roles, units, totp, locked, created, version) = try row.decode(
            (UUID, String, String, String, String?, String, [String], [UUID], Bool, Date?, Date, Int).self)
        return Record(
            id: id, username: username, kind: kind, displayName: name, email: email, status: status, roles: roles, units: units,
            totpEnrolled: totp, lockedUntil: locked, createdAt: created, version: version)
    }

    func accounts(tenant: UUID, unit: UUID? = nil, role: String? = nil, kind: String? = nil, activeOnly: Bool = false) async throws -> [Record] {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM platform.tenant_accounts a
            WHERE a.tenant_id = \(tenant)
              AND (\(kind)::text IS NULL OR a.kind = \(kind))
              AND (NOT \(activeOnly) OR a.status = 'active')
              AND (\(unit)::uuid IS NULL OR EXISTS (SELECT 1 FROM platform.memberships m
                   WHERE m.tenant_id = a.tenant_id AND m.account_id = a.id AND m.unit_id = \(unit)))
              AND (\(role)::text IS NULL OR EXISTS (SELECT 1 FROM platform.account_roles r
                   WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id AND r.role = \(role)))
            ORDER BY a.username LIMIT 1000
            """,
            tenant: tenant)
        return try rows.map(Self.record(from:))
    }

    func account(_ id: UUID, tenant: UUID) async throws -> Record? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: Self.columns) FROM platform.tenant_accounts a WHERE a.tenant_id = \(tenant) AND a.id = \(id)",
            tenant: tenant)
        return try rows.first.map(Self.record(from:))
    }

    /// The statements that create an account with its roles and units (also used by onboarding).
    static func creation(
        id: UUID, tenant: UUID, username: String, kind: String, displayName: String, email: String?, passwordHash: String,
        roles: [String], units: [UUID]
    ) -> [PostgresQuery] {
        var queries: [PostgresQuery] = [
            """
            INSERT INTO platform.tenant_accounts (tenant_id, id, username, kind, display_name, email, password_hash)
            VALUES (\(tenant), \(id), \(username), \(kind), \(displayName), \(email), \(passwordHash))
            """
        ]
        if !roles.isEmpty {
            queries.append(
                "INSERT INTO platform.account_roles (tenant_id, account_id, role) SELECT \(tenant), \(id), unnest(\(roles)::text[])")
        }
        if !units.isEmpty {
            queries.append(
                "INSERT INTO platform.memberships (tenant_id, account_id, unit_id) SELECT \(tenant), \(id), unnest(\(units)::uuid[])")
        }
        return queries
    }

    func create(_ queries: [PostgresQuery], tenant: UUID) async throws {
        do {
            _ = try await database.transaction(queries, tenant: tenant)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw Refusal.usernameTaken
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Refusal.unknownUnit
        }
    }

    /// Changes an account's name, email, status or password hash (nil: unchanged).
    func update(
        _ id: UUID, tenant: UUID, displayName: String?, email: String??, status: String?, passwordHash: String?,
        expectedVersion: Int?, audit: PostgresQuery
    ) async throws -> Bool {
        let clearEmail = email == .some(nil)
        let newEmail = email ?? nil
        let rows = try await database.transaction(tenant: tenant, retryable: true) { transaction -> PostgresRows in
            let current = try await transaction.query(
                "SELECT version FROM platform.tenant_accounts WHERE tenant_id = \(tenant) AND id = \(id) FOR UPDATE")
            guard let version = try current.first?.decode((Int).self) else { return .empty }
            if let expectedVersion, expectedVersion != version { throw Refusal.versionMismatch }
            let rows = try await transaction.query(
                """
                UPDATE platform.tenant_accounts
                SET display_name = coalesce(\(displayName), display_name),
                    email = CASE WHEN \(clearEmail) THEN NULL ELSE coalesce(\(newEmail), email) END,
                    status = coalesce(\(status), status),
                    password_hash = coalesce(\(passwordHash), password_hash),
                    failed_attempts = CASE WHEN \(passwordHash)::text IS NULL THEN failed_attempts ELSE 0 END,
                    locked_until = CASE WHEN \(passwordHash)::text IS NULL THEN locked_until END,
                    version = version + 1, updated_at = now()
                WHERE tenant_id = \(tenant) AND id = \(id)
                """)
            _ = try await transaction.query(audit)
            return rows
        }
        return rows.rowsAffected == 1
    }

    /// Replaces an agent's roles; the roles before, or nil when there is no such agent.
    func replaceRoles(of id: UUID, tenant: UUID, with roles: [String], audit: (_ before: [String]) -> PostgresQuery) async throws -> [String]? {
        try await database.transaction(tenant: tenant, retryable: true) { transaction -> [String]? in
            let current = try await transaction.query(
                """
                SELECT coalesce((SELECT array_agg(role ORDER BY role) FROM platform.account_roles
                                 WHERE tenant_id = \(tenant) AND account_id = a.id), '{}')
                FROM platform.tenant_accounts a WHERE a.tenant_id = \(tenant) AND a.id = \(id) AND a.kind = 'agent'
                FOR UPDATE
                """)
            guard let before = try current.first?.decode(([String]).self) else { return nil }
            _ = try await transaction.execute([
                "DELETE FROM platform.account_roles WHERE tenant_id = \(tenant) AND account_id = \(id)",
                "INSERT INTO platform.account_roles (tenant_id, account_id, role) SELECT \(tenant), \(id), unnest(\(roles)::text[])",
                "UPDATE platform.tenant_accounts SET version = version + 1, updated_at = now() WHERE tenant_id = \(tenant) AND id = \(id)",
                audit(before),
            ])
            return before
        }
    }

    /// Replaces an agent's units; the units before, or nil when there is no such agent.
    func replaceUnits(of id: UUID, tenant: UUID, with units: [UUID], audit: (_ before: [UUID]) -> PostgresQuery) async throws -> [UUID]? {
        do {
            return try await database.transaction(tenant: tenant, retryable: true) { transaction -> [UUID]? in
                let current = try await transaction.query(
                    """
                    SELECT coalesce((SELECT array_agg(unit_id ORDER BY unit_id) FROM platform.memberships
                                     WHERE tenant_id = \(tenant) AND account_id = a.id), '{}')
                    FROM platform.tenant_accounts a WHERE a.tenant_id = \(tenant) AND a.id = \(id) AND a.kind = 'agent'
                    FOR UPDATE
                    """)
                guard let before = try current.first?.decode(([UUID]).self) else { return nil }
                _ = try await transaction.execute([
                    "DELETE FROM platform.memberships WHERE tenant_id = \(tenant) AND account_id = \(id)",
                    "INSERT INTO platform.memberships (tenant_id, account_id, unit_id) SELECT \(tenant), \(id), unnest(\(units)::uuid[])",
                    "UPDATE platform.tenant_accounts SET version = version + 1, updated_at = now() WHERE tenant_id = \(tenant) AND id = \(id)",
                    audit(before),
                ])
                return before
            }
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Refusal.unknownUnit
        }
    }

    /// Removes an account's second factor (confirmed or pending); false when there is no such account.
    func resetSecondFactor(of id: UUID, tenant: UUID, audit: PostgresQuery) async throws -> Bool {
        let rows = try await database.transaction(
            [
                """
                UPDATE platform.tenant_accounts
                SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL, version = version + 1, updated_at = now()
                WHERE tenant_id = \(tenant) AND id = \(id)
                """,
                audit,
            ],
            tenant: tenant)
        return rows[0].rowsAffected == 1
    }
}
