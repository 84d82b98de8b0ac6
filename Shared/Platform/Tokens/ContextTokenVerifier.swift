import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// Verifies the gateway's context tokens for a service: the only credential a service trusts.
///
/// Keys come from `platform.signing_keys` (purpose `context`) through `loadKeys`; a rotated key is
/// picked up without a restart (see `CachingTokenVerifier`).
public final class ContextTokenVerifier: Sendable {
    /// What a verified token says.
    public struct Context: Sendable {
        /// The caller.
        public let principal: Principal
        /// The tenant the request acts in.
        public let tenant: TenantReference?
    }

    private let verifier: CachingTokenVerifier<ContextClaims>

    /// A verifier whose keys come from `loadKeys`.
    public init(
        clock: any WallClock = SystemWallClock(),
        loadKeys: @escaping @Sendable () async throws -> [String: Ed25519.PublicKey]
    ) {
        verifier = CachingTokenVerifier(
            configuration: JWTVerifier.Configuration(
                issuer: ContextClaims.issuer, audience: ContextClaims.audience, leeway: .seconds(5),
                requiresExpiration: true, maximumTokenLength: 4096, type: ContextClaims.tokenType, clock: clock),
            loadKeys: loadKeys)
    }

    /// Loads the keys now (at start, so the first request does not wait).
    public func reloadKeys() async throws {
        try await verifier.reloadKeys()
    }

    /// The principal and tenant of a valid token; a 401 problem otherwise.
    public func verify(_ token: String) async throws(Problem) -> Context {
        do {
            let verified = try await verifier.verify(token)
            return Context(principal: verified.claims.principal(subject: verified.subject), tenant: verified.claims.tenant)
        } catch {
            throw Problem(.unauthorized)
        }
    }
}
