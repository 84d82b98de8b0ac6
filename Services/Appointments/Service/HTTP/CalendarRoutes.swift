import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// The calendar managers keep: counters' dated exceptions, site closures, absences, holidays, and
/// the tenant's appointment settings. Every change that takes time away reschedules the bookings it
/// affects and lists them in the answer (``Rescheduler``).
struct CalendarRoutes: Sendable {
    let dependencies: RouteDependencies
    var store: ConfigurationStore { dependencies.configuration }
    var rescheduler: Rescheduler { Rescheduler(planning: dependencies.planning, bookings: dependencies.bookings) }

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.put(base + "/counters/:counter/exceptions/:date", options: AppointmentAccess.managers) { request, context in
            try await saveException(request, context)
        }
        routes.delete(base + "/counters/:counter/exceptions/:date", options: AppointmentAccess.managers) { _, context in
            try await deleteException(context)
        }
        routes.post(base + "/sites/:site/closures", options: AppointmentAccess.managers) { request, context in
            try await closeSite(request, context)
        }
        routes.get(base + "/absences", options: AppointmentAccess.desk) { request, context in try await listAbsences(request, context) }
        routes.post(base + "/absences", options: AppointmentAccess.managers) { request, context in try await addAbsence(request, context) }
        routes.delete(base + "/absences/:absence", options: AppointmentAccess.managers) { _, context in
            try await deleteAbsence(context)
        }
        routes.get(base + "/holidays", options: AppointmentAccess.anyone) { _, context in try await listHolidays(context) }
        routes.post(base + "/holidays", options: AppointmentAccess.managers) { request, context in try await addHoliday(request, context) }
        routes.delete(base + "/holidays/:holiday", options: AppointmentAccess.managers) { _, context in
            try await deleteHoliday(context)
        }
        routes.get(base + "/settings", options: AppointmentAccess.managers) { _, context in try await getSettings(context) }
        routes.put(base + "/settings", options: AppointmentAccess.managers) { request, context in try await saveSettings(request, context) }
    }

    // MARK: Exceptions and closures

    func saveException(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let id = try context.uuidParameter("counter")
        guard let date = LocalDate(try context.parameter("date")) else {
            throw Problem.validation([.invalidFormat("/date", format: dateFormat)], language: context.language)
        }
        let exception = try ConfigurationInput.exception(context.decode(ExceptionBody.self, from: request), date: date, language: context.language)
        guard let counter = try await store.counter(id, tenant: tenant.id) else { throw Problem(.notFound, language: context.language) }
        try await store.save(exception, counters: [id], tenant: tenant.id, now: now)
        let affected = try await rescheduler.reconcile(site: counter.counter.siteID, dates: date...date, tenant: tenant, now: now)
        return try .json(WithAffectedBookings(value: ConfigurationViews.ExceptionView(exception), affectedBookings: affected))
    }

    func deleteException(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let id = try context.uuidParameter("counter")
        guard let date = LocalDate(try context.parameter("date")),
            try await store.deleteException(counter: id, date: date, tenant: tenant.id)
        else { throw Problem(.notFound, language: context.language) }
        return .empty()
    }

    func closeSite(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let site = try context.uuidParameter("site")
        let body = try context.decode(ClosureBody.self, from: request)
        var errors: [FieldError] = []
        let date = RequestReading.date(body.date, at: "/date", errors: &errors)
        let exception = date.map { ScheduleException(date: $0, change: .closed, reason: body.reason) }
        if let exception { errors += exception.validate(at: "") }
        guard errors.isEmpty, let date, let exception else { throw Problem.validation(errors, language: context.language) }
        guard try await store.site(site, tenant: tenant.id) != nil else { throw Problem(.notFound, language: context.language) }
        let counters = try await store.counters(site: site, tenant: tenant.id).map(\.counter.id)
        try await store.save(exception, counters: counters, tenant: tenant.id, now: now)
        let affected = try await rescheduler.reconcile(site: site, dates: date...date, tenant: tenant, now: now)
        return try .json(WithAffectedBookings(value: ConfigurationViews.ExceptionView(exception), affectedBookings: affected), status: .created)
    }

    // MARK: Absences

    func listAbsences(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        var errors: [FieldError] = []
        let site = RequestReading.uuid(request, "site", required: false, errors: &errors)
        let counter = RequestReading.uuid(request, "counter", required: false, errors: &errors)
        let from = request.query["from"].flatMap { RequestReading.instant($0, at: "/from", errors: &errors) } ?? now
        let to = request.query["to"].flatMap { RequestReading.instant($0, at: "/to", errors: &errors) } ?? from.adding(.seconds(366 * 86_400))
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let zone = try await store.settings(tenant: tenant.id).zone(tenantZone: tenant.timeZone)
        let absences = try await store.absences(counter: counter, site: site, from: from, to: to, tenant: tenant.id)
        return try .json(ConfigurationViews.AbsenceListView(absences: absences.map { .init(id: $0.id, absence: $0.absence, zone: zone) }))
    }

    func addAbsence(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(AbsenceBody.self, from: request)
        var errors: [FieldError] = []
        let start = RequestReading.instant(body.start, at: "/start", errors: &errors)
        let end = RequestReading.instant(body.end, at: "/end", errors: &errors)
        var absence: Absence?
        if let start, let end {
            absence = Absence(counterID: body.counter, start: start, end: end, reason: body.reason)
            errors += absence?.validate() ?? []
            if end.secondsSince1970 - start.secondsSince1970 > 366 * 86_400 {
                errors.append(.outOfRange("/end", minimum: 0, maximum: 366))
            }
        }
        guard errors.isEmpty, let absence else { throw Problem.validation(errors, language: context.language) }
        guard let counter = try await store.counter(body.counter, tenant: tenant.id) else {
            throw Problem.validation([.unknownReference("/counter")], language: context.language)
        }
        let id = UUID.timeOrdered()
        try await store.insert(absence, id: id, createdBy: context.principal.subject, tenant: tenant.id, now: now)
        let settings = try await store.settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        let affected = try await rescheduler.reconcile(
            site: counter.counter.siteID, dates: zone.localDate(at: absence.start)...zone.localDate(at: absence.end), tenant: tenant, now: now)
        var response = try HTTPResponse.json(
            WithAffectedBookings(value: ConfigurationViews.AbsenceView(id: id, absence: absence, zone: zone), affectedBookings: affected),
            status: .created)
        response.headers.add("Location", "/v1/\(tenant.slug)/appointments/absences/\(id.lowercaseString)")
        return response
    }

    func deleteAbsence(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard try await store.deleteAbsence(try context.uuidParameter("absence"), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return .empty()
    }

    // MARK: Holidays

    func listHolidays(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        return try .json(
            ConfigurationViews.HolidayListView(holidays: try await store.holidays(tenant: tenant.id).map { .init(id: $0.id, holiday: $0.holiday) }))
    }

    func addHoliday(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let definition = try context.decode(PublicHoliday.self, from: request)
        let extras = try context.decode(HolidayExtrasBody.self, from: request)
        var errors: [FieldError] = []
        let closed = LocalTimeRange.parse(extras.closedHours ?? [], at: "/closed_hours", errors: &errors)
        let holiday = Holiday(definition, closure: closed.isEmpty ? .wholeDay : .partial(closed))
        errors += holiday.validate(at: "")
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let id = UUID.timeOrdered()
        try await store.insert(holiday, id: id, tenant: tenant.id, now: now)
        // Every site: the days of the holiday within the longest horizon.
        let settings = try await store.settings(tenant: tenant.id)
        let today = settings.zone(tenantZone: tenant.timeZone).localDate(at: now)
        let horizon = try await store.services(tenant: tenant.id).map { $0.service.bookingWindow.maximumHorizon.wholeSeconds }.max() ?? 0
        let last = today.adding(days: Int(horizon / 86_400) + 1)
        var days: [LocalDate] = []
        var date = today
        while date <= last {
            if definition.falls(on: date) { days.append(date) }
            date = date.adding(days: 1)
        }
        var affected: [Rescheduler.Outcome] = []
        if let first = days.first, let final = days.last {
            for site in try await store.sites(tenant: tenant.id) {
                affected += try await rescheduler.reconcile(site: site.site.id, dates: first...final, tenant: tenant, now: now)
            }
        }
        var response = try HTTPResponse.json(
            WithAffectedBookings(value: ConfigurationViews.HolidayView(id: id, holiday: holiday), affectedBookings: affected), status: .created)
        response.headers.add("Location", "/v1/\(tenant.slug)/appointments/holidays/\(id.lowercaseString)")
        return response
    }

    func deleteHoliday(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard try await store.deleteHoliday(try context.uuidParameter("holiday"), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return .empty()
    }

    // MARK: Settings

    func getSettings(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let settings = try await store.settings(tenant: tenant.id)
        return try .json(ConfigurationViews.SettingsView(settings, tenantZone: tenant.timeZone), version: settings.version)
    }

    func saveSettings(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let expected = try RequestReading.expectedVersion(request, language: context.language)
        var settings = try ConfigurationInput.settings(context.decode(SettingsBody.self, from: request), language: context.language)
        do {
            settings.version = try await store.save(settings, expectedVersion: expected, tenant: tenant.id, now: now)
        } catch let failure as ConfigurationStore.UpdateFailure {
            throw failure.problem(language: context.language)
        }
        return try .json(ConfigurationViews.SettingsView(settings, tenantZone: tenant.timeZone), version: settings.version)
    }
}
