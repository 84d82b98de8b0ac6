import FoundationEssentials
import GuichetCore
import GuichetIO
import GuichetPostgres
import Synchronization

/// Delivers a service's outbox: claims due messages (across tenants, `FOR UPDATE SKIP LOCKED`, so
/// any number of replicas can run side by side), hands each to its channel, and settles it —
/// delivered, retried later with back-off and jitter, or parked as a dead letter.
///
/// ```
///   poll (or woken) ─▶ claim_outbox_messages(n, lease, channels) ─▶ channel.deliver ─┬▶ delivered
///        ▲                 (each claim lasts `lease`: a process killed            ├▶ retry at now + back-off
///        └──────────────── mid-delivery lets the message become due again)         └▶ dead letter
/// ```
/// Delivery is at least once: a process killed after the other side accepted a message but before
/// it recorded so delivers it again after the lease. Every attempt carries the message's stable id
/// for the receiver to de-duplicate on.
///
/// The kit runs one per service process that asks for it (``ServiceParts/outbox``); tests may run
/// several on one outbox, or call ``runOnce()``.
public final class OutboxDispatcher: Sendable {
    /// The dispatcher's settings did not fit its channels.
    public struct ConfigurationError: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// The settings in force.
    public let configuration: Configuration
    private let store: OutboxStore
    private let channels: [String: any OutboxChannel]
    private let channelNames: [String]
    private let logger: Logger
    private let loop: EventLoop
    private let doorbell = Doorbell()
    private let inFlight = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let running = Mutex<Task<Void, Never>?>(nil)
    private let deliveries: CounterFamily
    private let deadLetters: CounterFamily

    /// A dispatcher of `delivery` over `database` (the runtime role). Throws when the lease is not
    /// longer than a channel's longest delivery, or two channels share a name.
    public init(
        _ delivery: OutboxDelivery, database: PostgresPool, logger: Logger, metrics: MetricsRegistry, loop: EventLoop
    ) throws(ConfigurationError) {
        var channels: [String: any OutboxChannel] = [:]
        for channel in delivery.channels {
            guard channels.updateValue(channel, forKey: channel.name) == nil else {
                throw ConfigurationError(description: "two outbox channels are named \(channel.name)")
            }
            guard channel.maximumDeliveryTime < delivery.configuration.lease else {
                throw ConfigurationError(
                    description: "the outbox lease (\(delivery.configuration.lease)) must be longer than the \(channel.name) "
                        + "channel's longest delivery (\(channel.maximumDeliveryTime))")
            }
        }
        self.configuration = delivery.configuration
        self.store = OutboxStore(database: database, outbox: delivery.outbox)
        self.channels = channels
        self.channelNames = channels.keys.sorted()
        self.logger = logger.with("component", "outbox")
        self.loop = loop
        deliveries = metrics.counter(
            "guichet_outbox_deliveries_total", help: "Outbox delivery attempts, by channel and outcome.",
            labelNames: ["channel", "outcome"])
        deadLetters = metrics.counter(
            "guichet_outbox_dead_letters_total", help: "Outbox messages parked as dead letters, by channel.",
            labelNames: ["channel"])
    }

    /// Starts polling (once; later calls do nothing).
    public func start() {
        running.withLock { task in
            guard task == nil, !channelNames.isEmpty else { return }
            task = Task(executorPreference: loop) { await self.run() }
        }
        logger.info("outbox dispatcher started", ["channels": .array(channelNames.map(JSONValue.string))])
    }

    /// Looks for due messages now instead of at the next poll.
    public func wake() {
        doorbell.ring()
    }

    /// Stops claiming, and returns once the deliveries in flight are settled.
    public func stop() async {
        stopping.store(true, ordering: .sequentiallyConsistent)
        doorbell.ring()
        let task = running.withLock { $0 }
        await task?.value
    }

    /// Claims what is due now and delivers it, waiting for every delivery; returns how many
    /// messages were claimed. For tests and tools: a started dispatcher does this on its own.
    @discardableResult
    public func runOnce() async -> Int {
        guard let envelopes = await claim(limit: configuration.batchSize) else { return 0 }
        await withDiscardingTaskGroup { group in
            for envelope in envelopes {
                group.addTask { await self.process(envelope) }
            }
        }
        return envelopes.count
    }

    // MARK: The loop

