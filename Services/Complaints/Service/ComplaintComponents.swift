import FoundationEssentials
import GuichetCore
import GuichetPlatform
import GuichetPostgres

/// Everything the complaints routes share: the stores over one database pool, the cache of each
/// tenant's reference data, the tenants directory (for redirections and GeoReport's
/// jurisdictions), what a submission tells people and other systems, the service's configuration
/// and its clock.
struct ComplaintComponents: Sendable {
    let configuration: ComplaintsConfiguration
    let clock: any WallClock
    let complaints: ComplaintStore
    let cases: CaseStore
    let lists: CaseListStore
    let reference: ReferenceStore
    let cache: ReferenceCache
    let attachments: AttachmentStore
    let statistics: StatisticsStore
    let personalData: PersonalDataStore
    let open311: Open311Store
    let idempotency: IdempotencyStore
    let tenants: TenantDirectory
    let jurisdictions: JurisdictionCache
    let notifications: ComplaintNotifications

    init(
        database: PostgresPool, configuration: ComplaintsConfiguration, notifications: ComplaintNotifications,
        clock: any WallClock = SystemWallClock()
    ) {
        self.configuration = configuration
        self.clock = clock
        complaints = ComplaintStore(database: database)
        cases = CaseStore(database: database, notifications: notifications)
        lists = CaseListStore(database: database)
        reference = ReferenceStore(database: database)
        cache = ReferenceCache(store: reference, lifetime: configuration.referenceCacheLifetime)
        attachments = AttachmentStore(database: database)
        statistics = StatisticsStore(database: database)
        personalData = PersonalDataStore(database: database)
        open311 = Open311Store(database: database)
        idempotency = IdempotencyStore(database: database, schema: "complaints")
        tenants = TenantDirectory(database: database)
        jurisdictions = JurisdictionCache(directory: tenants, lifetime: configuration.referenceCacheLifetime)
        self.notifications = notifications
    }

    /// The tenant's calendar (its time zone; Morocco's default holidays until the identity
    /// service's tenant settings carry each tenant's own).
    func calendar(of tenant: TenantReference) -> BusinessCalendar {
        configuration.calendar(timeZone: tenant.timeZone)
    }

    /// The tenant's time zone, for the instants the API writes.
    func timeZone(of tenant: TenantReference) -> TimeZone {
        TimeZone.named(tenant.timeZone) ?? .casablanca
    }

    /// The tenant's workflow rules (settings on its calendar) and reference data.
    func rules(of tenant: TenantReference) async throws -> (rules: WorkflowRules, data: ReferenceData) {
        let data = try await cache.data(tenant: tenant.id)
        return (data.settings.workflowRules(calendar: calendar(of: tenant)), data)
    }
}
