/// What a service hands the kit (in ``ServiceParts/outbox``) to have its outbox delivered: the
/// outbox, the channels this process delivers through, and the dispatcher's settings. The kit
/// starts an ``OutboxDispatcher`` with it once the service serves, and stops it before the
/// database pool closes.
public struct OutboxDelivery: Sendable {
    /// The service's outbox.
    public var outbox: Outbox
    /// The channels, by name; messages of other channels wait for a process that has them.
    public var channels: [any OutboxChannel]
    /// Polling, claims, retries and retention.
    public var configuration: OutboxDispatcher.Configuration

    /// Delivery of `outbox` through `channels`.
    public init(outbox: Outbox, channels: [any OutboxChannel], configuration: OutboxDispatcher.Configuration = .init()) {
        self.outbox = outbox
        self.channels = channels
        self.configuration = configuration
    }
}
