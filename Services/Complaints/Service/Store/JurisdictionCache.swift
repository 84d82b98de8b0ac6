import FoundationEssentials
import GuichetCore
import GuichetPlatform
import Synchronization

/// GeoReport's jurisdictions: the active tenant a `jurisdiction_id` (a tenant slug) names, read
/// through the kit's tenants directory and kept for a short while (GeoReport paths carry no tenant,
/// so the gateway cannot resolve it for the service).
final class JurisdictionCache: Sendable {
    private struct Entry: Sendable {
        let tenant: TenantReference?
        let loadedAt: ContinuousClock.Instant
    }

    private let directory: TenantDirectory
    private let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])
    /// The most slugs remembered (unknown ones included), so that probing cannot grow it without bound.
    private let capacity = 10_000

    init(directory: TenantDirectory, lifetime: Duration) {
        self.directory = directory
        self.lifetime = lifetime
    }

    /// The active tenant with `slug`, or nil.
    func tenant(slug: String) async throws -> TenantReference? {
        guard ComplaintWorkflow.isTenantSlug(slug) else { return nil }
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[slug] }), now - entry.loadedAt < lifetime { return entry.tenant }
        let found = try await directory.tenant(slug: slug)
        let tenant = found.flatMap { $0.status == .active ? $0.reference : nil }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[slug] = Entry(tenant: tenant, loadedAt: now)
        }
        return tenant
    }
}
