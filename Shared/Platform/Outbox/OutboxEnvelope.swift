import FoundationEssentials

/// A message a dispatcher claimed, as its channel receives it: who it is for (tenant), its stable
/// id, what it is, its payload, and which attempt this is.
public struct OutboxEnvelope: Sendable {
    /// The tenant the message belongs to.
    public let tenant: UUID
    /// The message's stable id (the same on every attempt: receivers de-duplicate on it).
    public let id: UUID
    /// The channel delivering it.
    public let channel: String
    /// What it is (a template or event name).
    public let topic: String
    /// Its payload, JSON as recorded.
    public let payload: [UInt8]
    /// 1 for the first attempt (since it was recorded or last replayed), 2 for the first retry…
    public let attempt: Int
    /// When it was recorded.
    public let createdAt: Date
    /// The claim this attempt runs under; its outcome counts only while the claim is current.
    let lease: UUID

    /// An envelope from its parts (tests of channels build their own).
    public init(tenant: UUID, id: UUID, channel: String, topic: String, payload: [UInt8], attempt: Int, createdAt: Date) {
        self.init(tenant: tenant, id: id, channel: channel, topic: topic, payload: payload, attempt: attempt, createdAt: createdAt,
                  lease: UUID())
    }

    init(tenant: UUID, id: UUID, channel: String, topic: String, payload: [UInt8], attempt: Int, createdAt: Date, lease: UUID) {
        self.tenant = tenant
        self.id = id
        self.channel = channel
        self.topic = topic
        self.payload = payload
        self.attempt = attempt
        self.createdAt = createdAt
        self.lease = lease
    }

    /// The message's id as receivers see it: lowercase, the form of every id in the API.
    public var messageID: String { id.lowercaseString }

    /// The payload decoded as `type` with the house JSON conventions (snake_case member names).
    public func decodePayload<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        try Self.decoder.decode(type, from: Data(payload))
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
