import FoundationEssentials
import GuichetIO
import GuichetPlatform
import GuichetPostgres
import Synchronization

/// Tenants by slug, remembered for a few seconds: every proxied request resolves its tenant, and
/// most should not cost a database read. A suspended tenant stops being served within the
/// lifetime. Unknown slugs are remembered too (briefly), so a flood of them costs little.
final class TenantCache: Sendable {
    private let directory: TenantDirectory
    private let database: PostgresPool
    private let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])
    private static var capacity: Int { 10_000 }

    private struct Entry {
        let tenant: Tenant?
        let expires: Deadline
    }

    init(directory: TenantDirectory, database: PostgresPool, lifetime: Duration) {
        self.directory = directory
        self.database = database
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

    /// The tenant with `id` when it exists, whatever its status (sessions and clients name tenants
    /// by id).
    func tenant(id: UUID) async throws -> Tenant? {
        let rows = try await database.query("SELECT slug FROM platform.tenants WHERE id = \(id)", tenant: nil)
        guard let slug = try rows.first?.decode((String).self) else { return nil }
        return try await tenant(slug: slug)
    }

    /// Forgets `slug` (after onboarding or a status change through this gateway).
    func forget(_ slug: String) {
        _ = entries.withLock { $0.removeValue(forKey: slug) }
    }
}
