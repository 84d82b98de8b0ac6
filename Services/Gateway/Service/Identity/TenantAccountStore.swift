import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The sign-in side of `platform.tenant_accounts`: an agent or tenant administrator by username
/// or id, with roles, units and second factor in the same round trip, and the counters that drive
/// lockout. Every query names the tenant and runs with it set (row-level security).
struct TenantAccountStore: Sendable {
    let database: PostgresPool

    private static let columns = """
        a.id, a.username, a.kind, a.password_hash, a.status, a.failed_attempts, a.locked_until,
        a.totp_secret, a.totp_pending, a.totp_last_step,
        coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM platform.account_roles r
                  WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id), '{}'),
        coalesce((SELECT array_agg(m.unit_id ORDER BY m.unit_id) FROM platform.memberships m
                  WHERE m.tenant_id = a.tenant_id AND m.account_id = a.id), '{}'),
        coalesce((SELECT s.agents_require_totp FROM platform.tenant_settings s WHERE s.tenant_id = a.tenant_id), false)
        """

    func account(username: String, tenant: TenantReference) async throws -> Account? {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM platform.tenant_accounts a
            WHERE a.tenant_id = \(tenant.id) AND a.username = \(username)
            """,
            tenant: tenant.id)
        return try rows.first.map { try Self.account(from: $0, tenant: tenant) }
    }

    func account(id: UUID, tenant: TenantReference) async throws -> Account? {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.columns) FROM platform.tenant_accounts a
            WHERE a.tenant_id = \(tenant.id) AND a.id = \(id)
            """,
            tenant: tenant.id)
        return try rows.first.map { try Self.account(from: $0, tenant: tenant) }
    }

    private static func account(from row: PostgresRow, tenant: TenantReference) throws -> Account {
        let (id, name, kind, hash, status, failures, lockedUntil, secret, pending, lastStep, roles, units, requiresTOTP) =
            try row.decode(
                (UUID, String, String, String, String, Int, Date?, [UInt8]?, [UInt8]?, Int64?, [String], [UUID], Bool).self)
        var account = Account(
            id: id, username: name, kind: Principal.Kind(rawValue: kind) ?? .anonymous, tenant: tenant, passwordHash: hash,
            status: Account.Status(rawValue: status) ?? .disabled, failedAttempts: failures, lockedUntil: lockedUntil)
        account.roles = Set(roles)
        account.units = Set(units)
        account.secondFactor = Account.SecondFactor(secret: secret, pending: pending, lastStep: lastStep)
        account.tenantRequiresSecondFactor = requiresTOTP
        return account
    }

    func recordFailure(of id: UUID, tenant: UUID, lockedUntil: Date?) async throws {
        _ = try await database.query(
            """
            UPDATE platform.tenant_accounts
            SET failed_attempts = failed_attempts + 1, locked_until = \(lockedUntil), updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id)
            """,
            tenant: tenant)
    }

    func recordSuccess(of id: UUID, tenant: UUID, rehashed: String?) async throws {
        _ = try await database.query(
            """
            UPDATE platform.tenant_accounts
            SET failed_attempts = 0, locked_until = NULL, password_hash = coalesce(\(rehashed), password_hash),
                updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id) AND (failed_attempts <> 0 OR \(rehashed)::text IS NOT NULL)
            """,
            tenant: tenant)
    }

    /// Records the time step of an accepted TOTP code, confirming a pending enrolment; false when
    /// the step was already used (a replayed code) or another sign-in got there first.
    func acceptSecondFactor(of id: UUID, tenant: UUID, step: Int64, confirmingPending: Bool) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE platform.tenant_accounts
            SET totp_last_step = \(step),
                totp_secret = CASE WHEN \(confirmingPending) THEN totp_pending ELSE totp_secret END,
                totp_pending = CASE WHEN \(confirmingPending) THEN NULL ELSE totp_pending END,
                updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id) AND (totp_last_step IS NULL OR totp_last_step < \(step))
            """,
            tenant: tenant)
        return rows.rowsAffected == 1
    }

    /// Starts an enrolment: `secret` waits for its first code. Refused (false) once a secret is
    /// confirmed: only an administrator can reset it.
    func beginEnrolment(of id: UUID, tenant: UUID, secret: [UInt8]) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE platform.tenant_accounts SET totp_pending = \(secret), updated_at = now()
            WHERE tenant_id = \(tenant) AND id = \(id) AND totp_secret IS NULL
            """,
            tenant: tenant)
        return rows.rowsAffected == 1
    }
}
