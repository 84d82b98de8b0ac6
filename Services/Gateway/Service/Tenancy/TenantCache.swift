import FoundationEssentials
import GuichetIO
import GuichetPlatform
import Synchronization

/// Tenants by slug, remembered for a few seconds: every proxied request resolves its tenant, and
/// most should not cost a database read. A suspended tenant stops being served within the
/// lifetime. Unknown slugs are remembered too (briefly), so a flood of them costs little.
final class TenantCache: Sendable {
    private let directory: TenantDirectory
    private let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])
    private static var capacity: Int { 10_000 }

    private struct Entry {
        let tenant: Tenant?
        let expires: Deadline
    }

    init(directory: TenantDirectory, lifetime: Duration) {
        self.directory = directory
        self.lifetime = lifetime
    }

    /// The tenant with `slug` when it exists, whatever its status.
    func tenant(slug: String) async throws -> Tenant? {
        let now = Deadline.now()
        if let entry = entries.withLock({ $0[slug] }), entry.expires > now {
            return entry.tenant
        }
        let tenant = try await directory.tenant(slug: slug)
        let expires = now + (tenant == nil ? min(lifetime, .seconds(2)) : lifetime)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[slug] = Entry(tenant: tenant, expires: expires)
        }
        return tenant
    }

    /// Forgets `slug` (after onboarding or a status change through this gateway).
    func forget(_ slug: String) {
        _ = entries.withLock { $0.removeValue(forKey: slug) }
    }
}
