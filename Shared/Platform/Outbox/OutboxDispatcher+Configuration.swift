import GuichetCore

extension OutboxDispatcher {
    /// How a dispatcher polls, claims, retries and cleans up.
    public struct Configuration: Sendable, Hashable {
        /// How often an idle dispatcher looks for due messages (`GUICHET_OUTBOX_POLL_MS`).
        public var pollInterval: Duration
        /// The most messages claimed at once (`GUICHET_OUTBOX_BATCH_SIZE`).
        public var batchSize: Int
        /// The most deliveries in flight in this process (`GUICHET_OUTBOX_CONCURRENCY`).
        public var concurrency: Int
        /// How long a claim lasts (`GUICHET_OUTBOX_LEASE_MS`): a message whose dispatcher died
        /// mid-delivery is delivered again after it. Must exceed the longest delivery (every
        /// channel's total timeout), or a slow delivery could be started twice.
        public var lease: Duration
        /// When failed deliveries are tried again, and how often before they become dead letters
        /// (`GUICHET_OUTBOX_MAX_ATTEMPTS`, `GUICHET_OUTBOX_RETRY_INITIAL_MS`, `GUICHET_OUTBOX_RETRY_MAX_MS`).
        public var retry: RetryPolicy
        /// How long delivered messages (and their attempts) are kept (`GUICHET_OUTBOX_RETENTION_MS`);
        /// dead letters are kept until replayed.
        public var retention: Duration
        /// How often delivered messages past their retention are removed.
        public var purgeInterval: Duration

        /// The defaults: poll every second, 32 per claim, 8 in flight, 2-minute claims, 7 days kept.
        public init(
            pollInterval: Duration = .seconds(1), batchSize: Int = 32, concurrency: Int = 8, lease: Duration = .seconds(120),
            retry: RetryPolicy = RetryPolicy(), retention: Duration = .seconds(7 * 86_400), purgeInterval: Duration = .seconds(600)
        ) {
            self.pollInterval = pollInterval
            self.batchSize = max(1, batchSize)
            self.concurrency = max(1, concurrency)
            self.lease = lease
            self.retry = retry
            self.retention = retention
            self.purgeInterval = purgeInterval
        }

        /// Reads the `GUICHET_OUTBOX_*` variables (collecting errors in `environment`).
        public static func read(from environment: inout Environment) -> Configuration {
            let defaults = Configuration()
            let retry = RetryPolicy(
                maximumAttempts: environment.int("GUICHET_OUTBOX_MAX_ATTEMPTS", default: defaults.retry.maximumAttempts, range: 1...100),
                initialDelay: environment.duration("GUICHET_OUTBOX_RETRY_INITIAL_MS", default: defaults.retry.initialDelay),
                maximumDelay: environment.duration("GUICHET_OUTBOX_RETRY_MAX_MS", default: defaults.retry.maximumDelay))
            return Configuration(
                pollInterval: environment.duration("GUICHET_OUTBOX_POLL_MS", default: defaults.pollInterval),
                batchSize: environment.int("GUICHET_OUTBOX_BATCH_SIZE", default: defaults.batchSize, range: 1...1000),
                concurrency: environment.int("GUICHET_OUTBOX_CONCURRENCY", default: defaults.concurrency, range: 1...256),
                lease: environment.duration("GUICHET_OUTBOX_LEASE_MS", default: defaults.lease),
                retry: retry,
                retention: environment.duration("GUICHET_OUTBOX_RETENTION_MS", default: defaults.retention),
                purgeInterval: defaults.purgeInterval)
        }
    }
}
