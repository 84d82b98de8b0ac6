import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// Citizens' accounts: `POST /v1/auth/citizens` signs up with an email address or a phone number
/// and a password, and sends a one-time code there; `POST /v1/auth/citizens/verify` enters it.
/// Then the citizen signs in with the password grant (no tenant): a citizen belongs to no tenant
/// and follows their requests in every one.
///
/// Nothing tells whether an address has an account: sign-up answers 202 either way (the owner of
/// an existing account gets a notice instead of a code, recorded the same way in the same kind of
/// transaction), and every wrong code answers the same. Sign-up answers 503 when no sender is
/// configured, or when the sender cannot reach that kind of identifier (an email address with no
/// SMTP server, a phone number with no SMS provider) — decided before the account is looked at.
struct CitizenRoutes: Sendable {
    let store: CitizenStore
    let authenticator: PasswordAuthenticator
    let sender: (any VerificationCodeSender)?
    let limiter: RateLimiter
    let audit: AuditLog

    /// The shortest password accepted for a new account.
    static let minimumPasswordLength = 10

    struct SignUpRequest: Decodable {
        let email: String?
        let phone: String?
        let password: String
        let displayName: String?
        let language: Language?
    }

    struct VerifyRequest: Decodable {
        let email: String?
        let phone: String?
        let code: String
    }

    private struct Accepted: Encodable {
        let status = "verification_sent"
    }

    private struct Verified: Encodable {
        let status = "active"
    }

    func signUp(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        guard let sender else { throw Problem(.signUpUnavailable, language: context.language) }
        let input = try context.decode(SignUpRequest.self, from: request)
        var errors: [FieldError] = []
        let destination = Self.destination(email: input.email, phone: input.phone, errors: &errors)
        let bytes = input.password.utf8.count
        if bytes < Self.minimumPasswordLength { errors.append(.tooShort("/password", minimum: Self.minimumPasswordLength)) }
        if bytes > TokenEndpoint.maximumPasswordLength {
            errors.append(.tooLong("/password", maximum: TokenEndpoint.maximumPasswordLength))
        }
        let displayName = input.displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let displayName, displayName.count > 200 { errors.append(.tooLong("/display_name", maximum: 200)) }
        if let displayName, displayName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.append(.controlCharacter("/display_name"))
        }
        guard errors.isEmpty, let (username, address) = destination else {
            throw Problem.validation(errors, language: context.language)
        }
        if let wait = limiter.admit(.principal("signup:\(username)", .login)) {
            return RateLimiting.refusal(after: wait, language: context.language)
        }
        guard sender.canSend(to: address) else { throw Problem(.signUpUnavailable, language: context.language) }
        let language = input.language ?? context.language
        let hash = try await authenticator.hash(input.password)
        func message(for outcome: CitizenStore.SignUp) -> VerificationMessage {
            switch outcome {
            case .pending(_, let code): VerificationMessage(purpose: .signUp, destination: address, code: code, language: language)
            case .exists: VerificationMessage(purpose: .accountExists, destination: address, code: nil, language: language)
            }
        }
        let outcome = try await store.signUp(
            username: username, passwordHash: hash, displayName: displayName?.isEmpty == false ? displayName : nil,
            language: language
        ) { try sender.recording(message(for: $0)) }
        try await sender.send(message(for: outcome))
        if case .pending(let id, _) = outcome {
            var event = audit.event(AuditEvent.Action.citizenSignedUp, tenant: nil, target: Account.subject(of: id), request: request, context: context)
            event.actor = "username:\(username)"
            await audit.record(event, logger: context.logger)
        }
        return try .json(Accepted(), status: .accepted)
    }

    func verify(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let input = try context.decode(VerifyRequest.self, from: request)
        var errors: [FieldError] = []
        let destination = Self.destination(email: input.email, phone: input.phone, errors: &errors)
        guard errors.isEmpty, let (username, _) = destination else {
            throw Problem.validation(errors, language: context.language)
        }
        if let wait = limiter.admit(.principal("verify:\(username)", .login)) {
            return RateLimiting.refusal(after: wait, language: context.language)
        }
        guard input.code.utf8.count <= 16, let id = try await store.verify(username: username, code: input.code) else {
            var event = audit.event(AuditEvent.Action.citizenVerified, succeeded: false, tenant: nil, request: request, context: context)
            event.actor = "username:\(username)"
            await audit.record(event, logger: context.logger)
            throw Problem(.invalidVerificationCode, language: context.language)
        }
        var event = audit.event(AuditEvent.Action.citizenVerified, tenant: nil, target: Account.subject(of: id), request: request, context: context)
        event.actor = Account.subject(of: id)
        event.actorKind = "citizen"
        await audit.record(event, logger: context.logger)
        return try .json(Verified())
    }

    /// The canonical username and where to write, from exactly one of an email and a phone.
    private static func destination(
        email: String?, phone: String?, errors: inout [FieldError]
    ) -> (String, VerificationMessage.Destination)? {
        switch (email, phone) {
        case (let email?, nil):
            guard let username = Username.citizen(email), username.contains("@") else {
                errors.append(.invalidEmail("/email"))
                return nil
            }
            return (username, .email(username))
        case (nil, let phone?):
            guard let username = Username.citizen(phone), username.hasPrefix("+") else {
                errors.append(.invalidPhone("/phone"))
                return nil
            }
            return (username, .phone(username))
        case (nil, nil):
            errors.append(.required("/email"))
            return nil
        case (.some, .some):
            errors.append(.notAllowed("/phone"))
            return nil
        }
    }
}
