import FoundationEssentials
import GuichetCore

/// One entry of `platform.audit_events`: who did what, to what, when, from where, and how it
/// ended. A tenant's events are its administrators' to read; the platform's own (the nil tenant)
/// its administrators'. Events that concern both (a tenant suspended) are written to both.
struct AuditEvent: Sendable {
    /// The tenant the event is filed under; nil for the platform's own events.
    var tenant: UUID?
    /// What happened, dotted (`auth.login`, `admin.roles_changed`, `tenant.suspended`).
    var action: String
    /// Whether it succeeded.
    var succeeded: Bool
    /// Who acted: a principal's subject, or what they claimed to be (`username:…`) when refused.
    var actor: String
    /// The actor's kind (`anonymous` when refused before knowing who they are).
    var actorKind: String
    /// What was acted upon (`account:…`, `unit:…`, `tenant:…`, `client:…`).
    var target: String?
    /// The client's address.
    var clientAddress: String?
    /// The request id, to find the request's log lines.
    var requestID: String?
    /// Anything else worth keeping (roles before and after, reasons).
    var details: [String: JSONValue] = [:]

    /// The tenant id the platform's own events are filed under.
    static let platformTenant = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The actions recorded.
    enum Action {
        static let login = "auth.login"
        static let lockout = "auth.lockout"
        static let tokenIssued = "auth.token_issued"
        static let tokenRefreshed = "auth.token_refreshed"
        static let refreshReplayed = "auth.refresh_token_replayed"
        static let tokenRevoked = "auth.token_revoked"
        static let secondFactorEnrolled = "auth.totp_enrolment_started"
        static let citizenSignedUp = "auth.citizen_signed_up"
        static let citizenVerified = "auth.citizen_verified"
        static let accountCreated = "admin.account_created"
        static let accountChanged = "admin.account_changed"
        static let rolesChanged = "admin.roles_changed"
        static let unitsChanged = "admin.memberships_changed"
        static let secondFactorReset = "admin.totp_reset"
        static let unitCreated = "admin.unit_created"
        static let unitChanged = "admin.unit_changed"
        static let unitDeleted = "admin.unit_deleted"
        static let clientCreated = "admin.client_created"
        static let clientSecretRotated = "admin.client_secret_rotated"
        static let clientDisabled = "admin.client_disabled"
        static let settingsChanged = "admin.settings_changed"
        static let tenantOnboarded = "tenant.onboarded"
        static let tenantSuspended = "tenant.suspended"
        static let tenantResumed = "tenant.resumed"
        static let tenantOffboarded = "tenant.offboarded"
    }
}
