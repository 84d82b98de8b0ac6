import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// Sites, services and counters: public lists for citizens, configuration for managers and the
/// tenant's administrators.
struct ConfigurationRoutes: Sendable {
    let dependencies: RouteDependencies
    var store: ConfigurationStore { dependencies.configuration }

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.get(base + "/sites", options: AppointmentAccess.anyone) { request, context in try await listSites(context) }
        routes.post(base + "/sites", options: AppointmentAccess.managers) { request, context in try await createSite(request, context) }
        routes.get(base + "/sites/:site", options: AppointmentAccess.anyone) { request, context in try await getSite(context) }
        routes.put(base + "/sites/:site", options: AppointmentAccess.managers) { request, context in try await updateSite(request, context) }
        routes.get(base + "/services", options: AppointmentAccess.anyone) { request, context in try await listServices(context) }
        routes.post(base + "/services", options: AppointmentAccess.managers) { request, context in
            try await createService(request, context)
        }
        routes.get(base + "/services/:service", options: AppointmentAccess.anyone) { request, context in try await getService(context) }
        routes.put(base + "/services/:service", options: AppointmentAccess.managers) { request, context in
            try await updateService(request, context)
        }
        routes.get(base + "/counters", options: AppointmentAccess.desk) { request, context in try await listCounters(request, context) }
        routes.post(base + "/counters", options: AppointmentAccess.managers) { request, context in
            try await createCounter(request, context)
        }
        routes.get(base + "/counters/:counter", options: AppointmentAccess.desk) { request, context in try await getCounter(context) }
        routes.put(base + "/counters/:counter", options: AppointmentAccess.managers) { request, context in
            try await updateCounter(request, context)
        }
    }

    // MARK: Sites

    func listSites(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let sites = try await store.sites(tenant: tenant.id)
        let services = try await store.services(tenant: tenant.id)
        return try .json(
            ConfigurationViews.SiteListView(
                sites: sites.map { site in ConfigurationViews.SiteView(site.site, services: offered(at: site.site.id, services)) }))
    }

    func getSite(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let site = try await store.site(try context.uuidParameter("site"), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        let services = try await store.services(tenant: tenant.id)
        return try .json(ConfigurationViews.SiteView(site.site, services: offered(at: site.site.id, services)), version: site.version)
    }

    func createSite(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let site = try ConfigurationInput.site(context.decode(SiteBody.self, from: request), id: .timeOrdered(), language: context.language)
        try await store.insert(site, tenant: tenant.id, now: now)
        var response = try HTTPResponse.json(ConfigurationViews.SiteView(site, services: []), status: .created, version: 1)
        response.headers.add("Location", "/v1/\(tenant.slug)/appointments/sites/\(site.id.lowercaseString)")
        return response
    }

    func updateSite(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let id = try context.uuidParameter("site")
        let expected = try RequestReading.expectedVersion(request, language: context.language)
        let site = try ConfigurationInput.site(context.decode(SiteBody.self, from: request), id: id, language: context.language)
        let version: Int
        do {
            version = try await store.update(site, expectedVersion: expected, tenant: tenant.id, now: now)
        } catch let failure as ConfigurationStore.UpdateFailure {
            throw failure.problem(language: context.language)
        }
        let affected = try await reconcileAllDates(site: id, tenant: tenant, now: now)
        let services = try await store.services(tenant: tenant.id)
        return try .json(
            WithAffectedBookings(value: ConfigurationViews.SiteView(site, services: offered(at: id, services)), affectedBookings: affected),
            version: version)
    }

    // MARK: Services

    func listServices(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        return try .json(ConfigurationViews.ServiceListView(services: try await store.services(tenant: tenant.id).map { .init($0.service) }))
    }

    func getService(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let service = try await store.service(try context.uuidParameter("service"), tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return try .json(ConfigurationViews.ServiceView(service.service), version: service.version)
    }

    func createService(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let service = try ConfigurationInput.service(
            context.decode(ServiceBody.self, from: request), id: .timeOrdered(), language: context.language)
        do {
            try await store.insert(service, tenant: tenant.id, now: now)
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Problem.validation([.unknownReference("/sites")], language: context.language)
        }
        var response = try HTTPResponse.json(ConfigurationViews.ServiceView(service), status: .created, version: 1)
        response.headers.add("Location", "/v1/\(tenant.slug)/appointments/services/\(service.id.lowercaseString)")
        return response
    }

    func updateService(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let id = try context.uuidParameter("service")
        let expected = try RequestReading.expectedVersion(request, language: context.language)
        let service = try ConfigurationInput.service(context.decode(ServiceBody.self, from: request), id: id, language: context.language)
        let version: Int
        do {
            version = try await store.update(service, expectedVersion: expected, tenant: tenant.id, now: now)
        } catch let failure as ConfigurationStore.UpdateFailure {
            throw failure.problem(language: context.language)
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Problem.validation([.unknownReference("/sites")], language: context.language)
        }
        return try .json(ConfigurationViews.ServiceView(service), version: version)
    }

    // MARK: Counters

    func listCounters(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        var errors: [FieldError] = []
        let site = RequestReading.uuid(request, "site", required: false, errors: &errors)
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let counters = try await store.counters(site: site, tenant: tenant.id)
        return try .json(ConfigurationViews.CounterListView(counters: counters.map { .init($0.counter) }))
    }

    func getCounter(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let id = try context.uuidParameter("counter")
        guard let counter = try await store.counter(id, tenant: tenant.id) else { throw Problem(.notFound, language: context.language) }
        let exceptions = try await store.exceptions(counter: id, tenant: tenant.id)
        return try .json(ConfigurationViews.CounterView(counter.counter, exceptions: exceptions), version: counter.version)
    }

    func createCounter(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let counter = try ConfigurationInput.counter(
            context.decode(CounterBody.self, from: request), id: .timeOrdered(), language: context.language)
        do {
            try await store.insert(counter, tenant: tenant.id, now: now)
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Problem.validation([.unknownReference("/site")], language: context.language)
        }
        var response = try HTTPResponse.json(ConfigurationViews.CounterView(counter, exceptions: []), status: .created, version: 1)
        response.headers.add("Location", "/v1/\(tenant.slug)/appointments/counters/\(counter.id.lowercaseString)")
        return response
    }

    func updateCounter(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let id = try context.uuidParameter("counter")
        let expected = try RequestReading.expectedVersion(request, language: context.language)
        let counter = try ConfigurationInput.counter(context.decode(CounterBody.self, from: request), id: id, language: context.language)
        guard let existing = try await store.counter(id, tenant: tenant.id) else { throw Problem(.notFound, language: context.language) }
        guard existing.counter.siteID == counter.siteID else {
            throw Problem.validation([.notAllowed("/site")], language: context.language)
        }
        let version: Int
        do {
            version = try await store.update(counter, expectedVersion: expected, tenant: tenant.id, now: now)
        } catch let failure as ConfigurationStore.UpdateFailure {
            throw failure.problem(language: context.language)
        }
        let affected = try await reconcileAllDates(site: counter.siteID, tenant: tenant, now: now)
        return try .json(WithAffectedBookings(value: ConfigurationViews.CounterView(counter), affectedBookings: affected), version: version)
    }

    // MARK: Helpers

    /// Hours changed: the bookings of the site up to the longest horizon are checked again.
    private func reconcileAllDates(site: UUID, tenant: TenantReference, now: Date) async throws -> [Rescheduler.Outcome] {
        let settings = try await store.settings(tenant: tenant.id)
        let today = settings.zone(tenantZone: tenant.timeZone).localDate(at: now)
        let horizon = try await store.services(tenant: tenant.id).map { $0.service.bookingWindow.maximumHorizon.wholeSeconds }.max() ?? 0
        let last = today.adding(days: Int(horizon / 86_400) + 1)
        return try await Rescheduler(planning: dependencies.planning, bookings: dependencies.bookings)
            .reconcile(site: site, dates: today...last, tenant: tenant, now: now)
    }

    private func offered(at site: UUID, _ services: [(service: AppointmentService, version: Int)]) -> [String] {
        services.filter { $0.service.isOffered(at: site) }.map(\.service.id.lowercaseString)
    }
}
