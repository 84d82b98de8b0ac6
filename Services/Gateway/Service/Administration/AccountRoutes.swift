import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `/v1/{tenant}/admin/accounts`: the tenant's agents and administrators, managed by its
/// administrators — creation (with a first password), changes (name, email, status, a new
/// password; `If-Match`), an agent's roles and units, and resetting a second factor. Disabling an
/// account, changing its password, taking a role or a unit away, or resetting its second factor
/// ends its sessions (its access tokens stop within seconds). Every change is in the audit trail.
struct AccountRoutes: Sendable {
    let store: AccountAdminStore
    let authenticator: PasswordAuthenticator
    let sessions: SessionStore
    let revoked: RevokedSessions
    let audit: AuditLog

    /// The most units an agent may belong to (each goes into every token: they stay small).
    static let maximumUnits = 50

    func list(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let records = try await store.accounts(tenant: tenant.id)
        return try .json(AdministrationViews.AccountList(accounts: records.map { view($0, tenant) }))
    }

    func show(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let record = try await existing(context, tenant)
        return Versioning.tagged(try .json(view(record, tenant)), version: record.version)
    }

    func create(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        var fields = try JSONFields(request, context: context)
        let username = Self.username(&fields)
        let kind = fields.text("kind", required: true, maximum: 20)
        if let kind, kind != "agent", kind != "tenant_admin" {
            fields.fail(.unknownValue("/kind", allowed: ["agent", "tenant_admin"]))
        }
        let displayName = fields.text("display_name", required: true)
        let email = Self.email(&fields)
        let password = fields.secret(
            "password", required: true, minimum: CitizenRoutes.minimumPasswordLength, maximum: TokenEndpoint.maximumPasswordLength)
        let roles = Self.roles(&fields) ?? []
        let units = fields.uuids("units", maximum: Self.maximumUnits) ?? []
        if kind == "tenant_admin", !roles.isEmpty || !units.isEmpty {
            fields.fail(.notAllowed(roles.isEmpty ? "/units" : "/roles"))
        }
        try fields.validate(language: context.language)
        guard let username, let kind, let displayName, let password else { throw Problem(.badRequest, language: context.language) }
        let id = UUID.timeOrdered()
        let hash = try await authenticator.hash(password)
        let event = audit.event(
            AuditEvent.Action.accountCreated, tenant: tenant.id, target: Account.subject(of: id),
            details: ["username": .string(username), "kind": .string(kind), "roles": .array(roles.map(JSONValue.string))],
            request: request, context: context)
        let queries = AccountAdminStore.creation(
            id: id, tenant: tenant.id, username: username, kind: kind, displayName: displayName, email: email ?? nil,
            passwordHash: hash, roles: roles, units: units) + [audit.insertion(of: event)]
        do {
            try await store.create(queries, tenant: tenant.id)
        } catch AccountAdminStore.Refusal.usernameTaken {
            throw Problem(.conflict, language: context.language).withDetail(LocalizedText(
                fr: "Un compte utilise déjà ce nom d'utilisateur.", ar: "اسم المستخدم هذا مستعمل مسبقًا.",
                en: "Another account has this username."))
        } catch AccountAdminStore.Refusal.unknownUnit {
            throw Problem.validation([.unknownValue("/units")], language: context.language)
        }
        guard let record = try await store.account(id, tenant: tenant.id) else { throw Problem(.internalError, language: context.language) }
        var response = Versioning.tagged(try .json(view(record, tenant), status: .created), version: record.version)
        response.headers.add("Location", "/v1/\(tenant.slug)/admin/accounts/\(id.lowercaseString)")
        return response
    }

    func update(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let record = try await existing(context, tenant)
        let expected = try Versioning.expectedVersion(of: request, language: context.language)
        var fields = try JSONFields(request, context: context)
        for frozen in ["username", "kind", "roles", "units"] where fields.has(frozen) { fields.fail(.notAllowed("/\(frozen)")) }
        let displayName = fields.text("display_name")
        let email = Self.email(&fields)
        let status = fields.text("status", maximum: 20)
        if let status, status != "active", status != "disabled" {
            fields.fail(.unknownValue("/status", allowed: ["active", "disabled"]))
        }
        if status == "disabled", Account.subject(of: record.id) == context.principal.subject {
            fields.fail(.notAllowed("/status"))
        }
        let password = fields.secret(
            "password", required: false, minimum: CitizenRoutes.minimumPasswordLength, maximum: TokenEndpoint.maximumPasswordLength)
        try fields.validate(language: context.language)
        let hash: String? = if let password { try await authenticator.hash(password) } else { nil }
        var changed: [String] = []
        if displayName != nil { changed.append("display_name") }
        if email != nil { changed.append("email") }
        if let status { changed.append("status:\(status)") }
        if hash != nil { changed.append("password") }
        let event = audit.event(
            AuditEvent.Action.accountChanged, tenant: tenant.id, target: Account.subject(of: record.id),
            details: ["changed": .array(changed.map(JSONValue.string))], request: request, context: context)
        do {
            guard try await store.update(
                record.id, tenant: tenant.id, displayName: displayName, email: email, status: status, passwordHash: hash,
                expectedVersion: expected, audit: audit.insertion(of: event))
            else { throw Problem(.notFound, language: context.language) }
        } catch AccountAdminStore.Refusal.versionMismatch {
            throw Problem(.preconditionFailed, language: context.language)
        }
        if status == "disabled" || hash != nil {
            try await endSessions(of: record.id)
        }
        guard let updated = try await store.account(record.id, tenant: tenant.id) else { throw Problem(.notFound, language: context.language) }
        return Versioning.tagged(try .json(view(updated, tenant)), version: updated.version)
    }

