import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// Booking a slot — by citizens on the web or the app, by agents for a caller or a visitor, all
/// through the same rules and the same constraint — and reading a booking by its code (as JSON or
/// as an iCalendar file).
struct BookingRoutes: Sendable {
    let dependencies: RouteDependencies
    var answers: SlotAnswers { SlotAnswers(dependencies: dependencies) }
    var store: BookingStore { dependencies.bookings }

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.post(base + "/bookings", options: AppointmentAccess.publicWrite) { request, context in try await book(request, context) }
        // `{code}` or `{code}.ics`: one route (the router matches whole segments).
        routes.get(base + "/bookings/:code", options: AppointmentAccess.anyone) { request, context in try await show(request, context) }
    }

    // MARK: Booking

    func book(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(BookingBody.self, from: request)
        let input = try BookingInput(body, context: context)
        let key = try IdempotencyKey.of(request, context: context)
        if let key, let replay = try await dependencies.idempotency.replay(key, tenant: tenant.id, language: context.language) {
            return replay
        }
        let hold = try await liveHold(body.hold, matching: body, start: input.start, now: now, language: context.language, tenant: tenant)
        let planning = try await answers.planning(
            site: body.site, service: body.service, around: input.start, tenant: tenant, language: context.language,
            excluding: hold.map { [$0.id] } ?? [])
        var candidates = try await answers.candidates(
            planning, start: input.start, channel: input.channel, now: now, overridingWindow: input.override != nil, tenant: tenant,
            language: context.language)
        if let hold {
            // A hold keeps its counter: confirming it must not move the person elsewhere.
            candidates = candidates.filter { $0.counterID == hold.counterID }
        }
        let verifies = planning.settings.requiresVerifiedContact && (input.channel == .web || input.channel == .mobile)
        if verifies && body.verification == nil {
            throw Problem(.contactNotVerified, language: context.language)
        }
        for candidate in candidates {
            for _ in 0..<3 {
                let booking = Booking(
                    id: hold?.id ?? .timeOrdered(), code: .random(), siteID: body.site, serviceID: body.service,
                    counterID: candidate.counterID, start: input.start, end: candidate.end, contact: input.contact, channel: input.channel,
                    createdAt: now)
                let notice = BookingNotice(
                    booking: booking, site: planning.site, service: planning.service, zone: planning.zone, language: input.language)
                var response = try HTTPResponse.json(
                    BookingViews.BookingView(
                        booking, site: planning.site, service: planning.service, zone: planning.zone, tenantSlug: tenant.slug),
                    status: .created)
                response.headers.add("Location", "/v1/\(tenant.slug)/appointments/bookings/\(booking.code.displayed)")
                let desk = AppointmentAccess.isDeskAgent(context)
                var extra = [
                    try store.outbox.recording(
                        AppointmentEvents.booked,
                        AppointmentEvents.BookingData(
                            booking, language: input.language, sequence: 0, by: desk ? .agent : .holder, zone: planning.zone),
                        tenant: tenant, at: now)
                ]
                if let override = input.override {
                    extra.append(
                        store.overrideAudit(override, bookingID: booking.id, action: "book", rules: ["booking_window", "per_person_cap", "channel"],
                                            tenant: tenant.id, now: now))
                }
                if let key { extra.append(dependencies.idempotency.recording(response, for: key, tenant: tenant.id)) }
                let confirmation = BookingStore.Confirmation(
                    code: booking.code, contact: input.contact, language: input.language, channel: input.channel,
                    bookedBy: desk ? context.principal.subject : nil,
                    verification: verifies ? body.verification : nil,
                    perPersonCap: input.override == nil ? planning.service.perPersonCap : nil,
                    messages: notice.messages(.confirmation, deliverAfter: now)
                        + notice.reminders(planning.settings.reminders, now: now, sequence: 0),
                    extra: extra)
                do {
                    if let hold {
                        try await store.confirm(hold: hold, confirmation, tenant: tenant.id, now: now)
                    } else {
                        let placement = BookingStore.Placement(
                            id: booking.id, siteID: body.site, service: planning.service, counterID: candidate.counterID,
                            start: input.start, end: candidate.end, seats: 1)
                        try await store.book(placement, confirmation, tenant: tenant.id, now: now)
                    }
                    context.logger.info("booked", ["channel": .string(input.channel.rawValue)])
                    return response
                } catch let error where IdempotencyStore.isConcurrentDuplicate(error) {
                    if let key, let replay = try await dependencies.idempotency.replay(key, tenant: tenant.id, language: context.language) {
                        return replay
                    }
                    throw error
                } catch let error {
                    switch BookingStore.Refusal(error) {
                    case .codeTaken?: continue
                    case .slotTaken?: break
                    case .bookingLimitReached?:
                        throw BookingRuleViolation.bookingLimitReached(cap: planning.service.perPersonCap).problem(language: context.language)
                    case .contactNotVerified?: throw Problem(.contactNotVerified, language: context.language)
                    case .holdExpired?: throw Problem(.holdExpired, language: context.language)
                    case .bookingChanged?, nil: throw error
                    }
                }
                break
            }
        }
        throw try await answers.problem(
            for: .taken, site: body.site, service: body.service, start: input.start, tenant: tenant, now: now, language: context.language)
    }

    /// The hold a booking confirms, checked: it must exist, be for the same site, service and
    /// start (422 `/hold`), still be a hold (409) and still be live (410).
    private func liveHold(
        _ id: UUID?, matching body: BookingBody, start: Date, now: Date, language: Language, tenant: TenantReference
    ) async throws -> HoldRecord? {
        guard let id else { return nil }
        guard let hold = try await store.hold(id, tenant: tenant.id), hold.siteID == body.site, hold.serviceID == body.service,
            hold.start == start
        else { throw Problem.validation([.unknownReference("/hold")], language: language) }
        guard hold.status == "held" || hold.status == "expired" else { throw Problem(.bookingStatusConflict, language: language) }
        guard hold.isLive(at: now) else { throw Problem(.holdExpired, language: language) }
        return hold
    }

    // MARK: Reading

    func show(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        var text = try context.parameter("code")
        let calendar = text.hasSuffix(".ics")
        if calendar { text.removeLast(4) }
        // A malformed code, or another tenant's, is simply not found.
        guard let code = BookingCode(text), let record = try await store.booking(code: code, tenant: tenant.id),
            let site = try await dependencies.configuration.site(record.booking.siteID, tenant: tenant.id)?.site,
            let service = try await dependencies.configuration.service(record.booking.serviceID, tenant: tenant.id)?.service
        else { throw Problem(.notFound, language: context.language) }
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        if calendar {
            let event = AppointmentCalendarEvent(
                booking: record.booking, service: service, site: site, language: context.language, reminders: settings.reminders,
                sequence: record.sequence)
            var headers = HTTPHeaders()
            headers.add("Content-Type", AppointmentCalendarEvent.mediaType)
            headers.add("Content-Disposition", "attachment; filename=\"rendez-vous-\(code.displayed).ics\"")
            return HTTPResponse(status: .ok, headers: headers, body: event.document(in: zone, stamp: now))
        }
        let desk = AppointmentAccess.isDeskAgent(context)
        let counter = desk ? try await dependencies.configuration.counter(record.booking.counterID, tenant: tenant.id)?.counter.label : nil
        return try .json(
            BookingViews.BookingView(
                record.booking, site: site, service: service, zone: zone, tenantSlug: tenant.slug, counterLabel: counter, showContact: desk))
    }
}

