import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// Cancelling and moving a booking: by its holder with the code and a second factor (the phone
/// number or email address it was booked with) until the cut-off, or by an agent of the desk —
/// after the cut-off only with a manager's override and a logged reason. A freed slot is offered
/// to the first person on the day's waiting list.
struct BookingChangeRoutes: Sendable {
    let dependencies: RouteDependencies
    var answers: SlotAnswers { SlotAnswers(dependencies: dependencies) }
    var store: BookingStore { dependencies.bookings }

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments/bookings/:code"
        routes.post(base + "/cancel", options: AppointmentAccess.publicWrite) { request, context in try await cancel(request, context) }
        routes.post(base + "/move", options: AppointmentAccess.publicWrite) { request, context in try await move(request, context) }
    }

    /// A booking with its site, service and the tenant's settings, found by the code in the path.
    struct Found {
        let record: BookingRecord
        let site: Site
        let service: AppointmentService
        let settings: TenantSettings
        let zone: TenantTimeZone
    }

    /// The booking named by the path's code (404 when malformed, unknown or another tenant's).
    static func find(_ context: RequestContext, _ dependencies: RouteDependencies) async throws -> Found {
        let tenant = try context.requireTenant()
        guard let code = BookingCode(try context.parameter("code")),
            let record = try await dependencies.bookings.booking(code: code, tenant: tenant.id),
            let site = try await dependencies.configuration.site(record.booking.siteID, tenant: tenant.id)?.site,
            let service = try await dependencies.configuration.service(record.booking.serviceID, tenant: tenant.id)?.service
        else { throw Problem(.notFound, language: context.language) }
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        return Found(
            record: record, site: site, service: service, settings: settings, zone: settings.zone(tenantZone: tenant.timeZone))
    }

    /// Checks who may change the booking: an agent of the desk, or its holder with the second
    /// factor; and whether an override was asked by someone who may give one.
    static func authorize(
        _ found: Found, phoneOrEmail: String?, override requested: OverrideBody?, context: RequestContext
    ) throws(Problem) -> RuleOverride? {
        if !AppointmentAccess.isDeskAgent(context) {
            guard let phoneOrEmail, !phoneOrEmail.isBlank else {
                throw Problem.validation([.required("/phone_or_email")], language: context.language)
            }
            guard phoneOrEmail.utf8.count <= 254, found.record.booking.contact.accepts(phoneOrEmail) else {
                throw Problem(.contactMismatch, language: context.language)
            }
        }
        guard let requested else { return nil }
        guard AppointmentAccess.mayOverride(context) else { throw Problem(.overrideNotAllowed, language: context.language) }
        let override = RuleOverride(agent: context.principal.subject, reason: String(requested.reason.trimmingWhitespace()))
        let errors = override.validate()
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        return override
    }

    // MARK: Cancel

    func cancel(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(CancelBody.self, from: request)
        let found = try await Self.find(context, dependencies)
        let override = try Self.authorize(found, phoneOrEmail: body.phoneOrEmail, override: body.override, context: context)
        var booking = found.record.booking
        do {
            try booking.cancel(now: now, cutoff: found.service.cancellationCutoff, override: override)
        } catch {
            throw error.problem(language: context.language)
        }
        let notice = BookingNotice(
            booking: booking, site: found.site, service: found.service, zone: found.zone, language: found.record.language)
        var extra = [
            try store.outbox.recording(
                AppointmentEvents.cancelled,
                AppointmentEvents.BookingData(
                    booking, language: found.record.language, sequence: found.record.sequence + 1,
                    by: AppointmentAccess.isDeskAgent(context) ? .agent : .holder, zone: found.zone),
                tenant: tenant, at: now)
        ]
        if let override {
            extra.append(
                store.overrideAudit(override, bookingID: booking.id, action: "cancel", rules: ["cancellation_cutoff"], tenant: tenant.id, now: now))
        }
        do {
            try await store.cancel(
                found.record, messages: notice.messages(.cancellation, deliverAfter: now), extra: extra, tenant: tenant.id, now: now)
        } catch let error where BookingStore.Refusal(error) == .bookingChanged {
            throw Problem(.bookingStatusConflict, language: context.language)
        }
        try await offerFreedSlot(of: found.record.booking, found: found, tenant: tenant, now: now)
        return try .json(
            BookingViews.BookingView(
                booking, site: found.site, service: found.service, zone: found.zone, tenantSlug: tenant.slug,
                showContact: AppointmentAccess.isDeskAgent(context)))
    }

    // MARK: Move

    func move(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(MoveBody.self, from: request)
        var errors: [FieldError] = []
        let start = RequestReading.instant(body.start, at: "/start", errors: &errors)
        guard errors.isEmpty, let start else { throw Problem.validation(errors, language: context.language) }
        let found = try await Self.find(context, dependencies)
        let override = try Self.authorize(found, phoneOrEmail: body.phoneOrEmail, override: body.override, context: context)
        let record = found.record
        do {
            try record.booking.checkMove(now: now, cutoff: found.service.moveCutoff, override: override)
        } catch {
            throw error.problem(language: context.language)
        }
        let planning = try await answers.planning(
            site: record.booking.siteID, service: record.booking.serviceID, around: start, tenant: tenant, language: context.language,
            excluding: [record.booking.id])
        let candidates = try await answers.candidates(
            planning, start: start, channel: record.booking.channel, now: now, overridingWindow: override != nil, tenant: tenant,
            language: context.language)
        for candidate in candidates {
            var moved = record.booking
            moved.move(to: start, end: candidate.end, counterID: candidate.counterID)
            let notice = BookingNotice(
                booking: moved, site: planning.site, service: planning.service, zone: planning.zone, language: record.language)
            let placement = BookingStore.Placement(
                id: record.booking.id, siteID: record.booking.siteID, service: planning.service, counterID: candidate.counterID,
                start: start, end: candidate.end, seats: record.booking.seats)
            var extra = [
                try store.outbox.recording(
                    AppointmentEvents.moved,
                    AppointmentEvents.BookingData(
                        moved, language: record.language, sequence: record.sequence + 1,
                        by: AppointmentAccess.isDeskAgent(context) ? .agent : .holder, previousStart: record.booking.start, zone: planning.zone),
                    tenant: tenant, at: now)
            ]
            if let override {
                extra.append(
                    store.overrideAudit(override, bookingID: moved.id, action: "move", rules: ["move_cutoff", "booking_window"], tenant: tenant.id, now: now))
            }
            do {
                try await store.move(
                    record, to: placement,
                    messages: notice.messages(.moved, deliverAfter: now)
                        + notice.reminders(planning.settings.reminders, now: now, sequence: record.sequence + 1),
                    extra: extra, tenant: tenant.id, now: now)
            } catch let error where BookingStore.Refusal(error) == .slotTaken {
                continue
            } catch let error where BookingStore.Refusal(error) == .bookingChanged {
                throw Problem(.bookingStatusConflict, language: context.language)
            }
            try await offerFreedSlot(of: record.booking, found: found, tenant: tenant, now: now)
            return try .json(
                BookingViews.BookingView(
                    moved, site: planning.site, service: planning.service, zone: planning.zone, tenantSlug: tenant.slug,
                    showContact: AppointmentAccess.isDeskAgent(context)))
        }
        throw try await answers.problem(
            for: .taken, site: record.booking.siteID, service: record.booking.serviceID, start: start, tenant: tenant, now: now,
            language: context.language)
    }

    // MARK: Waiting list

    /// Offers the slot `booking` left to the first person waiting for its day (best effort: the
    /// slot stays free for everyone when nobody waits or it was taken meanwhile).
    func offerFreedSlot(of booking: Booking, found: Found, tenant: TenantReference, now: Date) async throws {
        guard booking.start > now else { return }
        try await WaitingListOffers(dependencies: dependencies).offer(
            counter: booking.counterID, start: booking.start, end: booking.end, site: found.site, service: found.service,
            settings: found.settings, zone: found.zone, tenant: tenant, now: now)
    }
}

