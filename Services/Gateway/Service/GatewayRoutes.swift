import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

/// The gateway's routes and the middleware in front of each group:
///
/// ```
/// every group      CORS ─▶ rate limit by client address (login, submit or read)
/// signed-in paths       ─▶ Authentication (token, tenant, access rule) ─▶ rate limit by principal ─▶ handler
/// ```
/// The credential endpoints (`/v1/auth/token`, …) take their credentials in the body and skip
/// `Authentication`; they limit each username or client they are tried for on their own.
struct GatewayRoutes: Sendable {
    let cors: CORSPolicy
    let limiter: RateLimiter
    let clients: ClientAddresses
    let tokens: AccessTokens
    let revoked: RevokedSessions
    let tenants: TenantCache
    let contextTokens: ContextTokenVerifier
    let tokenEndpoint: TokenEndpoint
    let revocation: RevocationEndpoint
    let enrolment: SecondFactorEnrolment
    let citizens: CitizenRoutes
    let tenantRoutes: TenantRoutes
    let units: UnitRoutes
    let accounts: AccountRoutes
    let serviceClients: ClientRoutes
    let settings: SettingsRoutes
    let auditRoutes: AuditRoutes
    let directory: DirectoryRoutes
    let proxy: ServiceProxy
    let publicDocument: PublicDocument
    let keys: SigningKeyStore

    /// Registers every route.
    func install(on routes: Routes) {
        let corsMiddleware = CORS(policy: cors)
        func byAddress(_ routeClass: RateLimiter.RouteClass?) -> RateLimiting {
            RateLimiting(limiter: limiter, subject: .address, routeClass: routeClass, clients: clients)
        }
        let byPrincipal = RateLimiting(limiter: limiter, subject: .principal, routeClass: nil, clients: clients)
        let authentication = Authentication(tokens: tokens, revoked: revoked, tenants: tenants)
        var serviceCallers = authentication
        serviceCallers.contextTokens = contextTokens
        serviceCallers.serviceScopes = [ServiceScopes.directoryRead]

        let open = routes.group(corsMiddleware, byAddress(.read))
        let credentials = routes.group(corsMiddleware, byAddress(.login))
        let signedIn = routes.group(corsMiddleware, byAddress(nil), authentication, byPrincipal)
        let directoryCallers = routes.group(corsMiddleware, byAddress(nil), serviceCallers, byPrincipal)
        let anyone = RouteOptions(access: .anyone)

        routes.group(byAddress(.read)).on(.options, "/**", options: anyone) { [cors] request, context in
            try await Preflight(policy: cors).handle(request, context: context)
        }
        open.get("/.well-known/jwks.json", options: anyone) { [keys] _, _ in
            var response = HTTPResponse.json(
                bytes: JWKS.document(try await keys.verificationKeys(for: .access)), contentType: "application/jwk-set+json")
            response.headers.add("Cache-Control", "public, max-age=300")
            return response
        }
        open.get("/v1/openapi.json", options: anyone) { request, context in try await publicDocument.handle(request, context: context) }

        // Credentials.
        let credentialLimit = 8192
        credentials.post("/v1/auth/token", options: RouteOptions(access: .anyone, bodyLimit: credentialLimit)) { request, context in
            try await tokenEndpoint.handle(request, context: context)
        }
        credentials.post("/v1/auth/revoke", options: RouteOptions(access: .anyone, bodyLimit: credentialLimit)) { request, context in
            try await revocation.handle(request, context: context)
        }
        credentials.post("/v1/auth/totp/enrolment", options: RouteOptions(access: .anyone, bodyLimit: credentialLimit)) {
            request, context in try await enrolment.handle(request, context: context)
        }
        credentials.post("/v1/auth/citizens", options: RouteOptions(access: .anyone, bodyLimit: credentialLimit)) { request, context in
            try await citizens.signUp(request, context: context)
        }
        credentials.post("/v1/auth/citizens/verify", options: RouteOptions(access: .anyone, bodyLimit: credentialLimit)) {
            request, context in try await citizens.verify(request, context: context)
        }
        signedIn.get("/v1/auth/me", options: RouteOptions(access: .signedIn)) { _, context in
            try .json(Me(context.principal))
        }

        installPlatform(on: signedIn)
        installAdministration(on: signedIn)
        installDirectory(on: directoryCallers)

        // GeoReport v2 (Open311): one endpoint for every tenant, the tenant being the
        // `jurisdiction_id` parameter, which the complaints service resolves.
        for method in [HTTPMethod.get, .post] {
            signedIn.on(method, "/open311/v2/**", options: anyone) { request, context in
                try await proxy.forwardWithoutTenant(to: "complaints", request, context: context)
            }
        }

        // `**` matches zero or more segments: `/v1/demo/complaints` and everything below it.
        // Each service enforces its own routes' rules; the gateway authenticates, resolves the
        // tenant and keeps principals of other tenants out.
        for service in GatewayConfiguration.serviceNames {
            for method in [HTTPMethod.get, .post, .put, .patch, .delete] {
                signedIn.on(method, "/v1/:tenant/\(service)/**", options: anyone) { request, context in
                    try await proxy.forward(to: service, request, context: context)
                }
            }
        }
    }

