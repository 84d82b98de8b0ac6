import Foundation
import Gateway
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetTestSupport
import Synchronization

/// A second gateway with strict login limits, in front of the stack's services and of a stand-in
/// for a service with citizen-owned requests and unit-scoped work (routes no real service has yet):
/// what the attack tests run against when they need either. The stand-in authorises as every
/// service does — the kit's context-token middleware and access rules, `requireOwnership`, and the
/// kit's directory client with the request's own context token.
final class AuthorizationStandIn: Sendable {
    let gateway: RunningService
    let service: RunningService
    let stack: Stack
    private let state = State()

    /// What the stand-in keeps: who wrote each request, and the directory client (made once the
    /// gateway it calls listens).
    private final class State: Sendable {
        let directory = Mutex<DirectoryClient?>(nil)
        let owners = Mutex<[String: String]>([:])
    }

    static let shared = Task { try await AuthorizationStandIn(stack: try await Stack.shared.value) }

    init(stack: Stack) async throws {
        self.stack = stack
        let state = self.state
        service = try await RunningService.start(
            ServiceDefinition(name: "standin", defaultPort: 0, schema: nil, migrationsDirectory: nil, usesKitTables: false) { runtime in
                ServiceParts(installRoutes: { routes in
                    let tenantRoutes = routes.group(runtime.requireContextToken)
                    tenantRoutes.post("/v1/:tenant/mail/requests", options: RouteOptions(access: .citizens)) { _, context in
                        let id = UUID().uuidString.lowercased()
                        state.owners.withLock { $0[id] = context.principal.subject }
                        return .json(bytes: Array(#"{"id":"\#(id)"}"#.utf8), status: .created)
                    }
                    tenantRoutes.get("/v1/:tenant/mail/requests/:id", options: RouteOptions(access: .citizens)) { _, context in
                        let id = try context.parameter("id")
                        try context.requireOwnership(of: state.owners.withLock { $0[id] })
                        return .text("request \(id)")
                    }
                    tenantRoutes.get(
                        "/v1/:tenant/mail/units/:unit/items", options: RouteOptions(access: .agents(withAnyRoleOf: [Roles.mailProcessor]))
                    ) { request, context in
                        let tenant = try context.requireTenant()
                        guard let unit = UUID(uuidString: try context.parameter("unit")), let client = state.directory.withLock({ $0 }),
                            try await client.isUnit(unit, within: context.principal.units, in: tenant, as: .forwarding(request))
                        else { throw Problem(.notFound, language: context.language) }
                        return .text("items of \(unit)")
                    }
                })
            }, configuration: TestDatabase.configuration())
        var environment = Stack.gatewayEnvironment(
            complaints: stack.complaints.address.port, appointments: stack.appointments.address.port, mail: service.address.port
        ).variables
        environment["GUICHET_RATE_LOGIN_PER_ADDRESS"] = "10/m"
        environment["GUICHET_RATE_LOGIN_PER_PRINCIPAL"] = "1000/m"
        gateway = try await RunningService.start(
            Gateway.definition(verificationCodes: stack.codes), configuration: TestDatabase.configuration(),
            environment: Environment(environment))
        state.directory.withLock {
            $0 = DirectoryClient(
                group: TestDatabase.group,
                configuration: DirectoryClient.Configuration(
                    gateway: Upstream(host: "127.0.0.1", port: gateway.address.port), cacheLifetime: .milliseconds(100)))
        }
    }

    var port: UInt16 { gateway.address.port }
}
