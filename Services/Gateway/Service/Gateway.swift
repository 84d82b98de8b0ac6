import Foundation
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

/// The one public entry: identity and tokens, tenant resolution, rate limits, CORS, routing to the
/// services, the merged OpenAPI document and the aggregated health.
public enum Gateway {
    /// The gateway as the kit runs it, delivering citizens' verification codes as
    /// `GUICHET_VERIFICATION_CODES` says (see ``GatewayConfiguration/VerificationCodeDelivery``).
    public static let definition = definition(verificationCodes: nil)

    /// The gateway delivering citizens' verification codes through `verificationCodes` (a test's
    /// recorder) instead of what `GUICHET_VERIFICATION_CODES` says.
    ///
    /// Its own tables live in `platform` (`Migrations/own`, every name qualified); the kit's tables
    /// (the outbox of its messages to citizens among them) in the `gateway` schema, which its own
    /// migrations create; `Migrations/after-kit` then gives the outbox a partition for the
    /// platform's nil tenant, the tenant of those messages.
    public static func definition(verificationCodes: (any VerificationCodeSender)?) -> ServiceDefinition {
        let migrations = Bundle.module.resourceURL!.appendingPathComponent("Migrations")
        return ServiceDefinition(
            name: "gateway", defaultPort: 8080, schema: schema, migrationsDirectory: migrations.appendingPathComponent("own"),
            usesKitTables: true, migrationsAfterKitTables: migrations.appendingPathComponent("after-kit")
        ) { runtime in
            try await makeParts(runtime, verificationCodes: verificationCodes)
        }
    }

    /// The schema of the gateway's kit tables (its outbox).
    static let schema = "gateway"

    /// How long a replaced signing key keeps verifying: longer than any token it signed lives.
    static let keyOverlap: Duration = .seconds(3600)

    /// Why the gateway refuses to start.
    struct ConfigurationProblems: Error, CustomStringConvertible {
        let problems: [String]
        var description: String { problems.joined(separator: "; ") }
    }