    func replaceRoles(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let record = try await existing(context, tenant)
        var fields = try JSONFields(request, context: context)
        let roles = Self.roles(&fields, required: true)
        try fields.validate(language: context.language)
        guard let roles else { throw Problem(.badRequest, language: context.language) }
        let event = { (before: [String]) in
            self.audit.insertion(of: self.audit.event(
                AuditEvent.Action.rolesChanged, tenant: tenant.id, target: Account.subject(of: record.id),
                details: ["before": .array(before.map(JSONValue.string)), "after": .array(roles.sorted().map(JSONValue.string))],
                request: request, context: context))
        }
        guard let before = try await store.replaceRoles(of: record.id, tenant: tenant.id, with: roles, audit: event) else {
            throw Problem.validation([.notAllowed("/roles")], language: context.language)
        }
        if !Set(before).isSubset(of: Set(roles)) { try await endSessions(of: record.id) }
        return try await show(request, context: context)
    }

    func replaceUnits(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let record = try await existing(context, tenant)
        var fields = try JSONFields(request, context: context)
        let units = fields.uuids("units", required: true, maximum: Self.maximumUnits)
        try fields.validate(language: context.language)
        guard let units else { throw Problem(.badRequest, language: context.language) }
        let event = { (before: [UUID]) in
            self.audit.insertion(of: self.audit.event(
                AuditEvent.Action.unitsChanged, tenant: tenant.id, target: Account.subject(of: record.id),
                details: [
                    "before": .array(before.map { .string($0.lowercaseString) }),
                    "after": .array(units.map { .string($0.lowercaseString) }),
                ],
                request: request, context: context))
        }
        let before: [UUID]?
        do {
            before = try await store.replaceUnits(of: record.id, tenant: tenant.id, with: units, audit: event)
        } catch AccountAdminStore.Refusal.unknownUnit {
            throw Problem.validation([.unknownValue("/units")], language: context.language)
        }
        guard let before else { throw Problem.validation([.notAllowed("/units")], language: context.language) }
        if !Set(before).isSubset(of: Set(units)) { try await endSessions(of: record.id) }
        return try await show(request, context: context)
    }

    func resetSecondFactor(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let record = try await existing(context, tenant)
        let event = audit.event(
            AuditEvent.Action.secondFactorReset, tenant: tenant.id, target: Account.subject(of: record.id), request: request,
            context: context)
        guard try await store.resetSecondFactor(of: record.id, tenant: tenant.id, audit: audit.insertion(of: event)) else {
            throw Problem(.notFound, language: context.language)
        }
        try await endSessions(of: record.id)
        return .empty()
    }

    func listRoles(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        try .json(AdministrationViews.RoleList(roles: RoleCatalog.roles))
    }

    // MARK: Helpers

    private func existing(_ context: RequestContext, _ tenant: TenantReference) async throws -> AccountAdminStore.Record {
        guard let id = UUID(uuidString: try context.parameter("account")), let record = try await store.account(id, tenant: tenant.id)
        else { throw Problem(.notFound, language: context.language) }
        return record
    }

    private func endSessions(of account: UUID) async throws {
        revoked.insert(try await sessions.revokeAll(of: account, reason: "changed_by_administrator"))
    }

    private func view(_ record: AccountAdminStore.Record, _ tenant: TenantReference) -> AdministrationViews.Account {
        let zone = TimeZone.named(tenant.timeZone) ?? .casablanca
        return AdministrationViews.Account(
            id: record.id.lowercaseString, username: record.username, kind: record.kind, displayName: record.displayName,
            email: record.email, status: record.status, roles: record.roles, units: record.units.map(\.lowercaseString),
            totpEnrolled: record.totpEnrolled, lockedUntil: record.lockedUntil.map { RFC3339.format($0, in: zone) },
            createdAt: RFC3339.format(record.createdAt, in: zone), version: record.version)
    }

    private static func username(_ fields: inout JSONFields) -> String? {
        guard let raw = fields.text("username", required: true, maximum: Username.maximumLength) else { return nil }
        // Refused rather than folded: a name that NFKC or case would change is a look-alike.
        guard let canonical = Username.canonical(raw), canonical == raw else {
            fields.fail(.invalidFormat("/username", format: LocalizedText(fr: "[a-z0-9._@+-]", ar: "[a-z0-9._@+-]", en: "[a-z0-9._@+-]")))
            return nil
        }
        return canonical
    }

    private static func email(_ fields: inout JSONFields) -> String?? {
        guard fields.has("email") else { return nil }
        guard let text = fields.text("email", maximum: EmailAddress.maximumLength) else { return .some(nil) }
        guard let email = EmailAddress(text) else {
            fields.fail(.invalidEmail("/email"))
            return nil
        }
        return .some(email.value)
    }

    private static func roles(_ fields: inout JSONFields, required: Bool = false) -> [String]? {
        guard let roles = fields.strings("roles", required: required, maximum: Roles.all.count, length: 64) else { return nil }
        for (index, role) in roles.enumerated() where !Roles.all.contains(role) {
            fields.fail(.unknownValue("/roles/\(index)", allowed: Roles.all.sorted()))
        }
        return roles
    }
}
