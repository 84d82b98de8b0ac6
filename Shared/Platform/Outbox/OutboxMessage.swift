import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// A message a service puts in its outbox, to be delivered once the transaction that records it
/// commits: an acknowledgement email, an SMS, a webhook event.
///
/// ```swift
/// let message = try OutboxMessage(channel: "email", topic: "complaint.acknowledgement", payload: email)
/// try await database.transaction([insertion, outbox.recording(message, tenant: tenant)], tenant: tenant)
/// ```
/// Its ``id`` is stable: every attempt carries it, so a receiver that sees it twice can tell.
public struct OutboxMessage: Sendable, Hashable {
    /// The message's stable id (time-ordered by default).
    public var id: UUID
    /// The channel that delivers it: `email`, `sms`, `webhook`, or another a service registers.
    public var channel: String
    /// What it is, for the channel and for people reading the outbox: a template or event name.
    public var topic: String
    /// What the channel needs to deliver it, as JSON (UTF-8).
    public var payload: [UInt8]
    /// Who it goes to within its channel, when deliveries are listed by it (a webhook endpoint's id).
    public var target: String?
    /// When it may be delivered at the earliest (a reminder); nil for as soon as possible.
    public var notBefore: Date?

    /// A message whose payload is already JSON.
    public init(
        channel: String, topic: String, payloadJSON: [UInt8], target: String? = nil, notBefore: Date? = nil,
        id: UUID = .timeOrdered()
    ) {
        self.id = id
        self.channel = channel
        self.topic = topic
        self.payload = payloadJSON
        self.target = target
        self.notBefore = notBefore
    }

    /// A message whose payload is `payload` encoded with the house JSON conventions (snake_case
    /// member names); the channel decodes it with ``OutboxEnvelope/decodePayload(_:)``.
    public init<Payload: Encodable>(
        channel: String, topic: String, payload: Payload, target: String? = nil, notBefore: Date? = nil,
        id: UUID = .timeOrdered()
    ) throws {
        self.init(
            channel: channel, topic: topic, payloadJSON: try JSONCoding.encode(payload), target: target, notBefore: notBefore,
            id: id)
    }
}
