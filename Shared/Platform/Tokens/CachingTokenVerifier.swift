import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Synchronization

/// Verifies Ed25519 JWTs of one kind (context tokens, access tokens) against keys loaded from
/// wherever they are published, remembering each verified token until it expires so that a token
/// is checked once, not on every request.
///
/// When a token names an unknown key, the keys are reloaded — reloads are coalesced and spaced
/// (at most four a second, whatever tokens arrive) and the request waits for the next one instead
/// of failing, so a newly published key works at once.
public final class CachingTokenVerifier<Claims: Decodable & Sendable>: Sendable {
    /// A verified token's contents.
    public struct Verified: Sendable {
        /// The `sub` claim (empty when absent).
        public let subject: String
        /// The token's own claims.
        public let claims: Claims
        /// When the token stops being valid.
        public let expiresAt: Date
    }

    private let configuration: JWTVerifier.Configuration
    private let loadKeys: @Sendable () async throws -> [String: Ed25519.PublicKey]
    private let state: Mutex<State>
    private static var cacheLimit: Int { 10_000 }
    private static var reloadInterval: Duration { .milliseconds(250) }

    private struct State {
        var verifier: JWTVerifier
        var lastReload: ContinuousClock.Instant?
        var pendingReload: Task<Void, Never>?
        var verified: [String: Verified] = [:]
    }

    /// A verifier applying `configuration`'s checks with keys from `loadKeys`.
    public init(
        configuration: JWTVerifier.Configuration, loadKeys: @escaping @Sendable () async throws -> [String: Ed25519.PublicKey]
    ) {
        self.configuration = configuration
        self.loadKeys = loadKeys
        state = Mutex(State(verifier: JWTVerifier(keys: [:], configuration: configuration)))
    }

    /// Loads the keys now (at start, so the first request does not wait).
    public func reloadKeys() async throws {
        let keys = try await loadKeys()
        let verifier = JWTVerifier(keys: keys, configuration: configuration)
        state.withLock { state in
            state.verifier = verifier
            state.lastReload = .now
        }
    }

    /// The contents of a valid token.
    public func verify(_ token: String) async throws(JWTError) -> Verified {
        let now = configuration.clock.now
        let (cached, verifier) = state.withLock { state in (state.verified[token], state.verifier) }
        if let cached, cached.expiresAt > now { return cached }
        do {
            return remember(try verifier.verify(token, as: Claims.self), token: token)
        } catch .unknownKey {
            await reloadSoon()
            let verifier = state.withLock { $0.verifier }
            return remember(try verifier.verify(token, as: Claims.self), token: token)
        }
    }

    private func remember(_ verified: JWTVerifier.Verified<Claims>, token: String) -> Verified {
        let result = Verified(
            subject: verified.registered.subject ?? "", claims: verified.claims,
            expiresAt: verified.registered.expiresAt ?? configuration.clock.now)
        state.withLock { state in
            if state.verified.count >= Self.cacheLimit { state.verified.removeAll(keepingCapacity: true) }
            state.verified[token] = result
        }
        return result
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
