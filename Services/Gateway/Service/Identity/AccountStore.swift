import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL for `platform.accounts` (platform administrators and citizens): lookups by username,
/// creation, and the failure counter that drives lockout.
struct AccountStore: Sendable {
    let database: PostgresPool

    func account(username: String) async throws -> Account? {
        let rows = try await database.query(
            """
            SELECT id, username, kind, password_hash, status, failed_attempts, locked_until
            FROM platform.accounts WHERE username = \(username)
            """,
            tenant: nil)
        return try rows.first.map(Self.account(from:))
    }

    func account(id: UUID) async throws -> Account? {
        let rows = try await database.query(
            """
            SELECT id, username, kind, password_hash, status, failed_attempts, locked_until
            FROM platform.accounts WHERE id = \(id)
            """,
            tenant: nil)
        return try rows.first.map(Self.account(from:))
    }

    private static func account(from row: PostgresRow) throws -> Account {
        let (id, name, kind, hash, status, failures, lockedUntil) = try row.decode(
            (UUID, String, String, String, String, Int, Date?).self)
        return Account(
            id: id, username: name, kind: Principal.Kind(rawValue: kind) ?? .anonymous, tenant: nil, passwordHash: hash,
            status: Account.Status(rawValue: status) ?? .disabled, failedAttempts: failures, lockedUntil: lockedUntil)
    }

    /// Creates the account unless one has the username; true when created.
    func createIfAbsent(username: String, kind: Principal.Kind, passwordHash: String) async throws -> Bool {
        let rows = try await database.query(
            """
            INSERT INTO platform.accounts (id, username, kind, password_hash)
            VALUES (\(UUID.timeOrdered()), \(username), \(kind.rawValue), \(passwordHash))
            ON CONFLICT (username) DO NOTHING
            """,
            tenant: nil)
        return rows.rowsAffected == 1
    }

    /// Records a failed sign-in; locks the account until `lockedUntil` when given.
    func recordFailure(of id: UUID, lockedUntil: Date?) async throws {
        _ = try await database.query(
            """
            UPDATE platform.accounts
            SET failed_attempts = failed_attempts + 1, locked_until = \(lockedUntil), updated_at = now()
            WHERE id = \(id)
            """,
            tenant: nil)
    }

    /// Clears the failure counter after a successful sign-in (and upgrades the hash when asked).
    func recordSuccess(of id: UUID, rehashed: String?) async throws {
        _ = try await database.query(
            """
            UPDATE platform.accounts
            SET failed_attempts = 0, locked_until = NULL, password_hash = coalesce(\(rehashed), password_hash),
                updated_at = now()
            WHERE id = \(id) AND (failed_attempts <> 0 OR \(rehashed)::text IS NOT NULL)
            """,
            tenant: nil)
    }
}