    private func installPlatform(on group: RouteGroup) {
        let anyone = RouteOptions(access: .anyone)
        let administrators = RouteOptions(access: .platformAdministrators, bodyLimit: 16_384)
        group.get("/v1/platform/tenants", options: anyone) { request, context in try await tenantRoutes.list(request, context: context) }
        group.get("/v1/platform/tenants/:slug", options: anyone) { request, context in
            try await tenantRoutes.show(request, context: context)
        }
        group.post("/v1/platform/tenants", options: administrators) { request, context in
            try await tenantRoutes.onboard(request, context: context)
        }
        group.post("/v1/platform/tenants/:slug/suspend", options: administrators) { request, context in
            try await tenantRoutes.suspend(request, context: context)
        }
        group.post("/v1/platform/tenants/:slug/resume", options: administrators) { request, context in
            try await tenantRoutes.resume(request, context: context)
        }
        group.post("/v1/platform/tenants/:slug/offboard", options: administrators) { request, context in
            try await tenantRoutes.offboard(request, context: context)
        }
        group.get("/v1/platform/clients", options: administrators) { request, context in
            try await serviceClients.listPlatformClients(request, context: context)
        }
        group.post("/v1/platform/clients", options: administrators) { request, context in
            try await serviceClients.createPlatformClient(request, context: context)
        }
        group.delete("/v1/platform/clients/:client", options: administrators) { request, context in
            try await serviceClients.disablePlatformClient(request, context: context)
        }
        group.get("/v1/platform/audit-events", options: administrators) { request, context in
            try await auditRoutes.platformEvents(request, context: context)
        }
    }

    private func installAdministration(on group: RouteGroup) {
        let administrators = RouteOptions(access: .tenantAdministrators, bodyLimit: 64 << 10)
        let prefix = "/v1/:tenant/admin"
        group.get("\(prefix)/units", options: administrators) { request, context in try await units.list(request, context: context) }
        group.post("\(prefix)/units", options: administrators) { request, context in try await units.create(request, context: context) }
        group.get("\(prefix)/units/:unit", options: administrators) { request, context in try await units.show(request, context: context) }
        group.patch("\(prefix)/units/:unit", options: administrators) { request, context in
            try await units.update(request, context: context)
        }
        group.delete("\(prefix)/units/:unit", options: administrators) { request, context in
            try await units.delete(request, context: context)
        }
        group.get("\(prefix)/accounts", options: administrators) { request, context in try await accounts.list(request, context: context) }
        group.post("\(prefix)/accounts", options: administrators) { request, context in
            try await accounts.create(request, context: context)
        }
        group.get("\(prefix)/accounts/:account", options: administrators) { request, context in
            try await accounts.show(request, context: context)
        }
        group.patch("\(prefix)/accounts/:account", options: administrators) { request, context in
            try await accounts.update(request, context: context)
        }
        group.put("\(prefix)/accounts/:account/roles", options: administrators) { request, context in
            try await accounts.replaceRoles(request, context: context)
        }
        group.put("\(prefix)/accounts/:account/units", options: administrators) { request, context in
            try await accounts.replaceUnits(request, context: context)
        }
        group.delete("\(prefix)/accounts/:account/totp", options: administrators) { request, context in
            try await accounts.resetSecondFactor(request, context: context)
        }
        group.get("\(prefix)/roles", options: administrators) { request, context in
            try await accounts.listRoles(request, context: context)
        }
        group.get("\(prefix)/clients", options: administrators) { request, context in
            try await serviceClients.listTenantClients(request, context: context)
        }
        group.post("\(prefix)/clients", options: administrators) { request, context in
            try await serviceClients.createTenantClient(request, context: context)
        }
        group.post("\(prefix)/clients/:client/secret", options: administrators) { request, context in
            try await serviceClients.rotateTenantClientSecret(request, context: context)
        }
        group.delete("\(prefix)/clients/:client", options: administrators) { request, context in
            try await serviceClients.disableTenantClient(request, context: context)
        }
        group.get("\(prefix)/settings", options: administrators) { request, context in
            try await settings.show(request, context: context)
        }
        group.patch("\(prefix)/settings", options: administrators) { request, context in
            try await settings.update(request, context: context)
        }
        group.get("\(prefix)/audit-events", options: administrators) { request, context in
            try await auditRoutes.tenantEvents(request, context: context)
        }
    }

    private func installDirectory(on group: RouteGroup) {
        let readers = RouteOptions(access: DirectoryRoutes.access)
        group.get("/v1/:tenant/directory/units", options: readers) { request, context in
            try await directory.listUnits(request, context: context)
        }
        group.get("/v1/:tenant/directory/units/:unit", options: readers) { request, context in
            try await directory.showUnit(request, context: context)
        }
        group.get("/v1/:tenant/directory/agents", options: readers) { request, context in
            try await directory.listAgents(request, context: context)
        }
        group.get("/v1/:tenant/directory/agents/:agent", options: readers) { request, context in
            try await directory.showAgent(request, context: context)
        }
    }
}

/// `GET /v1/auth/me`: who the bearer token says the caller is.
struct Me: Encodable {
    let subject: String
    let kind: String
    let tenant: String?
    let roles: [String]
    let units: [String]
    let scopes: [String]

    init(_ principal: Principal) {
        subject = principal.subject
        kind = principal.kind.rawValue
        tenant = principal.tenantID?.lowercaseString
        roles = principal.roles.sorted()
        units = principal.units.map(\.lowercaseString).sorted()
        scopes = principal.scopes.sorted()
    }
}
