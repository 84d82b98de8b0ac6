import FoundationEssentials
import GuichetCore
import GuichetPlatform
import Synchronization

/// The mail service's background work, for every active tenant: raise the reminders and overdue
/// alerts due today, and sign yesterday's audit chain head. Each run is safe alongside other
/// replicas (alerts and heads are one row each, inserted once).
final class MailJobs: Sendable {
    let store: MailStore
    let audit: AuditLog
    let key: AuditSigningKey
    let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(store: MailStore, audit: AuditLog, key: AuditSigningKey, logger: Logger) {
        self.store = store
        self.audit = audit
        self.key = key
        self.logger = logger
    }

    /// What one run did.
    struct Outcome: Sendable, Equatable {
        var reminders = 0
        var overdue = 0
        var heads = 0
    }

    /// One run over every active tenant, at the store's clock's now.
    @discardableResult
    func runOnce() async throws -> Outcome {
        var outcome = Outcome()
        let now = store.clock.now
        for tenant in try await TenantDirectory(database: store.database).activeTenants() {
            outcome = try await run(for: tenant.reference, now: now, adding: outcome)
        }
        return outcome
    }

    /// One run for one tenant.
    func run(for reference: TenantReference, now: Date, adding outcome: Outcome = Outcome()) async throws -> Outcome {
        var outcome = outcome
        let tenant = try await store.tenant(reference)
        let today = tenant.localDay(of: now)
        let alerts = try await store.raiseAlerts(tenant: tenant.id, today: today, at: now)
        outcome.reminders += alerts.reminders
        outcome.overdue += alerts.overdue
        if try await audit.signHead(tenant: tenant.id, day: today.adding(days: -1), timeZone: tenant.timeZone, key: key, now: now) {
            outcome.heads += 1
        }
        return outcome
    }

    /// Runs every `interval` until ``stop()``.
    func start(every interval: Duration) {
        guard interval > .zero else { return }
        let job = Task { [self] in
            while !Task.isCancelled {
                do {
                    let outcome = try await runOnce()
                    if outcome != Outcome() {
                        logger.info("mail jobs", [
                            "reminders": .number(Double(outcome.reminders)), "overdue": .number(Double(outcome.overdue)),
                            "heads": .number(Double(outcome.heads)),
                        ])
                    }
                } catch {
                    logger.warning("mail jobs failed", ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: interval)
            }
        }
        task.withLock { $0 = job }
    }

    /// Stops the periodic runs and waits for the one in progress.
    func stop() async {
        let job = task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        job?.cancel()
        await job?.value
    }
}
