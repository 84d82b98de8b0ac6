import FoundationEssentials
import GuichetCore

/// What the gateway tells a service about a request, inside its signed context token: the kind of
/// caller, the tenant, and the caller's roles, units and scopes. The subject is the token's `sub`.
public struct ContextClaims: Codable, Sendable, Hashable {
    /// The kind of caller.
    public var kind: Principal.Kind
    /// The tenant the request acts in, if any.
    public var tenant: TenantReference?
    /// The caller's tenant, when it belongs to one.
    public var principalTenant: UUID?
    /// Roles, units and scopes.
    public var roles: [String]
    public var units: [UUID]
    public var scopes: [String]

    /// The issuer of context tokens.
    public static let issuer = "guichet-gateway"
    /// The audience of context tokens: Guichet's services and nothing else.
    public static let audience = "guichet-services"
    /// The `typ` header of context tokens, so no other JWT can pass for one.
    public static let tokenType = "guichet-context+jwt"
    /// How long a context token is valid.
    public static let lifetime: Duration = .seconds(120)

    /// Claims for `principal` acting in `tenant`.
    public init(principal: Principal, tenant: TenantReference?) {
        kind = principal.kind
        self.tenant = tenant
        principalTenant = principal.tenantID
        roles = principal.roles.sorted()
        units = principal.units.sorted { $0.uuidString < $1.uuidString }
        scopes = principal.scopes.sorted()
    }

    /// The principal these claims describe, with `subject` from the token.
    public func principal(subject: String) -> Principal {
        Principal(
            subject: subject, kind: kind, tenantID: principalTenant, roles: Set(roles), units: Set(units),
            scopes: Set(scopes))
    }

    enum CodingKeys: String, CodingKey {
        case kind, tenant, roles, units, scopes
        case principalTenant = "ptn"
    }
}
