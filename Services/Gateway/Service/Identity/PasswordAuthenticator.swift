import Dispatch
import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// Checks a username and password without revealing which accounts exist: an unknown username, a
/// wrong password, a locked, pending or disabled account all cost the same scrypt work and end in
/// the same refusal for the client (the outcome says which, for the audit trail). Failures count
/// towards a lockout with back-off, for every kind of account; a success clears them.
///
/// scrypt is memory-hard and slow on purpose (tens of milliseconds), so it runs on dedicated
/// queues, never on an event loop.
struct PasswordAuthenticator: Sendable {
    let platformAccounts: AccountStore
    let tenantAccounts: TenantAccountStore
    let hasher: PasswordHasher
    let lockout: LockoutPolicy
    let clock: any WallClock
    /// A hash of a random password with the same parameters: what an unknown username is checked
    /// against, so it takes as long as a known one.
    private let decoyHash: String

    private static let queues = (0..<2).map { DispatchQueue(label: "guichet.passwords.\($0)") }

    /// What a sign-in attempt came to.
    enum Outcome: Sendable {
        /// The credentials are right and the account may sign in, once `recordSuccess` says it
        /// did (after the second factor, if any); `rehashed` upgrades an old hash then.
        case accepted(Account, rehashed: String?)
        /// No account has that username (in that tenant).
        case unknownAccount
        /// The password is wrong; `lockedNow` when this failure locked the account.
        case wrongPassword(Account, lockedNow: Bool)
        /// The account is locked (whatever the password).
        case locked(Account)
        /// The account is pending verification or disabled (whatever the password).
        case inactive(Account)
    }

    init(
        platformAccounts: AccountStore, tenantAccounts: TenantAccountStore, hasher: PasswordHasher,
        lockout: LockoutPolicy = LockoutPolicy(), clock: any WallClock = SystemWallClock()
    ) {
        self.platformAccounts = platformAccounts
        self.tenantAccounts = tenantAccounts
        self.hasher = hasher
        self.lockout = lockout
        self.clock = clock
        decoyHash = (try? hasher.hash(Base64URL.encode(SecureRandom.bytes(count: 18))).encoded) ?? ""
    }

    /// Checks `password` for the account `username` (already in canonical form, or nil when the
    /// text could not name an account) of `tenant`, or of the platform when `tenant` is nil.
    func authenticate(username: String?, password: String, tenant: TenantReference?) async throws -> Outcome {
        var account: Account?
        if let username {
            if let tenant {
                account = try await tenantAccounts.account(username: username, tenant: tenant)
            } else {
                account = try await platformAccounts.account(username: username)
            }
        }
        let matches = await verify(password, against: account?.passwordHash ?? decoyHash)
        let now = clock.now
        guard let account else {
            // The same write a wrong password costs, matching no row: answers take as long.
            if let tenant {
                try await tenantAccounts.recordFailure(of: UUID(), tenant: tenant.id, lockedUntil: nil)
            } else {
                try await platformAccounts.recordFailure(of: UUID(), lockedUntil: nil)
            }
            return .unknownAccount
        }
        if let lockedUntil = account.lockedUntil, lockedUntil > now {
            return .locked(account)
        }
        guard matches else {
            let lockedUntil = lockout.lockedUntil(afterFailures: account.failedAttempts + 1, now: now)
            if let tenant = account.tenant {
                try await tenantAccounts.recordFailure(of: account.id, tenant: tenant.id, lockedUntil: lockedUntil)
            } else {
                try await platformAccounts.recordFailure(of: account.id, lockedUntil: lockedUntil)
            }
            return .wrongPassword(account, lockedNow: lockedUntil != nil)
        }
        guard account.status == .active else { return .inactive(account) }
        let rehashed = hasher.needsRehash(account.passwordHash) ? try? await hash(password) : nil
        return .accepted(account, rehashed: rehashed)
    }

    /// Clears the account's failures after a complete sign-in, upgrading its hash when asked.
    func recordSuccess(of account: Account, rehashed: String?) async throws {
        if let tenant = account.tenant {
            try await tenantAccounts.recordSuccess(of: account.id, tenant: tenant.id, rehashed: rehashed)
        } else {
            try await platformAccounts.recordSuccess(of: account.id, rehashed: rehashed)
        }
    }

    /// Counts a failed second factor like a wrong password.
    func recordFailure(of account: Account) async throws -> Bool {
        let lockedUntil = lockout.lockedUntil(afterFailures: account.failedAttempts + 1, now: clock.now)
        if let tenant = account.tenant {
            try await tenantAccounts.recordFailure(of: account.id, tenant: tenant.id, lockedUntil: lockedUntil)
        } else {
            try await platformAccounts.recordFailure(of: account.id, lockedUntil: lockedUntil)
        }
        return lockedUntil != nil
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

    /// Whether `password` matches `encoded`, computed off the loops.
    func verify(_ password: String, against encoded: String) async -> Bool {
        let hasher = self.hasher
        return await withCheckedContinuation { continuation in
            Self.queues.randomElement()!.async { continuation.resume(returning: hasher.verify(password, against: encoded)) }
        }
    }

    /// Spends the work of one verification without any account (keeps refusals as slow as checks).
    func spendDecoyWork(_ password: String) async {
        _ = await verify(password, against: decoyHash)
    }
}
