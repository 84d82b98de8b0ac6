import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `/v1/platform/tenants`: the public list of active tenants, one tenant by slug, onboarding
/// (platform administrators only) — which creates the tenant's partitions in every service schema
/// and, with `admin`, its first administrator, in one transaction — and the tenant's lifecycle:
/// suspend (its paths answer 404, its sessions end), resume, offboard.
struct TenantRoutes: Sendable {
    let directory: TenantDirectory
    let cache: TenantCache
    let authenticator: PasswordAuthenticator
    let sessions: SessionStore
    let revoked: RevokedSessions
    let audit: AuditLog

    /// A tenant as the API shows it.
    struct TenantView: Codable, Sendable {
        /// Lowercase, as RFC 9562 recommends (Foundation would write it in capitals).
        let id: String
        let slug: String
        let name: Names
        let timezone: String
        let status: String
        let createdAt: String

        struct Names: Codable, Sendable {
            let fr: String
            let ar: String?
            let en: String?
        }

        init(_ tenant: Tenant) {
            id = tenant.id.lowercaseString
            slug = tenant.slug
            name = Names(fr: tenant.name.fr, ar: tenant.name.ar, en: tenant.name.en)
            timezone = tenant.timeZone
            status = tenant.status.rawValue
            createdAt = RFC3339.format(tenant.createdAt, in: TimeZone.named(tenant.timeZone) ?? .casablanca)
        }
    }

    /// The onboarding request.
    struct Onboarding: Decodable, Sendable {
        let slug: String
        let name: Names
        let timezone: String?
        let admin: Administrator?

        struct Names: Decodable, Sendable {
            let fr: String?
            let ar: String?
            let en: String?
        }

        /// The tenant's first administrator.
        struct Administrator: Decodable, Sendable {
            let username: String
            let password: String
            let displayName: String?
            let email: String?
        }
    }

    private struct TenantList: Encodable {
        let tenants: [TenantView]
    }

    func list(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenants = try await directory.activeTenants()
        return try .json(TenantList(tenants: tenants.map(TenantView.init)))
    }

    func show(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let slug = try context.parameter("slug")
        guard let tenant = try await cache.tenant(slug: slug), tenant.status == .active else {
            throw Problem(.tenantNotFound, language: context.language)
        }
        return try .json(TenantView(tenant))
    }

    func onboard(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let input = try context.decode(Onboarding.self, from: request)
        let timeZone = input.timezone ?? "Africa/Casablanca"
        let (slug, name) = try Self.validate(input, timeZone: timeZone, language: context.language)
        let id = UUID.timeOrdered()
        var statements = [SettingsStore.creation(tenant: id)]
        if let admin = input.admin {
            let username = Username.canonical(admin.username) ?? admin.username
            let hash = try await authenticator.hash(admin.password)
            let accountID = UUID.timeOrdered()
            statements += AccountAdminStore.creation(
                id: accountID, tenant: id, username: username, kind: Principal.Kind.tenantAdministrator.rawValue,
                displayName: admin.displayName ?? username, email: admin.email.flatMap { EmailAddress($0)?.value },
                passwordHash: hash, roles: [], units: [])
            statements.append(audit.insertion(of: audit.event(
                AuditEvent.Action.accountCreated, tenant: id, target: Account.subject(of: accountID),
                details: ["username": .string(username), "kind": "tenant_admin"], request: request, context: context)))
        }
        statements.append(audit.insertion(of: audit.event(
            AuditEvent.Action.tenantOnboarded, tenant: id, target: "tenant:\(slug)", request: request, context: context)))
        let tenant: Tenant
        do {
            tenant = try await directory.create(slug: slug, name: name, timeZone: timeZone, id: id, alongWith: statements)
        } catch TenantDirectory.OnboardingError.slugTaken {
            throw Problem(.conflict, language: context.language)
                .withDetail(LocalizedText(
                    fr: "Un locataire utilise déjà l'identifiant « \(slug) ».",
                    ar: "المعرّف «\(slug)» مستعمل من طرف جهة أخرى.",
                    en: "Another tenant already uses the slug \"\(slug)\"."))
        }
        cache.forget(slug)
        await audit.record(
            audit.event(AuditEvent.Action.tenantOnboarded, tenant: nil, target: "tenant:\(slug)", request: request, context: context),
            logger: context.logger)
        context.logger.info("tenant onboarded", ["tenant": .string(slug), "by": .string(context.principal.subject)])
        var response = try HTTPResponse.json(TenantView(tenant), status: .created)
        response.headers.add("Location", "/v1/platform/tenants/\(slug)")
        return response
    }

