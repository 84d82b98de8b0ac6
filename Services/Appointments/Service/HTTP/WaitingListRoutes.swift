import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// The waiting list of a full day: people join with a verified contact and are offered freed slots
/// first come, first served (a hold kept for them; they confirm it like any hold).
struct WaitingListRoutes: Sendable {
    let dependencies: RouteDependencies

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments/waiting-list"
        routes.post(base, options: AppointmentAccess.publicWrite) { request, context in try await join(request, context) }
        routes.post(base + "/:entry/withdraw", options: AppointmentAccess.publicWrite) { request, context in
            try await withdraw(request, context)
        }
    }

    struct Joined: Encodable {
        let id: String
        let site: String
        let service: String
        let date: String
        let status: String
        let position: Int
    }

    func join(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(WaitingListBody.self, from: request)
        var errors: [FieldError] = []
        let date = RequestReading.date(body.date, at: "/date", errors: &errors)
        let language = RequestReading.language(body.language, default: context.language, errors: &errors)
        let (contact, contactErrors) = ContactDetails.parseBooking(name: body.contact.name, phone: body.contact.phone, email: body.contact.email)
        errors += contactErrors
        guard errors.isEmpty, let date, let contact else { throw Problem.validation(errors, language: context.language) }
        guard let service = try await dependencies.configuration.service(body.service, tenant: tenant.id)?.service else {
            throw Problem.validation([.unknownReference("/service")], language: context.language)
        }
        guard service.isOffered(at: body.site) else { throw Problem(.serviceNotOffered, language: context.language) }
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        guard date >= zone.localDate(at: now) else { throw Problem(.slotInPast, language: context.language) }
        let verifies = settings.requiresVerifiedContact && !AppointmentAccess.isDeskAgent(context)
        if verifies && body.verification == nil { throw Problem(.contactNotVerified, language: context.language) }
        let joined: (entry: WaitingList.Entry, position: Int)
        do {
            joined = try await dependencies.waitingList.join(
                site: body.site, service: body.service, date: date, contact: contact, language: language,
                verification: verifies ? body.verification : nil, tenant: tenant.id, now: now)
        } catch let error where BookingStore.Refusal(error) == .contactNotVerified {
            throw Problem(.contactNotVerified, language: context.language)
        }
        return try .json(
            Joined(
                id: joined.entry.id.lowercaseString, site: body.site.lowercaseString, service: body.service.lowercaseString,
                date: date.description, status: joined.entry.status.rawValue, position: joined.position),
            status: .created)
    }

    func withdraw(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let id = try context.uuidParameter("entry")
        let body = try context.decode(WithdrawBody.self, from: request)
        guard let entry = try await dependencies.waitingList.entry(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        guard AppointmentAccess.isDeskAgent(context) || entry.entry.contact.accepts(body.phoneOrEmail) else {
            throw Problem(.contactMismatch, language: context.language)
        }
        guard try await dependencies.waitingList.withdraw(id, tenant: tenant.id) else {
            throw Problem(.conflict, language: context.language)
        }
        return .empty()
    }
}
