import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `/v1/{tenant}/directory/…`: the tenant's units and agents as services resolve them — a unit
/// and its ancestors (to tell whether a unit lies within an agent's), the agents of a unit with
/// a role (to route and to alert). Called by Guichet's services with the context token of the
/// request they serve, by service clients with `directory.read`, and readable by the tenant's
/// agents and administrators. Only active agents are listed; no contact data but the work email.
struct DirectoryRoutes: Sendable {
    let units: UnitStore
    let accounts: AccountAdminStore

    /// Who may read the directory.
    static let access = AccessRule.anyOf([
        .services(withAnyScopeOf: [ServiceScopes.directoryRead]), .tenantAdministrators, .agents(withAnyRoleOf: Roles.all),
    ])

    struct UnitDetail: Encodable {
        let unit: AdministrationViews.Unit
        /// The ancestors' ids, nearest first.
        let ancestors: [String]
    }

    struct Agent: Encodable {
        let id: String
        let displayName: String
        let email: String?
        let roles: [String]
        let units: [String]
    }

    struct AgentList: Encodable {
        let agents: [Agent]
    }

    func listUnits(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        return try .json(AdministrationViews.UnitList(units: try await units.units(tenant: tenant.id).map(AdministrationViews.Unit.init)))
    }

    func showUnit(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("unit")), let unit = try await units.unit(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        let ancestors = try await units.ancestors(of: id, tenant: tenant.id)
        return try .json(UnitDetail(unit: AdministrationViews.Unit(unit), ancestors: ancestors.map(\.lowercaseString)))
    }

    func listAgents(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let query = request.query
        var unit: UUID?
        if let text = query["unit"] {
            guard let id = UUID(uuidString: text) else { throw Problem.validation([.invalidFormat("unit")], language: context.language) }
            unit = id
        }
        let role = query["role"]
        if let role, !Roles.all.contains(role) {
            throw Problem.validation([.unknownValue("role", allowed: Roles.all.sorted())], language: context.language)
        }
        let records = try await accounts.accounts(tenant: tenant.id, unit: unit, role: role, kind: "agent", activeOnly: true)
        return try .json(AgentList(agents: records.map(Self.agent)))
    }

    func showAgent(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("agent")), let record = try await accounts.account(id, tenant: tenant.id),
            record.kind == "agent", record.status == "active"
        else { throw Problem(.notFound, language: context.language) }
        return try .json(Self.agent(record))
    }

    private static func agent(_ record: AccountAdminStore.Record) -> Agent {
        Agent(
            id: record.id.lowercaseString, displayName: record.displayName, email: record.email, roles: record.roles,
            units: record.units.map(\.lowercaseString))
    }
}
