import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPlatform

/// The claims of an access token besides the registered ones: what the gateway needs to rebuild
/// the principal without a database read.
struct AccessTokenClaims: Codable, Sendable {
    var kind: Principal.Kind
    var tenant: UUID?
    var roles: [String]
    var scope: String?
}

/// Issues and verifies the access tokens clients present as `Authorization: Bearer …`: short-lived
/// JWTs signed with the gateway's access key (Ed25519), whose public keys `/.well-known/jwks.json`
/// publishes.
final class AccessTokens: Sendable {
    /// The `aud` of access tokens.
    static let audience = "guichet-api"
    /// The `typ` header of access tokens (RFC 9068).
    static let tokenType = "at+jwt"

    private let signer: JWTSigner
    private let issuer: String
    private let lifetime: Duration
    private let clock: any WallClock
    private let verifier: CachingTokenVerifier<AccessTokenClaims>

    init(
        key: Ed25519.PrivateKey, keyID: String, issuer: String, lifetime: Duration, clock: any WallClock = SystemWallClock(),
        loadKeys: @escaping @Sendable () async throws -> [String: Ed25519.PublicKey]
    ) {
        signer = JWTSigner(privateKey: key, keyID: keyID, type: Self.tokenType)
        self.issuer = issuer
        self.lifetime = lifetime
        self.clock = clock
        verifier = CachingTokenVerifier(
            configuration: JWTVerifier.Configuration(
                issuer: issuer, audience: Self.audience, leeway: .seconds(5), requiresExpiration: true,
                maximumTokenLength: 4096, type: Self.tokenType, clock: clock),
            loadKeys: loadKeys)
    }

    /// Loads the published keys now.
    func reloadKeys() async throws {
        try await verifier.reloadKeys()
    }

    /// A signed token for `principal`, and its lifetime in seconds.
    func issue(for principal: Principal) throws -> (token: String, expiresIn: Int) {
        let now = clock.now
        let seconds = Int(lifetime.components.seconds)
        let claims = AccessTokenClaims(
            kind: principal.kind, tenant: principal.tenantID, roles: principal.roles.sorted(),
            scope: principal.scopes.isEmpty ? nil : principal.scopes.sorted().joined(separator: " "))
        let token = try signer.sign(
            claims,
            registered: JWTRegisteredClaims(
                issuer: issuer, subject: principal.subject, audience: [Self.audience],
                expiresAt: now.addingTimeInterval(Double(seconds)), issuedAt: now,
                id: UUID.timeOrdered().lowercaseString))
        return (token, seconds)
    }

    /// The principal of a valid token; a 401 problem otherwise.
    func principal(from token: String) async throws(Problem) -> Principal {
        do {
            let verified = try await verifier.verify(token)
            let claims = verified.claims
            return Principal(
                subject: verified.subject, kind: claims.kind, tenantID: claims.tenant, roles: Set(claims.roles),
                scopes: Set((claims.scope ?? "").split(separator: " ").map(String.init)))
        } catch {
            throw Problem(.unauthorized)
        }
    }
}
