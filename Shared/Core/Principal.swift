import FoundationEssentials

/// Who is calling: the subject of the gateway's context token, with what a service needs to
/// authorise the call (kind, tenant, roles, units, scopes).
public struct Principal: Sendable, Hashable, Codable {
    /// The kinds of callers Guichet knows.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nobody signed in: a citizen without an account, a health probe.
        case anonymous
        /// A citizen with an account.
        case citizen
        /// An agent of a tenant.
        case agent
        /// A tenant's administrator.
        case tenantAdministrator = "tenant_admin"
        /// The platform's administrator: onboards tenants, sees no tenant's data.
        case platformAdministrator = "platform_admin"
        /// Another system, through OAuth2 client credentials.
        case service
    }

    /// The stable subject identifier (`account:<uuid>`, `client:<id>`, or empty when anonymous).
    public var subject: String
    /// What kind of caller this is.
    public var kind: Kind
    /// The tenant the principal belongs to, when it belongs to one.
    public var tenantID: UUID?
    /// Roles, such as `complaints.handler` or `mail.registrar`.
    public var roles: Set<String>
    /// The units (of the tenant's organisation) the principal acts within.
    public var units: Set<UUID>
    /// OAuth2 scopes granted to the token.
    public var scopes: Set<String>

    /// A principal from its parts.
    public init(
        subject: String, kind: Kind, tenantID: UUID? = nil, roles: Set<String> = [], units: Set<UUID> = [],
        scopes: Set<String> = []
    ) {
        self.subject = subject
        self.kind = kind
        self.tenantID = tenantID
        self.roles = roles
        self.units = units
        self.scopes = scopes
    }

    /// Nobody signed in.
    public static let anonymous = Principal(subject: "", kind: .anonymous)

    /// Whether the principal has `role`.
    public func has(role: String) -> Bool { roles.contains(role) }
}
