import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// One-time codes that prove a person holds the phone number or email address they book with.
///
/// ```
/// POST …/verifications {phone | email, channel?, language?}  → 201 {id, channel, destination, expires_at}
///      (the code goes out as an SMS or an email through the outbox)
/// POST …/verifications/{id}/confirm {code}                   → 200 {id, …, verified_until}
/// POST …/bookings {…, contact, verification: id}             → 201: the contact must be the verified one
/// ```
struct VerificationRoutes: Sendable {
    let dependencies: RouteDependencies
    let configuration = ContactVerification.Configuration()

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.post(base + "/verifications", options: AppointmentAccess.publicWrite) { request, context in
            try await start(request, context)
        }
        routes.post(base + "/verifications/:verification/confirm", options: AppointmentAccess.publicWrite) { request, context in
            try await confirm(request, context)
        }
    }

    func start(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(VerificationBody.self, from: request)
        var errors: [FieldError] = []
        var contact = ContactDetails.parse(name: nil, email: body.email, phone: body.phone, nameRule: ContactDetails.bookingNameRule, at: "", errors: &errors)
        let language = RequestReading.language(body.language, default: context.language, errors: &errors)
        var channel: ContactVerification.Channel?
        if let name = body.channel {
            channel = ContactVerification.Channel(rawValue: name)
            if channel == nil { errors.append(.unknownValue("/channel", allowed: ContactVerification.Channel.allCases.map(\.rawValue))) }
        } else {
            channel = contact.phone != nil ? .sms : .email
        }
        if (body.phone ?? "").isBlank && (body.email ?? "").isBlank {
            errors += [.required("/phone"), .required("/email")]
        }
        if let channel, errors.isEmpty, ContactVerification.destination(of: contact, channel: channel) == nil {
            errors.append(.required(channel == .sms ? "/phone" : "/email"))
        }
        guard errors.isEmpty, let channel, let destination = ContactVerification.destination(of: contact, channel: channel) else {
            throw Problem.validation(errors, language: context.language)
        }
        contact.name = nil
        let (verification, code) = ContactVerification.start(
            id: .timeOrdered(), channel: channel, destination: destination, now: now, configuration: configuration)
        let message = AppointmentMessage.verificationCode(code, verification: verification, language: language, now: now)
        guard try await dependencies.verifications.start(verification, message: message, tenant: tenant.id, now: now) else {
            var problem = Problem(.tooManyRequests, language: context.language)
            problem.extensions["retry_after_seconds"] = .number(3600)
            throw problem
        }
        let zone = try await zone(tenant)
        var response = try HTTPResponse.json(view(verification, zone: zone), status: .created)
        response.headers.add("Location", "/v1/\(tenant.slug)/appointments/verifications/\(verification.id.lowercaseString)")
        return response
    }

    func confirm(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let id = try context.uuidParameter("verification")
        let body = try context.decode(VerificationCodeBody.self, from: request)
        guard body.code.count <= 20 else { throw Problem.validation([.tooLong("/code", maximum: 20)], language: context.language) }
        guard var verification = try await dependencies.verifications.verification(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        if verification.verifiedAt != nil { return try .json(view(verification, zone: try await zone(tenant))) }
        let previousAttempts = verification.attempts
        var failure: ContactVerification.Failure?
        do {
            try verification.confirm(body.code, now: now, configuration: configuration)
        } catch {
            failure = error
        }
        if verification.attempts != previousAttempts || failure == nil {
            let saved = try await dependencies.verifications.save(
                verification, previousAttempts: previousAttempts, verifiedUntil: verification.verifiedUntil(configuration: configuration),
                tenant: tenant.id)
            // Someone typed a code at the same time: their attempt counts, this one is refused.
            if !saved && failure == nil { failure = .wrongCode }
        }
        switch failure {
        case .wrongCode?: throw Problem(.verificationCodeInvalid, language: context.language)
        case .expired?: throw Problem(.verificationExpired, language: context.language)
        case nil: return try .json(view(verification, zone: try await zone(tenant)))
        }
    }

    private func view(_ verification: ContactVerification, zone: TenantTimeZone) -> BookingViews.VerificationView {
        BookingViews.VerificationView(
            id: verification.id.lowercaseString, channel: verification.channel.rawValue,
            destination: BookingViews.masked(verification.destination), expiresAt: zone.format(verification.expiresAt),
            verifiedUntil: verification.verifiedUntil(configuration: configuration).map(zone.format))
    }

    private func zone(_ tenant: TenantReference) async throws -> TenantTimeZone {
        try await dependencies.configuration.settings(tenant: tenant.id).zone(tenantZone: tenant.timeZone)
    }
}
