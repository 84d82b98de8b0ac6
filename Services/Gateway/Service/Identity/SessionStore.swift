import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPostgres

/// Sign-in sessions and their refresh tokens (`platform.sessions`, `platform.refresh_tokens`).
///
/// A session is a family of refresh tokens: each is good once, and using it gives the next
/// (rotation). Presenting a token that was already used means two parties hold it — the client
/// and a thief — so the whole family is revoked and both must sign in again. Tokens are 256
/// random bits; only their SHA-256 is stored.
struct SessionStore: Sendable {
    let database: PostgresPool

    /// Who a session belongs to.
    struct Session: Sendable {
        let id: UUID
        let subject: String
        let kind: Principal.Kind
        let tenantID: UUID?
        let accountID: UUID
    }

    /// What presenting a refresh token came to.
    enum Redemption: Sendable {
        /// The token was good: here is its session and the token that replaces it.
        case rotated(Session, next: String)
        /// Unknown, expired, or its session revoked or over.
        case invalid
        /// Already used: the session has now been revoked.
        case replayed(Session)
    }

    /// A new refresh token (its text, and its hash as stored).
    static func makeToken() -> (token: String, hash: [UInt8]) {
        let token = Base64URL.encode(SecureRandom.bytes(count: 32))
        return (token, SHA256.hash(token))
    }

    /// Opens a session for `principal` (an account or a client) and, when `refreshLifetime` is
    /// given, its first refresh token.
    func open(
        for principal: Principal, principalID: UUID, lifetime: Duration, refreshLifetime: Duration?
    ) async throws -> (session: UUID, refreshToken: String?) {
        let id = UUID.timeOrdered()
        let seconds = Double(lifetime.components.seconds)
        var queries: [PostgresQuery] = [
            """
            INSERT INTO platform.sessions (id, subject, kind, tenant_id, account_id, expires_at)
            VALUES (\(id), \(principal.subject), \(principal.kind.rawValue), \(principal.tenantID), \(principalID),
                    now() + make_interval(secs => \(seconds)))
            """
        ]
        var refreshToken: String?
        if let refreshLifetime {
            let (token, hash) = Self.makeToken()
            refreshToken = token
            queries.append(insertion(of: hash, session: id, lifetime: refreshLifetime))
        }
        _ = try await database.transaction(queries, tenant: nil)
        return (id, refreshToken)
    }

    private func insertion(of hash: [UInt8], session: UUID, lifetime: Duration) -> PostgresQuery {
        let seconds = Double(lifetime.components.seconds)
        return """
            INSERT INTO platform.refresh_tokens (token_hash, session_id, expires_at)
            SELECT \(hash), s.id, least(s.expires_at, now() + make_interval(secs => \(seconds)))
            FROM platform.sessions s WHERE s.id = \(session)
            """
    }

    /// Redeems a refresh token: marks it used and issues the next one, in one transaction; a
    /// token used before revokes its session.
    func redeem(_ token: String, refreshLifetime: Duration) async throws -> Redemption {
        guard token.utf8.count <= 128 else { return .invalid }
        let hash = SHA256.hash(token)
        return try await database.transaction(tenant: nil, retryable: true) { transaction in
            let rows = try await transaction.query(
                """
                SELECT s.id, s.subject, s.kind, s.tenant_id, s.account_id, t.used_at IS NOT NULL,
                       t.expires_at > now() AND s.expires_at > now() AND s.revoked_at IS NULL
                FROM platform.refresh_tokens t JOIN platform.sessions s ON s.id = t.session_id
                WHERE t.token_hash = \(hash)
                FOR UPDATE OF t
                """)
            guard let row = rows.first else { return .invalid }
            let (id, subject, kind, tenantID, accountID, used, valid) = try row.decode((UUID, String, String, UUID?, UUID, Bool, Bool).self)
            let session = Session(
                id: id, subject: subject, kind: Principal.Kind(rawValue: kind) ?? .anonymous, tenantID: tenantID,
                accountID: accountID)
            if used {
                _ = try await transaction.query(
                    """
                    UPDATE platform.sessions SET revoked_at = now(), revoked_why = 'refresh_token_reused'
                    WHERE id = \(id) AND revoked_at IS NULL
                    """)
                return .replayed(session)
            }
            guard valid else { return .invalid }
            let (next, nextHash) = Self.makeToken()
            _ = try await transaction.execute([
                "UPDATE platform.refresh_tokens SET used_at = now() WHERE token_hash = \(hash)",
                insertion(of: nextHash, session: id, lifetime: refreshLifetime),
            ])
            return .rotated(session, next: next)
        }
    }

    /// The session a refresh token belongs to, if any (for revocation).
    func session(ofRefreshToken token: String) async throws -> UUID? {
        guard token.utf8.count <= 128 else { return nil }
        let rows = try await database.query(
            "SELECT session_id FROM platform.refresh_tokens WHERE token_hash = \(SHA256.hash(token))", tenant: nil)
        return try rows.first?.decode((UUID).self)
    }

    /// Revokes one session; true when it was live.
    @discardableResult
    func revoke(_ session: UUID, reason: String) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE platform.sessions SET revoked_at = now(), revoked_why = \(reason)
            WHERE id = \(session) AND revoked_at IS NULL
            """,
            tenant: nil)
        return rows.rowsAffected == 1
    }

    /// Revokes every live session of an account or client; returns their ids.
    @discardableResult
    func revokeAll(of principalID: UUID, reason: String) async throws -> [UUID] {
        let rows = try await database.query(
            """
            UPDATE platform.sessions SET revoked_at = now(), revoked_why = \(reason)
            WHERE account_id = \(principalID) AND revoked_at IS NULL RETURNING id
            """,
            tenant: nil)
        return try rows.map { try $0.decode((UUID).self) }
    }

    /// Revokes every live session in a tenant (suspension, offboarding); returns their ids.
    @discardableResult
    func revokeAll(inTenant tenant: UUID, reason: String) async throws -> [UUID] {
        let rows = try await database.query(
            """
            UPDATE platform.sessions SET revoked_at = now(), revoked_why = \(reason)
            WHERE tenant_id = \(tenant) AND revoked_at IS NULL RETURNING id
            """,
            tenant: nil)
        return try rows.map { try $0.decode((UUID).self) }
    }

    /// Sessions revoked in the last `window` (their access tokens may still be presented).
    func revoked(within window: Duration) async throws -> [UUID] {
        let seconds = Double(window.components.seconds)
        let rows = try await database.query(
            "SELECT id FROM platform.sessions WHERE revoked_at > now() - make_interval(secs => \(seconds))", tenant: nil)
        return try rows.map { try $0.decode((UUID).self) }
    }
}
