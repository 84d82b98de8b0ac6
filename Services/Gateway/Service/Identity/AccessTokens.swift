import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import Synchronization

/// The claims of an access token besides the registered ones: what the gateway needs to rebuild
/// the principal without a database read.
struct AccessTokenClaims: Codable, Sendable {
    var kind: Principal.Kind
    /// The tenant the principal belongs to (agents, tenant administrators, clients).
    var tenant: UUID?
    var roles: [String]
    var units: [UUID]?
    var scope: String?
    /// The session the token was issued in (revoking the session stops the token).
    var sid: String?
}

/// What a verified access token says.
struct VerifiedAccess: Sendable {
    let principal: Principal
    /// The session, when the token names one.
    let session: String?
}

/// Issues and verifies the access tokens clients present as `Authorization: Bearer …`: short-lived
/// JWTs signed with the gateway's access key (Ed25519), whose public keys `/.well-known/jwks.json`
/// publishes. The signing key can be replaced while serving (key rotation); tokens of the old key
/// verify as long as its public key is published.
final class AccessTokens: Sendable {
    /// The `aud` of access tokens.
    static let audience = "guichet-api"
    /// The `typ` header of access tokens (RFC 9068).
    static let tokenType = "at+jwt"

    private let signer: Mutex<JWTSigner>
    private let issuer: String
    let lifetime: Duration
    private let clock: any WallClock
    private let verifier: CachingTokenVerifier<AccessTokenClaims>

    init(
        key: Ed25519.PrivateKey, keyID: String, issuer: String, lifetime: Duration, clock: any WallClock = SystemWallClock(),
        loadKeys: @escaping @Sendable () async throws -> [String: Ed25519.PublicKey]
    ) {
        signer = Mutex(JWTSigner(privateKey: key, keyID: keyID, type: Self.tokenType))
        self.issuer = issuer
        self.lifetime = lifetime
        self.clock = clock
        verifier = CachingTokenVerifier(
            configuration: JWTVerifier.Configuration(
                issuer: issuer, audience: Self.audience, leeway: .seconds(5), requiresExpiration: true,
                maximumTokenLength: 4096, type: Self.tokenType, clock: clock),
            loadKeys: loadKeys)
    }

    /// The key id new tokens are signed under.
    var keyID: String { signer.withLock { $0.keyID } }

    /// Signs new tokens with `key` from now on (the old key's tokens verify while it is published).
    func replaceKey(_ key: Ed25519.PrivateKey, keyID: String) {
        signer.withLock { $0 = JWTSigner(privateKey: key, keyID: keyID, type: Self.tokenType) }
    }

    /// Loads the published keys now.
    func reloadKeys() async throws {
        try await verifier.reloadKeys()
    }

    /// A signed token for `principal` in `session`, and its lifetime in seconds.
    func issue(for principal: Principal, session: UUID?) throws -> (token: String, expiresIn: Int) {
        let now = clock.now
        let seconds = Int(lifetime.components.seconds)
        let claims = AccessTokenClaims(
            kind: principal.kind, tenant: principal.tenantID, roles: principal.roles.sorted(),
            units: principal.units.isEmpty ? nil : principal.units.sorted { $0.uuidString < $1.uuidString },
            scope: principal.scopes.isEmpty ? nil : principal.scopes.sorted().joined(separator: " "),
            sid: session?.lowercaseString)
        let signer = self.signer.withLock { $0 }
        let token = try signer.sign(
            claims,
            registered: JWTRegisteredClaims(
                issuer: issuer, subject: principal.subject, audience: [Self.audience],
                expiresAt: now.addingTimeInterval(Double(seconds)), issuedAt: now,
                id: UUID.timeOrdered().lowercaseString))
        return (token, seconds)
    }

    /// The principal of a valid token; a 401 problem otherwise.
    func verify(_ token: String) async throws(Problem) -> VerifiedAccess {
        do {
            let verified = try await verifier.verify(token)
            let claims = verified.claims
            let principal = Principal(
                subject: verified.subject, kind: claims.kind, tenantID: claims.tenant, roles: Set(claims.roles),
                units: Set(claims.units ?? []), scopes: Set((claims.scope ?? "").split(separator: " ").map(String.init)))
            return VerifiedAccess(principal: principal, session: claims.sid)
        } catch {
            throw Problem(.unauthorized)
        }
    }
}
