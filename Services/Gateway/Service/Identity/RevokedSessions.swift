import FoundationEssentials
import GuichetCore
import Synchronization

/// The sessions revoked recently enough that access tokens of theirs may still be presented, so
/// that revoking a session (sign-out, a replayed refresh token, a disabled account or client, a
/// suspended tenant) also stops its access tokens, not only its refreshes.
///
/// Each gateway process reloads the list from `platform.sessions` every few seconds (a revocation
/// made by another replica takes effect within that interval) and adds its own revocations at
/// once. Checking a token costs one set lookup.
final class RevokedSessions: Sendable {
    private let state = Mutex(State())
    private let load: @Sendable () async throws -> [UUID]
    private let interval: Duration
    private let task = Mutex<Task<Void, Never>?>(nil)

    private struct State {
        var revoked: Set<String> = []
        /// This process's own revocations and when they were made: kept across a reload that may
        /// have read the table before they committed.
        var local: [String: ContinuousClock.Instant] = [:]
    }

    /// A list reloaded by `load` every `interval`.
    init(interval: Duration, load: @escaping @Sendable () async throws -> [UUID]) {
        self.interval = interval
        self.load = load
    }

    /// Whether the session `id` (as the token's `sid` claim spells it) is revoked.
    func contains(_ id: String) -> Bool {
        state.withLock { $0.revoked.contains(id) }
    }

    /// Records revocations made by this process.
    func insert(_ ids: [UUID]) {
        guard !ids.isEmpty else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            for id in ids {
                state.revoked.insert(id.lowercaseString)
                state.local[id.lowercaseString] = now
            }
        }
    }

    /// Loads the list now.
    func reload() async throws {
        let ids = try await load()
        var fresh = Set(ids.map(\.lowercaseString))
        let horizon = ContinuousClock.now - interval * 2
        state.withLock { state in
            state.local = state.local.filter { $0.value > horizon }
            fresh.formUnion(state.local.keys)
            state.revoked = fresh
        }
    }

    /// Starts reloading every interval, logging failures (the last list stays in force).
    func startReloading(logger: Logger) {
        let interval = self.interval
        let started = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !Task.isCancelled else { return }
                do {
                    try await self.reload()
                } catch {
                    logger.warning("revoked sessions not reloaded", ["error": .string(String(describing: error))])
                }
            }
        }
        task.withLock { $0 = started }
    }

    /// Stops reloading.
    func stop() {
        task.withLock { task in
            task?.cancel()
            task = nil
        }
    }
}