    /// `POST /v1/platform/tenants/{slug}/suspend`: the tenant stops being served (404 on its
    /// paths within the tenant cache's lifetime) and every session in it ends.
    func suspend(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        try await changeStatus(to: .suspended, from: [.active], action: AuditEvent.Action.tenantSuspended, request, context)
    }

    /// `POST /v1/platform/tenants/{slug}/resume`: a suspended tenant is served again.
    func resume(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        try await changeStatus(to: .active, from: [.suspended], action: AuditEvent.Action.tenantResumed, request, context)
    }

    /// `POST /v1/platform/tenants/{slug}/offboard`: the tenant leaves for good; its data stays in
    /// its partitions until an operator exports and drops them.
    func offboard(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        try await changeStatus(
            to: .offboarded, from: [.active, .suspended], action: AuditEvent.Action.tenantOffboarded, request, context)
    }

    private func changeStatus(
        to status: Tenant.Status, from allowed: Set<Tenant.Status>, action: String, _ request: HTTPRequest,
        _ context: RequestContext
    ) async throws -> HTTPResponse {
        let slug = try context.parameter("slug")
        guard let tenant = try await directory.tenant(slug: slug) else { throw Problem(.tenantNotFound, language: context.language) }
        guard allowed.contains(tenant.status) else {
            throw Problem(.conflict, language: context.language).withDetail(LocalizedText(
                fr: "Le locataire est « \(tenant.status.rawValue) » : ce changement n'est pas possible.",
                ar: "حالة الجهة «\(tenant.status.rawValue)»: هذا التغيير غير ممكن.",
                en: "The tenant is \(tenant.status.rawValue): this change is not possible."))
        }
        _ = try await directory.setStatus(status, of: tenant.id)
        cache.forget(slug)
        if status != .active {
            revoked.insert(try await sessions.revokeAll(inTenant: tenant.id, reason: "tenant_\(status.rawValue)"))
        }
        for filedUnder in [nil, tenant.id] {
            await audit.record(
                audit.event(action, tenant: filedUnder, target: "tenant:\(slug)", request: request, context: context),
                logger: context.logger)
        }
        var changed = tenant
        changed.status = status
        return try .json(TenantView(changed))
    }

    /// Every field error of an onboarding request, or its clean values.
    static func validate(_ input: Onboarding, timeZone: String, language: Language) throws(Problem) -> (String, LocalizedText) {
        var errors = TenantSlug.problems(input.slug)
        func text(_ value: String?, _ pointer: String, required: Bool) -> String? {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if trimmed.isEmpty {
                if required { errors.append(.required(pointer)) }
                return nil
            }
            if trimmed.count > 200 {
                errors.append(.tooLong(pointer, maximum: 200))
                return nil
            }
            return trimmed
        }
        let fr = text(input.name.fr, "/name/fr", required: true)
        let ar = text(input.name.ar, "/name/ar", required: false)
        let en = text(input.name.en, "/name/en", required: false)
        if let admin = input.admin {
            if Username.canonical(admin.username) != admin.username {
                errors.append(.invalidFormat("/admin/username", format: LocalizedText(fr: "[a-z0-9._@+-]", ar: "[a-z0-9._@+-]", en: "[a-z0-9._@+-]")))
            }
            let length = admin.password.utf8.count
            if length < CitizenRoutes.minimumPasswordLength {
                errors.append(.tooShort("/admin/password", minimum: CitizenRoutes.minimumPasswordLength))
            } else if length > TokenEndpoint.maximumPasswordLength {
                errors.append(.tooLong("/admin/password", maximum: TokenEndpoint.maximumPasswordLength))
            }
            _ = text(admin.displayName, "/admin/display_name", required: false)
            if let email = admin.email, EmailAddress(email) == nil { errors.append(.invalidEmail("/admin/email")) }
        }
        if TimeZone.named(timeZone) == nil || timeZone.count > 64 {
            errors.append(.invalidFormat("/timezone", format: LocalizedText(fr: "fuseau IANA", ar: "منطقة زمنية IANA", en: "IANA time zone")))
        }
        guard errors.isEmpty, let fr else { throw Problem.validation(errors, language: language) }
        return (input.slug, LocalizedText(fr: fr, ar: ar, en: en))
    }
}
