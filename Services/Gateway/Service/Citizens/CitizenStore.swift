import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPostgres

/// Citizens' accounts in `platform.accounts`: sign-up leaves a pending account with a code to
/// enter; entering it activates the account. Codes are stored as SHA-256 of the username and the
/// code, expire, and allow a few attempts.
struct CitizenStore: Sendable {
    let database: PostgresPool

    /// Attempts a code allows before it is void.
    static let maximumAttempts = 5
    /// How long a code is good.
    static let codeLifetime: Duration = .seconds(15 * 60)

    /// What signing up came to.
    enum SignUp: Sendable {
        /// A pending account was made or refreshed: send it `code`.
        case pending(id: UUID, code: String)
        /// An active account already has this username: nothing changed.
        case exists
    }

    /// Six random digits.
    static func makeCode() -> String {
        let value = SecureRandom.uint64() % 1_000_000
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    static func hash(_ code: String, username: String) -> [UInt8] {
        SHA256.hash("\(username):\(code)")
    }

    /// Makes a pending account for `username`, or replaces the password and code of a pending one
    /// (the latest sign-up wins until someone enters a code), and runs the statements `recording`
    /// gives for the outcome (the verification message's outbox insertion) in the same
    /// transaction: the message exists if and only if the sign-up committed.
    ///
    /// The transaction runs under the platform's nil tenant, the tenant of those messages
    /// (`platform.accounts` itself belongs to no tenant). `recording` may run more than once
    /// when a serialization failure makes the transaction start again.
    func signUp(
        username: String, passwordHash: String, displayName: String?, language: Language,
        recording: (SignUp) throws -> [PostgresQuery] = { _ in [] }
    ) async throws -> SignUp {
        let code = Self.makeCode()
        let seconds = Double(Self.codeLifetime.components.seconds)
        let upsert: PostgresQuery = """
            INSERT INTO platform.accounts
                (id, username, kind, password_hash, status, display_name, language, code_hash, code_expires_at, code_attempts)
            VALUES (\(UUID.timeOrdered()), \(username), 'citizen', \(passwordHash), 'pending', \(displayName),
                    \(language.rawValue), \(Self.hash(code, username: username)), now() + make_interval(secs => \(seconds)), 0)
            ON CONFLICT (username) DO UPDATE
            SET password_hash = excluded.password_hash, display_name = excluded.display_name, language = excluded.language,
                code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at, code_attempts = 0,
                failed_attempts = 0, locked_until = NULL, updated_at = now()
            WHERE platform.accounts.status = 'pending' AND platform.accounts.kind = 'citizen'
            RETURNING id
            """
        return try await database.transaction(tenant: OutboxVerificationCodes.tenant, retryable: true) { transaction in
            let rows = try await transaction.query(upsert)
            let outcome: SignUp = if let id = try rows.first?.decode((UUID).self) { .pending(id: id, code: code) } else { .exists }
            for statement in try recording(outcome) {
                _ = try await transaction.query(statement)
            }
            return outcome
        }
    }

    /// Activates the pending account of `username` when `code` is its code; the account's id, or
    /// nil (wrong, expired or used-up code, or no such pending account).
    func verify(username: String, code: String) async throws -> UUID? {
        try await database.transaction(tenant: nil, retryable: true) { transaction in
            let rows = try await transaction.query(
                """
                SELECT id, code_hash, code_expires_at > now() AND code_attempts < \(Self.maximumAttempts)
                FROM platform.accounts
                WHERE username = \(username) AND kind = 'citizen' AND status = 'pending'
                FOR UPDATE
                """)
            guard let row = rows.first else { return nil }
            let (id, stored, usable) = try row.decode((UUID, [UInt8]?, Bool).self)
            guard usable, let stored, constantTimeEquals(stored, Self.hash(code, username: username)) else {
                _ = try await transaction.query(
                    "UPDATE platform.accounts SET code_attempts = code_attempts + 1, updated_at = now() WHERE id = \(id)")
                return nil
            }
            _ = try await transaction.query(
                """
                UPDATE platform.accounts
                SET status = 'active', verified_at = now(), code_hash = NULL, code_expires_at = NULL, code_attempts = 0,
                    updated_at = now()
                WHERE id = \(id)
                """)
            return id
        }
    }
}
