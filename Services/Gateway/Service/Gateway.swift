import Foundation
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

/// The one public entry: identity and tokens, tenant resolution, routing to the services, the
/// merged OpenAPI document and the aggregated health.
public enum Gateway {
    /// The gateway as the kit runs it.
    public static let definition = ServiceDefinition(
        name: "gateway", defaultPort: 8080, schema: nil,
        migrationsDirectory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"), usesKitTables: false
    ) { runtime in
        try await makeParts(runtime)
    }


    /// How long a replaced signing key keeps verifying: longer than any token it signed lives.
    static let keyOverlap: Duration = .seconds(3600)

    static func makeParts(_ runtime: ServiceRuntime) async throws -> ServiceParts {
        var environment = runtime.environment
        let configuration = GatewayConfiguration.read(from: &environment)
        try environment.validate()

        let keyStore = SigningKeyStore(database: runtime.database)
        let accessKey = try SigningKeyLoader.load(
            "access", seed: configuration.accessSigningKey, directory: configuration.keysDirectory)
        let contextKey = try SigningKeyLoader.load(
            "context", seed: configuration.contextSigningKey, directory: configuration.keysDirectory)
        try await keyStore.publish(accessKey.privateKey.publicKey, keyID: accessKey.keyID, for: .access, overlap: keyOverlap)
        try await keyStore.publish(contextKey.privateKey.publicKey, keyID: contextKey.keyID, for: .context, overlap: keyOverlap)

        let tokens = AccessTokens(
            key: accessKey.privateKey, keyID: accessKey.keyID, issuer: configuration.issuer,
            lifetime: configuration.accessTokenLifetime
        ) { try await keyStore.verificationKeys(for: .access) }
        try await tokens.reloadKeys()

        let accounts = AccountStore(database: runtime.database)
        let hasher = PasswordHasher(
            configuration: PasswordHasher.Configuration(parameters: Scrypt.Parameters(logN: configuration.scryptLogN)))
        let authenticator = PasswordAuthenticator(store: accounts, hasher: hasher)
        try await AdministratorBootstrap.run(
            accounts: accounts, authenticator: authenticator, password: configuration.administratorPassword,
            logger: runtime.logger)

        let directory = TenantDirectory(database: runtime.database)
        let tenants = TenantCache(directory: directory, lifetime: configuration.tenantCacheLifetime)
        let client = HTTPClient(
            group: runtime.group, configuration: HTTPClient.Configuration(requestTimeout: configuration.upstreamTimeout))
        let proxy = ServiceProxy(
            client: client, upstreams: configuration.upstreams, tenants: tenants,
            signer: ContextTokenSigner(privateKey: contextKey.privateKey, keyID: contextKey.keyID),
            timeout: configuration.upstreamTimeout)
        let tokenEndpoint = TokenEndpoint(authenticator: authenticator, tokens: tokens)
        let tenantRoutes = TenantRoutes(directory: directory, cache: tenants)
        let ownDocument = try ServiceDocument.load(from: .module)
        let publicDocument = PublicDocument(base: ownDocument, client: client, upstreams: configuration.upstreams)

        var readiness: [String: @Sendable () async -> Bool] = [:]
        for (name, upstream) in configuration.upstreams {
            readiness[name] = {
                let response = try? await client.execute(.get, "/readyz", to: upstream, timeout: .seconds(2))
                return response?.status == .ok
            }
        }

        return ServiceParts(
            installRoutes: { routes in
                let anyone = RouteOptions(access: .anyone)
                routes.get("/.well-known/jwks.json", options: anyone) { _, _ in
                    var response = HTTPResponse.json(
                        bytes: JWKS.document(try await keyStore.verificationKeys(for: .access)),
                        contentType: "application/jwk-set+json")
                    response.headers.add("Cache-Control", "public, max-age=300")
                    return response
                }
                routes.get("/v1/openapi.json", options: anyone) { request, context in try await publicDocument.handle(request, context: context) }
                routes.post("/v1/auth/token", options: RouteOptions(access: .anyone, bodyLimit: 8192)) { request, context in
                    try await tokenEndpoint.handle(request, context: context)
                }
                let authenticated = routes.group(Authentication(tokens: tokens))
                authenticated.get("/v1/platform/tenants", options: anyone) { request, context in
                    try await tenantRoutes.list(request, context: context)
                }
                authenticated.get("/v1/platform/tenants/:slug", options: anyone) { request, context in
                    try await tenantRoutes.show(request, context: context)
                }
                authenticated.post(
                    "/v1/platform/tenants", options: RouteOptions(access: .platformAdministrators, bodyLimit: 16_384)
                ) { request, context in
                    try await tenantRoutes.onboard(request, context: context)
                }
                // GeoReport v2 (Open311): one endpoint for every tenant, the tenant being the
                // `jurisdiction_id` parameter, which the complaints service resolves.
                for method in [HTTPMethod.get, .post] {
                    authenticated.on(method, "/open311/v2/**", options: anyone) { request, context in
                        try await proxy.forwardWithoutTenant(to: "complaints", request, context: context)
                    }
                }
                // `**` matches zero or more segments: `/v1/demo/complaints` and everything below it.
                // Each service enforces its own routes' rules; the gateway only authenticates.
                for service in GatewayConfiguration.serviceNames {
                    for method in [HTTPMethod.get, .post, .put, .patch, .delete] {
                        authenticated.on(method, "/v1/:tenant/\(service)/**", options: anyone) { request, context in
                            try await proxy.forward(to: service, request, context: context)
                        }
                    }
                }
            },
            openAPIDocument: ownDocument,
            readinessChecks: readiness,
            onShutdown: { await client.shutdown() })
    }
}