    private func run() async {
        var nextPurge = Deadline.now()
        await withDiscardingTaskGroup { group in
            while !stopping.load(ordering: .sequentiallyConsistent) {
                let free = configuration.concurrency - inFlight.load(ordering: .sequentiallyConsistent)
                var claimedAll = false
                if free > 0 {
                    let wanted = min(free, configuration.batchSize)
                    let envelopes = await claim(limit: wanted) ?? []
                    for envelope in envelopes {
                        inFlight.add(1, ordering: .sequentiallyConsistent)
                        group.addTask {
                            await self.process(envelope)
                            self.inFlight.subtract(1, ordering: .sequentiallyConsistent)
                            // A slot is free: look again now rather than at the next poll.
                            self.doorbell.ring()
                        }
                    }
                    claimedAll = !envelopes.isEmpty && envelopes.count == wanted
                }
                if Deadline.now() >= nextPurge {
                    await purge()
                    nextPurge = .after(configuration.purgeInterval)
                }
                // A full claim means more may be due: go on while there is room.
                if claimedAll, inFlight.load(ordering: .sequentiallyConsistent) < configuration.concurrency { continue }
                await doorbell.wait(upTo: configuration.pollInterval)
            }
        }
        logger.info("outbox dispatcher stopped")
    }

    /// Claims up to `limit` due messages; nil (logged) when the database cannot be reached.
    private func claim(limit: Int) async -> [OutboxEnvelope]? {
        do {
            return try await store.claim(limit: limit, lease: configuration.lease, channels: channelNames)
        } catch {
            logger.warning("outbox claim failed", ["error": .string(String(describing: error))])
            return nil
        }
    }

    /// Delivers one message and settles it.
    private func process(_ envelope: OutboxEnvelope) async {
        let startedAt = Date()
        let clock = ContinuousClock.now
        let result: DeliveryResult
        if let channel = channels[envelope.channel] {
            result = await channel.deliver(envelope)
        } else {
            result = .failed("no \(envelope.channel) channel in this process")
        }
        let duration = ContinuousClock.now - clock
        let settlement: OutboxStore.Settlement
        switch result.outcome {
        case .delivered:
            settlement = .delivered
        case .rejected:
            settlement = .dead
        case .failed:
            if let delay = configuration.retry.delay(afterAttempt: envelope.attempt, retryAfter: result.retryAfter) {
                settlement = .retry(after: delay)
            } else {
                settlement = .dead
            }
        }
        deliveries.labels(envelope.channel, result.outcome.rawValue).increment()
        let fields: KeyValuePairs<String, JSONValue> = [
            "message_id": .string(envelope.messageID), "tenant_id": .string(envelope.tenant.lowercaseString),
            "channel": .string(envelope.channel), "topic": .string(envelope.topic), "attempt": .number(Double(envelope.attempt)),
            "outcome": .string(result.outcome.rawValue), "detail": result.detail.map(JSONValue.string) ?? .null,
        ]
        switch settlement {
        case .delivered: logger.info("outbox message delivered", fields)
        case .retry: logger.warning("outbox delivery failed, will retry", fields)
        case .dead:
            deadLetters.labels(envelope.channel).increment()
            logger.warning("outbox message parked as a dead letter", fields)
        }
        await record(envelope, result: result, startedAt: startedAt, duration: duration, settlement: settlement)
    }

    /// Settles `envelope`, trying a few times when the database is briefly unreachable; if it
    /// still cannot, the claim runs out and the message is delivered again (at least once).
    private func record(
        _ envelope: OutboxEnvelope, result: DeliveryResult, startedAt: Date, duration: Duration, settlement: OutboxStore.Settlement
    ) async {
        for attempt in 1...3 {
            do {
                let current = try await store.settle(
                    envelope, result: result, startedAt: startedAt, duration: duration, settlement: settlement)
                if !current {
                    logger.warning(
                        "outbox claim had expired: another dispatcher took the message",
                        ["message_id": .string(envelope.messageID)])
                }
                return
            } catch {
                logger.warning(
                    "outbox settlement failed", ["message_id": .string(envelope.messageID), "error": .string(String(describing: error))])
                if attempt < 3 { try? await Task.sleep(for: .milliseconds(200 * attempt)) }
            }
        }
    }

    /// Removes delivered messages past their retention.
    private func purge() async {
        do {
            let removed = try await store.purge(deliveredBefore: Date().addingTimeInterval(-configuration.retention.timeInterval), limit: 1000)
            if removed > 0 { logger.info("outbox purged delivered messages", ["count": .number(Double(removed))]) }
        } catch {
            logger.warning("outbox purge failed", ["error": .string(String(describing: error))])
        }
    }
}