/// Offers freed slots to the waiting list.
struct WaitingListOffers: Sendable {
    let dependencies: RouteDependencies

    /// Offers the slot `start ..< end` on `counter` to the first person waiting for its day.
    @discardableResult
    func offer(
        counter: UUID, start: Date, end: Date, site: Site, service: AppointmentService, settings: TenantSettings, zone: TenantTimeZone,
        tenant: TenantReference, now: Date
    ) async throws -> WaitingListStore.EntryRecord? {
        let placement = BookingStore.Placement(
            id: .timeOrdered(), siteID: site.id, service: service, counterID: counter, start: start, end: end, seats: 1)
        return try await dependencies.waitingList.offer(
            placement, date: zone.localDate(at: start), lifetime: settings.waitingListOfferLifetime,
            notice: { offered in
                let booking = Booking(
                    id: offered.holdID, code: BookingCode("0000000000") ?? .random(), siteID: site.id, serviceID: service.id,
                    counterID: counter, start: start, end: end, contact: offered.entry.entry.contact, channel: .web, createdAt: now)
                let until = zone.localDateTime(at: offered.expiresAt)
                return BookingNotice(booking: booking, site: site, service: service, zone: zone, language: offered.entry.language)
                    .messages(
                        .waitingListOffer, deliverAfter: now,
                        extra: [
                            "hold": offered.holdID.lowercaseString, "until_date": BookingNotice.humanDate(until.date),
                            "until_time": until.time.description,
                        ])
            },
            bookings: dependencies.bookings, tenant: tenant.id, now: now)
    }
}
