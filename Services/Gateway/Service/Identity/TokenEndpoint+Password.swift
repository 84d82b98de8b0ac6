import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

extension TokenEndpoint {
    /// The `password` grant: checks the credentials (and the second factor when needed), opens a
    /// session, and answers an access token and the session's first refresh token.
    func passwordGrant(_ parameters: [String: String], _ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let language = context.language
        guard let username = parameters["username"], let password = parameters["password"], !username.isEmpty,
            !password.isEmpty, username.utf8.count <= Username.maximumLength, password.utf8.count <= Self.maximumPasswordLength,
            (parameters["tenant"]?.utf8.count ?? 0) <= 64, (parameters["totp"]?.utf8.count ?? 0) <= 16
        else {
            throw Problem(.invalidTokenRequest, language: language).withOAuthError()
        }
        let slug = parameters["tenant"].flatMap { $0.isEmpty ? nil : $0 }
        let canonical = slug == nil ? Username.platform(username) : Username.canonical(username)
        try admit("login:\(slug ?? "")/\(canonical ?? username)", context: context)

        var tenant: TenantReference?
        if let slug {
            guard let found = try await tenants.tenant(slug: slug), found.status == .active else {
                await authenticator.spendDecoyWork(password)
                await audit.record(
                    failure(reason: "unknown_tenant", username: canonical ?? username, tenant: nil, account: nil, request, context),
                    logger: context.logger)
                throw Problem(.invalidGrant, language: language).withOAuthError()
            }
            tenant = found.reference
        }

        let outcome = try await authenticator.authenticate(username: canonical, password: password, tenant: tenant)
        let name = canonical ?? username
        let account: Account
        let rehashed: String?
        switch outcome {
        case .accepted(let accepted, let upgrade):
            account = accepted
            rehashed = upgrade
        case .unknownAccount:
            await audit.record(failure(reason: "unknown_account", username: name, tenant: tenant?.id, account: nil, request, context), logger: context.logger)
            throw Problem(.invalidGrant, language: language).withOAuthError()
        case .wrongPassword(let refused, let lockedNow):
            await audit.record(failure(reason: "wrong_password", username: name, tenant: tenant?.id, account: refused, request, context), logger: context.logger)
            if lockedNow {
                var event = failure(reason: "too_many_failures", username: name, tenant: tenant?.id, account: refused, request, context)
                event.action = AuditEvent.Action.lockout
                event.details["failures"] = .number(Double(refused.failedAttempts + 1))
                await audit.record(event, logger: context.logger)
            }
            throw Problem(.invalidGrant, language: language).withOAuthError()
        case .locked(let refused):
            await audit.record(failure(reason: "locked", username: name, tenant: tenant?.id, account: refused, request, context), logger: context.logger)
            throw Problem(.invalidGrant, language: language).withOAuthError()
        case .inactive(let refused):
            await audit.record(
                failure(reason: refused.status.rawValue, username: name, tenant: tenant?.id, account: refused, request, context),
                logger: context.logger)
            throw Problem(.invalidGrant, language: language).withOAuthError()
        }

        try await checkSecondFactor(of: account, code: parameters["totp"], name: name, request, context)
        try await authenticator.recordSuccess(of: account, rehashed: rehashed)

        let principal = account.principal
        let opened = try await sessions.open(
            for: principal, principalID: account.id, lifetime: configuration.sessionLifetime,
            refreshLifetime: configuration.refreshTokenLifetime)
        let (token, expiresIn) = try tokens.issue(for: principal, session: opened.session)
        var event = audit.event(
            AuditEvent.Action.login, tenant: account.tenant?.id, target: principal.subject,
            details: ["kind": .string(principal.kind.rawValue), "session": .string(opened.session.lowercaseString)],
            request: request, context: context)
        event.actor = principal.subject
        event.actorKind = principal.kind.rawValue
        await audit.record(event, logger: context.logger)
        context.logger.info("token issued", ["subject": .string(principal.subject), "grant_type": "password"])
        return try Self.answer(
            TokenResponse(accessToken: token, tokenType: "Bearer", expiresIn: expiresIn, refreshToken: opened.refreshToken))
    }

    /// Checks the TOTP code when the account needs one, or confirms an enrolment in progress with
    /// the first code of its secret. A wrong code counts as a failed sign-in.
    private func checkSecondFactor(
        of account: Account, code: String?, name: String, _ request: HTTPRequest, _ context: RequestContext
    ) async throws {
        guard let tenant = account.tenant else { return }
        let factor = account.secondFactor
        let confirming = factor.secret == nil && factor.pending != nil
        guard account.needsSecondFactor || (confirming && code != nil) else { return }
        guard let code, !code.isEmpty else {
            await audit.record(failure(reason: "totp_missing", username: name, tenant: tenant.id, account: account, request, context), logger: context.logger)
            if factor.secret == nil && factor.pending == nil {
                throw Problem(.totpEnrolmentRequired, language: context.language).withOAuthError()
            }
            throw Problem(.totpRequired, language: context.language).withOAuthError()
        }
        guard let secret = factor.secret ?? factor.pending else {
            throw Problem(.totpEnrolmentRequired, language: context.language).withOAuthError()
        }
        let now = clock.now
        if let step = TOTP(secret: secret).verify(code, at: now, after: factor.lastStep),
            try await authenticator.tenantAccounts.acceptSecondFactor(
                of: account.id, tenant: tenant.id, step: step, confirmingPending: factor.secret == nil)
        {
            return
        }
        let lockedNow = try await authenticator.recordFailure(of: account)
        await audit.record(failure(reason: "wrong_totp", username: name, tenant: tenant.id, account: account, request, context), logger: context.logger)
        if lockedNow {
            var event = failure(reason: "too_many_failures", username: name, tenant: tenant.id, account: account, request, context)
            event.action = AuditEvent.Action.lockout
            await audit.record(event, logger: context.logger)
        }
        throw Problem(.invalidGrant, language: context.language).withOAuthError()
    }

    /// A refused sign-in for the audit trail: the actor is the name tried, not yet anyone.
    func failure(
        reason: String, username: String, tenant: UUID?, account: Account?, _ request: HTTPRequest, _ context: RequestContext
    ) -> AuditEvent {
        var event = audit.event(
            AuditEvent.Action.login, succeeded: false, tenant: tenant, target: account.map { Account.subject(of: $0.id) },
            details: ["reason": .string(reason)], request: request, context: context)
        event.actor = "username:\(username.prefix(Username.maximumLength))"
        return event
    }
}
