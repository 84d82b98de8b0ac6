import FoundationEssentials
import GuichetCrypto
import GuichetPostgres

/// Reads and records the public halves of the gateway's signing keys in `platform.signing_keys`.
public struct SigningKeyStore: Sendable {
    /// What a key signs.
    public enum Purpose: String, Sendable {
        /// Context tokens from the gateway to the services.
        case context
        /// Access tokens handed to clients (published in the JWKS).
        case access
    }

    private let database: PostgresPool

    /// A store over `database`.
    public init(database: PostgresPool) {
        self.database = database
    }

    /// The keys of `purpose` that still verify, by key id.
    public func verificationKeys(for purpose: Purpose) async throws -> [String: Ed25519.PublicKey] {
        let rows = try await database.query(
            """
            SELECT kid, public_key FROM platform.signing_keys
            WHERE purpose = \(purpose.rawValue) AND (verify_until IS NULL OR verify_until > now())
            """,
            tenant: nil)
        var keys: [String: Ed25519.PublicKey] = [:]
        for row in rows {
            let (kid, raw) = try row.decode((String, [UInt8]).self)
            keys[kid] = try Ed25519.PublicKey(rawRepresentation: raw)
        }
        return keys
    }

    /// Records `key` as the current key of `purpose` (idempotent); the previous current keys keep
    /// verifying for `overlap`, so tokens they signed stay valid until they expire.
    public func publish(_ key: Ed25519.PublicKey, keyID: String, for purpose: Purpose, overlap: Duration) async throws {
        let seconds = Double(overlap.components.seconds)
        _ = try await database.transaction(
            [
                """
                UPDATE platform.signing_keys SET verify_until = now() + make_interval(secs => \(seconds))
                WHERE purpose = \(purpose.rawValue) AND verify_until IS NULL AND kid <> \(keyID)
                """,
                """
                INSERT INTO platform.signing_keys (kid, purpose, public_key) VALUES (\(keyID), \(purpose.rawValue), \(key.rawRepresentation))
                ON CONFLICT (kid) DO UPDATE SET verify_until = NULL
                WHERE platform.signing_keys.public_key = excluded.public_key
                """,
            ],
            tenant: nil)
    }
}
