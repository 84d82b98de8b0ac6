import Dispatch
import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// Checks a username and password against `platform.accounts` without revealing which accounts
/// exist: an unknown username, a wrong password and a locked account all fail the same way and
/// cost the same scrypt work. Failures count towards a lockout; a success clears them.
///
/// scrypt is memory-hard and slow on purpose (tens of milliseconds), so it runs on dedicated
/// queues, never on an event loop.
struct PasswordAuthenticator: Sendable {
    let store: AccountStore
    let hasher: PasswordHasher
    let lockout: LockoutPolicy
    let clock: any WallClock
    /// A hash of a random password with the same parameters: what an unknown username is checked
    /// against, so it takes as long as a known one.
    private let decoyHash: String

    private static let queues = (0..<2).map { DispatchQueue(label: "guichet.passwords.\($0)") }

    init(store: AccountStore, hasher: PasswordHasher, lockout: LockoutPolicy = LockoutPolicy(), clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.hasher = hasher
        self.lockout = lockout
        self.clock = clock
        decoyHash = (try? hasher.hash(Base64URL.encode(SecureRandom.bytes(count: 18))).encoded) ?? ""
    }

    /// The account, when the credentials are right and the account is not locked.
    func authenticate(username: String, password: String) async throws -> Account? {
        let normalized = username.lowercased()
        let account = try await store.account(username: normalized)
        let matches = await verify(password, against: account?.passwordHash ?? decoyHash)
        guard let account else { return nil }
        let now = clock.now
        if let lockedUntil = account.lockedUntil, lockedUntil > now {
            return nil
        }
        guard matches else {
            try await store.recordFailure(
                of: account.id, lockedUntil: lockout.lockedUntil(afterFailures: account.failedAttempts + 1, now: now))
            return nil
        }
        let rehashed = hasher.needsRehash(account.passwordHash) ? try? await hash(password) : nil
        try await store.recordSuccess(of: account.id, rehashed: rehashed)
        return account
    }

    /// The encoded hash of `password`, computed off the loops.
    func hash(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await withCheckedThrowingContinuation { continuation in
            Self.queues.randomElement()!.async {
                do {
                    continuation.resume(returning: try hasher.hash(password).encoded)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func verify(_ password: String, against encoded: String) async -> Bool {
        let hasher = self.hasher
        return await withCheckedContinuation { continuation in
            Self.queues.randomElement()!.async { continuation.resume(returning: hasher.verify(password, against: encoded)) }
        }
    }
}
