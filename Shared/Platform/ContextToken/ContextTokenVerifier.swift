import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Synchronization

/// Verifies the gateway's context tokens for a service: the only credential a service trusts.
///
/// Keys come from `platform.signing_keys` through `loadKeys`, reloaded when a token names an
/// unknown key so a rotated key is picked up without a restart. Reloads are coalesced and spaced
/// (at most four a second, whatever tokens arrive): a request naming a new key waits for the next
/// reload instead of failing.
/// Verified tokens are remembered until they expire, so a token is checked once, not per request.
public final class ContextTokenVerifier: Sendable {
    /// What a verified token says.
    public struct Context: Sendable {
        public let principal: Principal
        public let tenant: TenantReference?
        let expiresAt: Date
    }

    private let loadKeys: @Sendable () async throws -> [String: Ed25519.PublicKey]
    private let clock: any WallClock
    private let state: Mutex<State>
    private static let cacheLimit = 10_000
    private static let reloadInterval: Duration = .milliseconds(250)

    private struct State {
        var verifier: JWTVerifier
        var lastReload: ContinuousClock.Instant?
        var pendingReload: Task<Void, Never>?
        var verified: [String: Context] = [:]
    }

    /// A verifier whose keys come from `loadKeys`.
    public init(
        clock: any WallClock = SystemWallClock(),
        loadKeys: @escaping @Sendable () async throws -> [String: Ed25519.PublicKey]
    ) {
        self.loadKeys = loadKeys
        self.clock = clock
        state = Mutex(State(verifier: Self.makeVerifier(keys: [:], clock: clock)))
    }

    private static func makeVerifier(keys: [String: Ed25519.PublicKey], clock: any WallClock) -> JWTVerifier {
        JWTVerifier(
            keys: keys,
            configuration: JWTVerifier.Configuration(
                issuer: ContextClaims.issuer, audience: ContextClaims.audience, leeway: .seconds(5),
                requiresExpiration: true, maximumTokenLength: 4096, type: "guichet-context+jwt", clock: clock))
    }

    /// Loads the keys now (at start, so the first request does not wait).
    public func reloadKeys() async throws {
        let keys = try await loadKeys()
        state.withLock { state in
            state.verifier = Self.makeVerifier(keys: keys, clock: clock)
            state.lastReload = .now
        }
    }

    /// The principal and tenant of a valid token; throws a 401 problem otherwise.
    public func verify(_ token: String) async throws(Problem) -> Context {
        let now = clock.now
        let (cached, verifier) = state.withLock { state in (state.verified[token], state.verifier) }
        if let cached, cached.expiresAt > now { return cached }
        do {
            return try remember(verifier.verify(token, as: ContextClaims.self), token: token)
        } catch .unknownKey {
            await reloadSoon()
            let verifier = state.withLock { $0.verifier }
            do {
                return try remember(verifier.verify(token, as: ContextClaims.self), token: token)
            } catch {
                throw Problem(.unauthorized)
            }
        } catch {
            throw Problem(.unauthorized)
        }
    }

    private func remember(_ verified: JWTVerifier.Verified<ContextClaims>, token: String) -> Context {
        let context = Context(
            principal: verified.claims.principal(subject: verified.registered.subject ?? ""),
            tenant: verified.claims.tenant,
            expiresAt: verified.registered.expiresAt ?? clock.now)
        state.withLock { state in
            if state.verified.count >= Self.cacheLimit { state.verified.removeAll(keepingCapacity: true) }
            state.verified[token] = context
        }
        return context
    }

    /// Waits for a reload of the keys: the one under way, or a new one once the reload interval
    /// since the last has passed. Concurrent callers share one reload.
    private func reloadSoon() async {
        let task = state.withLock { state -> Task<Void, Never> in
            if let pending = state.pendingReload { return pending }
            let wait = state.lastReload.map { max(.zero, Self.reloadInterval - (.now - $0)) } ?? .zero
            let task = Task {
                if wait > .zero { try? await Task.sleep(for: wait) }
                try? await self.reloadKeys()
                self.state.withLock { $0.pendingReload = nil }
            }
            state.pendingReload = task
            return task
        }
        await task.value
    }
}
