import FoundationEssentials
import GuichetCore

/// An account that signs in with a password: a platform administrator or a citizen (in
/// `platform.accounts`), or an agent or tenant administrator (in the tenant's
/// `platform.tenant_accounts`).
struct Account: Sendable {
    /// Where an account is in its life.
    enum Status: String, Sendable {
        /// A citizen who has not yet entered the code sent to them.
        case pending
        /// May sign in.
        case active
        /// Closed by an administrator.
        case disabled
    }

    /// The account's second factor (RFC 6238), for tenant accounts.
    struct SecondFactor: Sendable {
        /// The confirmed secret, when enrolled.
        var secret: [UInt8]?
        /// The secret being enrolled, confirmed by the first code it produces.
        var pending: [UInt8]?
        /// The last time step accepted: a code is good once.
        var lastStep: Int64?
    }

    let id: UUID
    let username: String
    let kind: Principal.Kind
    /// The tenant of an agent or tenant administrator; nil for platform accounts.
    let tenant: TenantReference?
    let passwordHash: String
    let status: Status
    let failedAttempts: Int
    let lockedUntil: Date?
    var roles: Set<String> = []
    var units: Set<UUID> = []
    var secondFactor = SecondFactor()
    /// Whether the tenant asks its agents for a second factor.
    var tenantRequiresSecondFactor = false

    /// The subject of the account's tokens.
    static func subject(of id: UUID) -> String { "account:\(id.lowercaseString)" }

    /// The principal an access token for this account names.
    var principal: Principal {
        Principal(
            subject: Self.subject(of: id), kind: kind, tenantID: tenant?.id, roles: kind == .agent ? roles : [],
            units: kind == .agent ? units : [])
    }

    /// Whether signing in needs a TOTP code as well: an agent of a tenant that requires one, or
    /// any tenant account that enrolled.
    var needsSecondFactor: Bool {
        guard tenant != nil else { return false }
        return secondFactor.secret != nil || (kind == .agent && tenantRequiresSecondFactor)
    }
}
