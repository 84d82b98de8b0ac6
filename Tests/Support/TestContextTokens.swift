import Foundation
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetPostgres

/// Context tokens for calling a service directly in tests, as the gateway would: one key per test
/// process, published in `platform.signing_keys` (purpose `context`) the first time it is used.
public enum TestContextTokens {
    private static let key = Ed25519.PrivateKey()
    private static let keyID = "test-context-\(UUID().uuidString.prefix(8).lowercased())"
    private static let signer = ContextTokenSigner(privateKey: key, keyID: keyID)

    /// Publishes the test key (idempotent); call once before the service verifies a token.
    public static func publish(in database: PostgresPool) async throws {
        try await SigningKeyStore(database: database).publish(key.publicKey, keyID: keyID, for: .context, overlap: .seconds(3600))
    }

    /// A token for `principal` acting in `tenant`.
    public static func token(for principal: Principal, in tenant: TenantReference?) throws -> String {
        try signer.token(for: principal, tenant: tenant)
    }

    /// An agent of `tenant` with `roles` (and `units`).
    public static func agent(of tenant: UUID, roles: Set<String>, units: Set<UUID> = [], subject: String? = nil) -> Principal {
        Principal(
            subject: subject ?? "account:\(UUID.timeOrdered().lowercaseString)", kind: .agent, tenantID: tenant, roles: roles,
            units: units)
    }

    /// An administrator of `tenant`.
    public static func tenantAdministrator(of tenant: UUID) -> Principal {
        Principal(subject: "account:\(UUID.timeOrdered().lowercaseString)", kind: .tenantAdministrator, tenantID: tenant)
    }
}
