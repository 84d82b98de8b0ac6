import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// Service clients (OAuth2 client credentials): `/v1/{tenant}/admin/clients` for a tenant's own,
/// managed by its administrators, and `/v1/platform/clients` for clients the platform's
/// administrators bind to named tenants. The secret is shown once, in the answer that creates the
/// client or gives it a new one. Disabling a client ends its sessions (its tokens stop within
/// seconds).
struct ClientRoutes: Sendable {
    let store: ServiceClientStore
    let tenants: TenantCache
    let sessions: SessionStore
    let revoked: RevokedSessions
    let audit: AuditLog

    // MARK: A tenant's clients

    func listTenantClients(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let clients = try await store.tenantClients(tenant: tenant.id)
        return try .json(AdministrationViews.ClientList(clients: clients.map { Self.view($0, secret: nil, showTenants: false) }))
    }

    func createTenantClient(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        var fields = try JSONFields(request, context: context)
        let name = fields.text("name", required: true)
        let scopes = Self.scopes(&fields)
        try fields.validate(language: context.language)
        guard let name, let scopes else { throw Problem(.badRequest, language: context.language) }
        let event = audit.event(
            AuditEvent.Action.clientCreated, tenant: tenant.id, details: ["name": .string(name), "scopes": .array(scopes.map(JSONValue.string))],
            request: request, context: context)
        let (listing, secret) = try await store.createTenantClient(
            tenant: tenant.id, name: name, scopes: scopes, audit: audit.insertion(of: event))
        var response = try HTTPResponse.json(Self.view(listing, secret: secret, showTenants: false), status: .created)
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("Location", "/v1/\(tenant.slug)/admin/clients/\(listing.id.lowercaseString)")
        return response
    }

    func rotateTenantClientSecret(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("client")) else { throw Problem(.notFound, language: context.language) }
        let event = audit.event(
            AuditEvent.Action.clientSecretRotated, tenant: tenant.id, target: "client:\(id.lowercaseString)", request: request,
            context: context)
        guard let secret = try await store.rotateTenantClientSecret(tenant: tenant.id, id: id, audit: audit.insertion(of: event)),
            let listing = try await store.tenantClients(tenant: tenant.id).first(where: { $0.id == id })
        else { throw Problem(.notFound, language: context.language) }
        revoked.insert(try await sessions.revokeAll(of: id, reason: "client_secret_rotated"))
        var response = try HTTPResponse.json(Self.view(listing, secret: secret, showTenants: false))
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    func disableTenantClient(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("client")) else { throw Problem(.notFound, language: context.language) }
        let event = audit.event(
            AuditEvent.Action.clientDisabled, tenant: tenant.id, target: "client:\(id.lowercaseString)", request: request,
            context: context)
        guard try await store.disableTenantClient(tenant: tenant.id, id: id, audit: audit.insertion(of: event)) else {
            throw Problem(.notFound, language: context.language)
        }
        revoked.insert(try await sessions.revokeAll(of: id, reason: "client_disabled"))
        return .empty()
    }

    // MARK: The platform's clients

    func listPlatformClients(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let clients = try await store.platformClients()
        return try .json(AdministrationViews.ClientList(clients: clients.map { Self.view($0, secret: nil, showTenants: true) }))
    }

    func createPlatformClient(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        var fields = try JSONFields(request, context: context)
        let name = fields.text("name", required: true)
        let scopes = Self.scopes(&fields)
        let slugs = fields.strings("tenants", required: true, maximum: 1000, length: 40)
        if let slugs, slugs.isEmpty { fields.fail(.tooFewItems("/tenants", minimum: 1)) }
        var tenantIDs: [UUID] = []
        for (index, slug) in (slugs ?? []).enumerated() {
            guard let tenant = try await tenants.tenant(slug: slug), tenant.status == .active else {
                fields.fail(.unknownValue("/tenants/\(index)"))
                continue
            }
            tenantIDs.append(tenant.id)
        }
        try fields.validate(language: context.language)
        guard let name, let scopes else { throw Problem(.badRequest, language: context.language) }
        let event = audit.event(
            AuditEvent.Action.clientCreated, tenant: nil,
            details: [
                "name": .string(name), "scopes": .array(scopes.map(JSONValue.string)),
                "tenants": .array((slugs ?? []).map(JSONValue.string)),
            ],
            request: request, context: context)
        let (listing, secret) = try await store.createPlatformClient(
            name: name, scopes: scopes, tenants: tenantIDs, audit: audit.insertion(of: event))
        var response = try HTTPResponse.json(Self.view(listing, secret: secret, showTenants: true), status: .created)
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("Location", "/v1/platform/clients/\(listing.id.lowercaseString)")
        return response
    }

    func disablePlatformClient(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        guard let id = UUID(uuidString: try context.parameter("client")) else { throw Problem(.notFound, language: context.language) }
        let event = audit.event(
            AuditEvent.Action.clientDisabled, tenant: nil, target: "client:\(id.lowercaseString)", request: request, context: context)
        guard try await store.disablePlatformClient(id: id, audit: audit.insertion(of: event)) else {
            throw Problem(.notFound, language: context.language)
        }
        revoked.insert(try await sessions.revokeAll(of: id, reason: "client_disabled"))
        return .empty()
    }

    // MARK: Helpers

    private static func scopes(_ fields: inout JSONFields) -> [String]? {
        guard let scopes = fields.strings("scopes", required: true, maximum: ServiceScopes.all.count, length: 64) else { return nil }
        for (index, scope) in scopes.enumerated() where !ServiceScopes.all.contains(scope) {
            fields.fail(.unknownValue("/scopes/\(index)", allowed: ServiceScopes.all.sorted()))
        }
        return scopes.sorted()
    }

    private static func view(_ listing: ServiceClientStore.Listing, secret: String?, showTenants: Bool) -> AdministrationViews.Client {
        AdministrationViews.Client(
            id: listing.id.lowercaseString, clientId: listing.clientID, name: listing.name, scopes: listing.scopes,
            status: listing.status, tenants: showTenants ? listing.tenants.map(\.lowercaseString) : nil,
            createdAt: RFC3339.format(listing.createdAt, in: .casablanca), clientSecret: secret)
    }
}
