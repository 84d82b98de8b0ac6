import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Synchronization

/// Signs the gateway's short-lived context tokens (Ed25519), reusing a token for the same caller
/// and tenant while it has more than half its life left, so that signing stays off the hot path.
/// The key can be replaced while serving (rotation); tokens already handed out stay valid while
/// the old public key is published.
public final class ContextTokenSigner: Sendable {
    private let signer: Mutex<JWTSigner>
    private let clock: any WallClock
    private let cache = Mutex<[CacheKey: CachedToken]>([:])
    private static let cacheLimit = 10_000

    private struct CacheKey: Hashable {
        let subject: String
        let claims: ContextClaims
    }

    private struct CachedToken {
        let token: String
        let renewAfter: Date
    }

    /// A signer with `privateKey`, published to services under `keyID`.
    public init(privateKey: Ed25519.PrivateKey, keyID: String, clock: any WallClock = SystemWallClock()) {
        signer = Mutex(JWTSigner(privateKey: privateKey, keyID: keyID, type: ContextClaims.tokenType))
        self.clock = clock
    }

    /// The key id in the tokens' headers.
    public var keyID: String { signer.withLock { $0.keyID } }
    /// The public key services verify with.
    public var publicKey: Ed25519.PublicKey { signer.withLock { $0.publicKey } }

    /// Signs with `privateKey` from now on (publish its public key first), dropping the tokens
    /// remembered under the old one.
    public func replaceKey(_ privateKey: Ed25519.PrivateKey, keyID: String) {
        signer.withLock { $0 = JWTSigner(privateKey: privateKey, keyID: keyID, type: ContextClaims.tokenType) }
        cache.withLock { $0.removeAll() }
    }

    /// A context token for `principal` acting in `tenant`.
    public func token(for principal: Principal, tenant: TenantReference?) throws -> String {
        let claims = ContextClaims(principal: principal, tenant: tenant)
        let key = CacheKey(subject: principal.subject, claims: claims)
        let now = clock.now
        if let cached = cache.withLock({ $0[key] }), cached.renewAfter > now {
            return cached.token
        }
        let lifetime = Double(ContextClaims.lifetime.components.seconds)
        let signer = self.signer.withLock { $0 }
        let token = try signer.sign(
            claims,
            registered: JWTRegisteredClaims(
                issuer: ContextClaims.issuer, subject: principal.subject, audience: [ContextClaims.audience],
                expiresAt: now.addingTimeInterval(lifetime), issuedAt: now))
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = CachedToken(token: token, renewAfter: now.addingTimeInterval(lifetime / 2))
        }
        return token
    }
}
