import FoundationEssentials
import GuichetCore
import Synchronization

/// Each tenant's ``ReferenceData``, kept for a short while so that a submission costs one round
/// trip: categories and settings change rarely, and a replica that did not make a change sees it
/// within ``lifetime``. A change made through this replica replaces the entry at once.
final class ReferenceCache: Sendable {
    private struct Entry: Sendable {
        let data: ReferenceData
        let loadedAt: ContinuousClock.Instant
    }

    private let store: ReferenceStore
    /// How long an entry is trusted.
    let lifetime: Duration
    private let entries = Mutex<[UUID: Entry]>([:])

    init(store: ReferenceStore, lifetime: Duration) {
        self.store = store
        self.lifetime = lifetime
    }

    /// The tenant's data: the cached copy while fresh, else read again.
    func data(tenant: UUID) async throws -> ReferenceData {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[tenant] }), now - entry.loadedAt < lifetime {
            return entry.data
        }
        return try await refresh(tenant: tenant)
    }

    /// Reads the tenant's data again and caches it (after a change, or when stale).
    @discardableResult
    func refresh(tenant: UUID) async throws -> ReferenceData {
        let data = try await store.referenceData(tenant: tenant)
        let entry = Entry(data: data, loadedAt: ContinuousClock.now)
        entries.withLock { $0[tenant] = entry }
        return data
    }
}
