import GuichetCore

/// Who may call a route: every route declares one (in its `RouteOptions`), the middleware that
/// authenticates the caller enforces it, and the authorization tests enumerate them.
///
/// ```swift
/// routes.post("/v1/:tenant/complaints", options: RouteOptions(access: .anyone, bodyLimit: 64 << 10)) { … }
/// routes.get("/v1/:tenant/complaints", options: RouteOptions(access: .agents(withAnyRoleOf: ["complaints.handler"]))) { … }
/// ```
///
/// A principal bound to a tenant (an agent, a tenant administrator, a service client) only ever
/// acts in that tenant: on another tenant's path it is refused with a 404, as if nothing were
/// there. Refusals: 401 for an anonymous caller, 403 for a signed-in one that lacks the right.
public indirect enum AccessRule: Sendable, Hashable {
    /// Anyone, signed in or not (public lists, submitting a complaint, tracking by code).
    case anyone
    /// Any signed-in principal of the path's tenant, or a citizen; a platform administrator only
    /// outside tenants (they see nothing inside one).
    case signedIn
    /// A citizen with an account.
    case citizens
    /// The platform's administrators.
    case platformAdministrators
    /// The administrators of the path's tenant.
    case tenantAdministrators
    /// Agents of the path's tenant holding at least one of these roles.
    case agents(withAnyRoleOf: Set<String>)
    /// Service clients of the path's tenant granted at least one of these scopes.
    case services(withAnyScopeOf: Set<String>)
    /// Any of these rules.
    case anyOf([AccessRule])

    /// Whether `principal` may call a route of `tenant` (nil for routes outside a tenant).
    public func allows(_ principal: Principal, in tenant: TenantReference?) -> Bool {
        switch self {
        case .anyone:
            return true
        case .signedIn:
            switch principal.kind {
            case .anonymous: return false
            case .citizen: return true
            case .platformAdministrator: return tenant == nil
            case .agent, .tenantAdministrator, .service: return Self.belongs(principal, to: tenant)
            }
        case .citizens:
            return principal.kind == .citizen
        case .platformAdministrators:
            return principal.kind == .platformAdministrator
        case .tenantAdministrators:
            return principal.kind == .tenantAdministrator && Self.belongs(principal, to: tenant)
        case .agents(let roles):
            return principal.kind == .agent && Self.belongs(principal, to: tenant) && !principal.roles.isDisjoint(with: roles)
        case .services(let scopes):
            return principal.kind == .service && Self.belongs(principal, to: tenant) && !principal.scopes.isDisjoint(with: scopes)
        case .anyOf(let rules):
            return rules.contains { $0.allows(principal, in: tenant) }
        }
    }

    /// Refuses a caller the rule does not allow: 401 when anonymous, 404 when bound to another
    /// tenant than the path's (revealing nothing about this one), 403 otherwise.
    public func check(_ context: RequestContext) throws(Problem) {
        let principal = context.principal
        guard !allows(principal, in: context.tenant) else { return }
        if principal.kind == .anonymous { throw Problem(.unauthorized, language: context.language) }
        if let tenant = context.tenant, let own = principal.tenantID, own != tenant.id {
            throw Problem(.notFound, language: context.language)
        }
        throw Problem(.forbidden, language: context.language)
    }

    /// Citizens and platform administrators belong to no tenant and pass; others must be the
    /// tenant's own.
    private static func belongs(_ principal: Principal, to tenant: TenantReference?) -> Bool {
        guard let own = principal.tenantID else { return true }
        return tenant.map { $0.id == own } ?? true
    }
}
