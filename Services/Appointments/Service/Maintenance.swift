import FoundationEssentials
import GuichetCore
import GuichetPlatform
import GuichetPostgres

/// The service's periodic work, per active tenant: give up the holds that expired (and the seats
/// they took), lapse the waiting-list offers not taken in time, and offer those slots to the next
/// person waiting. Safe with several replicas: every step is a conditional update, and a slot
/// offered twice is refused by the exclusion constraint.
struct Maintenance: Sendable {
    let dependencies: RouteDependencies
    let tenants: TenantDirectory

    /// One pass over every active tenant; errors are logged and the pass goes on.
    func run(logger: Logger) async {
        let active: [Tenant]
        do {
            active = try await tenants.activeTenants()
        } catch {
            logger.warning("maintenance: tenants unreadable", ["error": .string(String(describing: error))])
            return
        }
        for tenant in active {
            do {
                try await run(tenant: tenant.reference)
            } catch {
                logger.warning("maintenance failed", ["tenant": .string(tenant.slug), "error": .string(String(describing: error))])
            }
        }
    }

    /// One pass over one tenant.
    func run(tenant: TenantReference) async throws {
        let now = dependencies.clock.now
        let bookings = dependencies.bookings
        _ = try await bookings.database.query(
            bookings.expiringHolds(counter: nil, from: now, to: now, tenant: tenant.id, now: now), tenant: tenant.id)
        let lapsed = try await dependencies.waitingList.lapseOffers(tenant: tenant.id, now: now)
        guard !lapsed.isEmpty else { return }
        let settings = try await dependencies.configuration.settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        for holdID in lapsed {
            guard let hold = try await bookings.hold(holdID, tenant: tenant.id), hold.start > now,
                let site = try await dependencies.configuration.site(hold.siteID, tenant: tenant.id)?.site,
                let service = try await dependencies.configuration.service(hold.serviceID, tenant: tenant.id)?.service
            else { continue }
            try await WaitingListOffers(dependencies: dependencies).offer(
                counter: hold.counterID, start: hold.start, end: hold.end, site: site, service: service, settings: settings, zone: zone,
                tenant: tenant, now: now)
        }
    }
}
