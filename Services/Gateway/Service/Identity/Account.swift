import FoundationEssentials
import GuichetCore

/// An account that signs in at the gateway with a password.
struct Account: Sendable {
    let id: UUID
    let username: String
    let kind: Principal.Kind
    let passwordHash: String
    let failedAttempts: Int
    let lockedUntil: Date?

    /// The principal an access token for this account names.
    var principal: Principal {
        Principal(subject: "account:\(id.lowercaseString)", kind: kind)
    }
}
