import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// What agents do on site: the day's agenda, check-in (which puts the visitor in the queue),
/// no-shows, and the queue itself — tickets for walk-ins, calling the next person to a counter,
/// serving or marking a no-show — with live waiting counts anyone may read.
struct DeskRoutes: Sendable {
    let dependencies: RouteDependencies

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.get(base + "/agenda", options: AppointmentAccess.desk) { request, context in try await agenda(request, context) }
        routes.post(base + "/bookings/:code/check-in", options: AppointmentAccess.desk) { _, context in try await checkIn(context) }
        routes.post(base + "/bookings/:code/no-show", options: AppointmentAccess.desk) { _, context in try await noShow(context) }
        routes.get(base + "/queue", options: AppointmentAccess.anyone) { request, context in try await queue(request, context) }
        routes.post(base + "/queue/tickets", options: AppointmentAccess.desk) { request, context in try await issue(request, context) }
        routes.post(base + "/queue/call", options: AppointmentAccess.desk) { request, context in try await callNext(request, context) }
        routes.post(base + "/queue/tickets/:ticket/serve", options: AppointmentAccess.desk) { _, context in
            try await close(context, as: .served)
        }
        routes.post(base + "/queue/tickets/:ticket/no-show", options: AppointmentAccess.desk) { _, context in
            try await close(context, as: .noShow)
        }
    }

    private func zone(_ tenant: TenantReference) async throws -> (TenantSettings, TenantTimeZone) {
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        return (settings, settings.zone(tenantZone: tenant.timeZone))
    }

    // MARK: Agenda

    func agenda(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        var errors: [FieldError] = []
        let site = RequestReading.uuid(request, "site", errors: &errors)
        let counter = RequestReading.uuid(request, "counter", required: false, errors: &errors)
        let agent = RequestReading.uuid(request, "agent", required: false, errors: &errors)
        let requestedDate = request.query["date"].flatMap { RequestReading.date($0, at: "/date", errors: &errors) }
        guard errors.isEmpty, let site else { throw Problem.validation(errors, language: context.language) }
        let (_, zone) = try await zone(tenant)
        let date = requestedDate ?? zone.localDate(at: now)
        let counters = try await dependencies.configuration.counters(site: site, tenant: tenant.id).map(\.counter)
        let records = try await dependencies.bookings.bookings(
            site: site, from: zone.startOfDay(date), to: date.startOfNextDay(in: zone.timeZone), counter: counter, agent: agent,
            tenant: tenant.id)
        let entries = records.map { record in
            let booking = record.booking
            return DeskViews.AgendaEntry(
                code: booking.code.displayed, status: booking.status.rawValue, start: zone.format(booking.start),
                end: zone.format(booking.end), service: booking.serviceID.lowercaseString, counter: booking.counterID.lowercaseString,
                counterLabel: counters.first { $0.id == booking.counterID }?.label ?? "", channel: booking.channel.rawValue,
                contact: BookingViews.Contact(booking.contact), checkedInAt: record.checkedInAt.map(zone.format))
        }
        return try .json(DeskViews.Agenda(site: site.lowercaseString, date: date.description, bookings: entries))
    }

    // MARK: Check-in and no-shows

    func checkIn(_ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let found = try await BookingChangeRoutes.find(context, dependencies)
        var booking = found.record.booking
        do {
            try booking.checkIn(now: now)
        } catch {
            throw error.problem(language: context.language)
        }
        let ticketID = UUID.timeOrdered()
        let date = found.zone.localDate(at: now)
        let issuing = dependencies.queue.issuing(
            id: ticketID, site: booking.siteID, date: date, prefix: found.service.ticketPrefix, service: booking.serviceID,
            booking: booking.id, tenant: tenant.id, now: now)
        do {
            try await dependencies.bookings.change(found.record, to: .checkedIn, extra: issuing, tenant: tenant.id, now: now)
        } catch let error where BookingStore.Refusal(error) == .bookingChanged {
            throw Problem(.bookingStatusConflict, language: context.language)
        }
        guard let ticket = try await dependencies.queue.ticket(ticketID, tenant: tenant.id) else {
            throw Problem(.internalError, language: context.language)
        }
        let queue = SiteQueue(
            siteID: booking.siteID, date: date, tickets: try await dependencies.queue.tickets(site: booking.siteID, date: date, tenant: tenant.id).map(\.ticket))
        return try .json(
            DeskViews.CheckedIn(
                booking: BookingViews.BookingView(
                    booking, site: found.site, service: found.service, zone: found.zone, tenantSlug: tenant.slug, showContact: true),
                ticket: DeskViews.Ticket(ticket, queue: queue, zone: found.zone, now: now)))
    }

    func noShow(_ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let found = try await BookingChangeRoutes.find(context, dependencies)
        var booking = found.record.booking
        do {
            try booking.markNoShow(now: now, grace: found.settings.noShowGrace)
        } catch {
            throw error.problem(language: context.language)
        }
        do {
            try await dependencies.bookings.change(found.record, to: .noShow, extra: [], tenant: tenant.id, now: now)
        } catch let error where BookingStore.Refusal(error) == .bookingChanged {
            throw Problem(.bookingStatusConflict, language: context.language)
        }
        return try .json(
            BookingViews.BookingView(
                booking, site: found.site, service: found.service, zone: found.zone, tenantSlug: tenant.slug, showContact: true))
    }

    // MARK: Queue

    func queue(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        var errors: [FieldError] = []
        let site = RequestReading.uuid(request, "site", errors: &errors)
        guard errors.isEmpty, let site else { throw Problem.validation(errors, language: context.language) }
        let (_, zone) = try await zone(tenant)
        let date = zone.localDate(at: now)
        let records = try await dependencies.queue.tickets(site: site, date: date, tenant: tenant.id)
        let queue = SiteQueue(siteID: site, date: date, tickets: records.map(\.ticket))
        let counts = queue.waitingCounts.map { DeskViews.ServiceCount(service: $0.key.lowercaseString, waiting: $0.value) }
            .sorted { $0.service < $1.service }
        let called = records.filter { $0.ticket.status == .called }.compactMap { record in
            record.ticket.counterID.map { DeskViews.Called(label: record.ticket.label, counter: $0.lowercaseString) }
        }
        let tickets = AppointmentAccess.isDeskAgent(context) ? records.map { DeskViews.Ticket($0, queue: queue, zone: zone, now: now) } : nil
        return try .json(
            DeskViews.Queue(
                site: site.lowercaseString, date: date.description, waiting: queue.waitingCount(), services: counts, called: called,
                tickets: tickets))
    }

    func issue(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(TicketBody.self, from: request)
        guard let service = try await dependencies.configuration.service(body.service, tenant: tenant.id)?.service else {
            throw Problem.validation([.unknownReference("/service")], language: context.language)
        }
        guard service.isOffered(at: body.site) else { throw Problem(.serviceNotOffered, language: context.language) }
        let (_, zone) = try await zone(tenant)
        let date = zone.localDate(at: now)
        let id = UUID.timeOrdered()
        _ = try await dependencies.queue.issue(
            id: id, site: body.site, date: date, prefix: service.ticketPrefix, service: service.id, tenant: tenant.id, now: now)
        guard let record = try await dependencies.queue.ticket(id, tenant: tenant.id) else { throw Problem(.internalError, language: context.language) }
        let queue = SiteQueue(
            siteID: body.site, date: date, tickets: try await dependencies.queue.tickets(site: body.site, date: date, tenant: tenant.id).map(\.ticket))
        return try .json(DeskViews.Ticket(record, queue: queue, zone: zone, now: now), status: .created)
    }

    func callNext(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(CallBody.self, from: request)
        guard let counter = try await dependencies.configuration.counter(body.counter, tenant: tenant.id)?.counter,
            counter.siteID == body.site
        else { throw Problem.validation([.unknownReference("/counter")], language: context.language) }
        let (_, zone) = try await zone(tenant)
        let date = zone.localDate(at: now)
        guard
            let called = try await dependencies.queue.callNext(
                site: body.site, date: date, counter: counter.id, services: counter.serviceIDs.isEmpty ? nil : counter.serviceIDs,
                tenant: tenant.id, now: now)
        else { return .empty() }
        return try .json(DeskViews.Ticket(called, queue: nil, zone: zone, now: now))
    }

    func close(_ context: RequestContext, as status: QueueTicket.Status) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let id = try context.uuidParameter("ticket")
        let record: TicketRecord
        do {
            record = try await dependencies.queue.close(id, as: status, tenant: tenant.id, now: now)
        } catch QueueStore.Refusal.unknownTicket {
            throw Problem(.notFound, language: context.language)
        } catch QueueStore.Refusal.statusConflict(let current) {
            throw SiteQueue.Failure.statusConflict(current).problem(language: context.language)
        }
        let (_, zone) = try await zone(tenant)
        return try .json(DeskViews.Ticket(record, queue: nil, zone: zone, now: now))
    }
}
