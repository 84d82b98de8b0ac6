/// Delivers the outbox messages of one channel (`email`, `sms`, `webhook`…). The dispatcher claims
/// messages only for the channels it was given, so a process without, say, SMTP settings leaves
/// email messages for one that has them.
///
/// A channel never throws: it reports every outcome as a ``DeliveryResult``. It must bound its own
/// time (connect, request and total timeouts) well under the dispatcher's lease, and must never
/// block an event loop or Swift's cooperative pool (blocking conversations such as SMTP run on a
/// dispatch queue).
public protocol OutboxChannel: Sendable {
    /// The channel's name, as recorded in ``OutboxMessage/channel``.
    var name: String { get }
    /// The longest one delivery may take, all timeouts included; the dispatcher's lease must be
    /// longer.
    var maximumDeliveryTime: Duration { get }
    /// Attempts to deliver `envelope` once.
    func deliver(_ envelope: OutboxEnvelope) async -> DeliveryResult
}