/// A booking request's fields, read and checked: every invalid one is reported at once.
struct BookingInput {
    let start: Date
    let channel: Channel
    let language: Language
    let contact: ContactDetails
    let override: RuleOverride?

    init(_ body: BookingBody, context: RequestContext) throws(Problem) {
        let desk = AppointmentAccess.isDeskAgent(context)
        var errors: [FieldError] = []
        let start = RequestReading.instant(body.start, at: "/start", errors: &errors)
        var channel: Channel = desk ? .desk : .web
        if let name = body.channel {
            if let parsed = Channel(rawValue: name) {
                channel = parsed
                // Phone and desk bookings are made by agents; citizens book on the web or the app.
                if (parsed == .phone || parsed == .desk) && !desk { errors.append(.notAllowed("/channel")) }
            } else {
                errors.append(.unknownValue("/channel", allowed: Channel.allCases.map(\.rawValue)))
            }
        }
        let language = RequestReading.language(body.language, default: context.language, errors: &errors)
        let (contact, contactErrors) = ContactDetails.parseBooking(name: body.contact.name, phone: body.contact.phone, email: body.contact.email)
        errors += contactErrors
        var override: RuleOverride?
        if let requested = body.override {
            guard AppointmentAccess.mayOverride(context) else { throw Problem(.overrideNotAllowed, language: context.language) }
            let candidate = RuleOverride(agent: context.principal.subject, reason: String(requested.reason.trimmingWhitespace()))
            errors += candidate.validate()
            override = candidate
        }
        guard errors.isEmpty, let start, let contact else { throw Problem.validation(errors, language: context.language) }
        self.start = start
        self.channel = channel
        self.language = language
        self.contact = contact
        self.override = override
    }
}