    static func makeParts(_ runtime: ServiceRuntime, verificationCodes: (any VerificationCodeSender)?) async throws -> ServiceParts {
        var environment = runtime.environment
        let configuration = GatewayConfiguration.read(from: &environment)
        try environment.validate()
        guard configuration.problems.isEmpty else { throw ConfigurationProblems(problems: configuration.problems) }
        if configuration.accessTokenLifetime + .seconds(60) > keyOverlap {
            throw ConfigurationProblems(problems: ["GUICHET_ACCESS_TOKEN_TTL_MS must be under 59 minutes (keys overlap for an hour)"])
        }

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
        let contextSigner = ContextTokenSigner(privateKey: contextKey.privateKey, keyID: contextKey.keyID)
        let keyWatcher = SigningKeyWatcher(
            directory: configuration.keysDirectory, interval: configuration.keyReloadInterval, keys: keyStore, tokens: tokens,
            contextSigner: contextSigner, watchAccess: configuration.accessSigningKey == nil,
            watchContext: configuration.contextSigningKey == nil)

        let database = runtime.database
        let hasher = PasswordHasher(
            configuration: PasswordHasher.Configuration(parameters: Scrypt.Parameters(logN: configuration.scryptLogN)))
        let authenticator = PasswordAuthenticator(
            platformAccounts: AccountStore(database: database), tenantAccounts: TenantAccountStore(database: database),
            hasher: hasher,
            lockout: LockoutPolicy(
                threshold: configuration.lockoutThreshold, initialLock: configuration.lockoutDuration,
                maximumLock: configuration.lockoutMaximum))
        try await AdministratorBootstrap.run(
            accounts: authenticator.platformAccounts, authenticator: authenticator, password: configuration.administratorPassword,
            logger: runtime.logger)

        let sessions = SessionStore(database: database)
        let revoked = RevokedSessions(interval: configuration.revocationReloadInterval) { [accessTokenLifetime = configuration.accessTokenLifetime] in
            try await sessions.revoked(within: accessTokenLifetime + .seconds(60))
        }
        try await revoked.reload()

        let clients = ClientAddresses(trustedProxies: ClientAddresses.parse(configuration.trustedProxies) ?? [])
        let limiter = RateLimiter(
            configuration: RateLimiter.Configuration(
                perAddress: configuration.rateLimits.perAddress, perPrincipal: configuration.rateLimits.perPrincipal))
        let audit = AuditLog(database: database, clients: clients)
        let tenantDirectory = TenantDirectory(database: database)
        let tenants = TenantCache(directory: tenantDirectory, database: database, lifetime: configuration.tenantCacheLifetime)
        let settings = SettingsStore(database: database)
        let cors = CORSPolicy(publicOrigins: configuration.corsOrigins, tenants: tenants, lifetime: configuration.tenantCacheLifetime) {
            try await settings.corsOrigins(tenant: $0)
        }
        let httpClient = HTTPClient(
            group: runtime.group, configuration: HTTPClient.Configuration(requestTimeout: configuration.upstreamTimeout))
        let serviceClients = ServiceClientStore(database: database)
        let unitStore = UnitStore(database: database)
        let accountStore = AccountAdminStore(database: database)

        let (sender, notifications) =
            try verificationCodes.map { ($0, nil) } ?? verificationDelivery(runtime, configured: configuration.verificationCodes)

        let parts = GatewayRoutes(
            cors: cors, limiter: limiter, clients: clients, tokens: tokens, revoked: revoked, tenants: tenants,
            contextTokens: runtime.contextTokens,
            tokenEndpoint: TokenEndpoint(
                authenticator: authenticator, tokens: tokens, sessions: sessions, revoked: revoked, clients: serviceClients,
                tenants: tenants, limiter: limiter, audit: audit,
                configuration: TokenEndpoint.Configuration(
                    refreshTokenLifetime: configuration.refreshTokenLifetime, sessionLifetime: configuration.sessionLifetime),
                clock: SystemWallClock()),
            revocation: RevocationEndpoint(tokens: tokens, sessions: sessions, revoked: revoked, audit: audit),
            enrolment: SecondFactorEnrolment(
                authenticator: authenticator, tenants: tenants, limiter: limiter, audit: audit, issuer: configuration.issuer),
            citizens: CitizenRoutes(
                store: CitizenStore(database: database), authenticator: authenticator, sender: sender, limiter: limiter, audit: audit),
            tenantRoutes: TenantRoutes(
                directory: tenantDirectory, cache: tenants, authenticator: authenticator, sessions: sessions, revoked: revoked,
                audit: audit),
            units: UnitRoutes(store: unitStore, audit: audit),
            accounts: AccountRoutes(
                store: accountStore, authenticator: authenticator, sessions: sessions, revoked: revoked, audit: audit),
            serviceClients: ClientRoutes(store: serviceClients, tenants: tenants, sessions: sessions, revoked: revoked, audit: audit),
            settings: SettingsRoutes(store: settings, tenants: tenants, cors: cors, audit: audit),
            auditRoutes: AuditRoutes(audit: audit),
            directory: DirectoryRoutes(units: unitStore, accounts: accountStore),
            proxy: ServiceProxy(
                client: httpClient, upstreams: configuration.upstreams, signer: contextSigner, clients: clients,
                timeout: configuration.upstreamTimeout),
            publicDocument: PublicDocument(
                base: try ServiceDocument.load(from: .module), client: httpClient, upstreams: configuration.upstreams),
            keys: keyStore)

        var readiness: [String: @Sendable () async -> Bool] = [:]
        for (name, upstream) in configuration.upstreams {
            readiness[name] = {
                let response = try? await httpClient.execute(.get, "/readyz", to: upstream, timeout: .seconds(2))
                return response?.status == .ok
            }
        }
        revoked.startReloading(logger: runtime.logger)
        keyWatcher.start(logger: runtime.logger)

        return ServiceParts(
            installRoutes: { routes in parts.install(on: routes) },
            openAPIDocument: parts.publicDocument.base,
            readinessChecks: readiness,
            onShutdown: {
                revoked.stop()
                keyWatcher.stop()
                await httpClient.shutdown()
                await notifications?.shutdown()
            },
            outbox: notifications?.delivery)
    }
}
