import GuichetCore
import GuichetHTTP

/// Who may call the appointments routes: anyone for what citizens do, the desk (desk agents and
/// managers) for what agents do, managers and the tenant's administrators for configuration.
enum AppointmentAccess {
    /// Citizens, with or without an account, and anyone else.
    static let anyone = RouteOptions(access: .anyone)
    /// Agents at the desk or on the phone.
    static let deskRule = AccessRule.agents(withAnyRoleOf: [Roles.appointmentsDesk, Roles.appointmentsManager])
    /// Managers of the appointments and the tenant's administrators.
    static let managersRule = AccessRule.anyOf([.agents(withAnyRoleOf: [Roles.appointmentsManager]), .tenantAdministrators])

    /// Desk routes.
    static let desk = RouteOptions(access: deskRule, bodyLimit: 16 << 10)
    /// Configuration routes.
    static let managers = RouteOptions(access: managersRule, bodyLimit: 64 << 10)
    /// Public writes (holds, verifications, bookings): small bodies.
    static let publicWrite = RouteOptions(access: .anyone, bodyLimit: 16 << 10)

    /// Whether the caller is an agent of the desk (books by phone or at the desk, sees contacts).
    static func isDeskAgent(_ context: RequestContext) -> Bool {
        deskRule.allows(context.principal, in: context.tenant)
    }

    /// Whether the caller may set a rule aside (with a reason): managers only.
    static func mayOverride(_ context: RequestContext) -> Bool {
        context.principal.kind == .agent && context.principal.has(role: Roles.appointmentsManager)
            && AccessRule.agents(withAnyRoleOf: [Roles.appointmentsManager]).allows(context.principal, in: context.tenant)
    }
}
