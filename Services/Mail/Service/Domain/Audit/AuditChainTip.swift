import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// The end of a tenant's audit chain: the last record's sequence and hash (sequence 0 and the genesis
/// value for an empty chain). The next record is built from it.
///
/// ```swift
/// let tip = lastRecord?.tip ?? .genesis(tenant: tenantID)
/// let record = try tip.appending(timestamp: clock.now, actor: principal.subject,
///                                eventType: .registration, itemID: item.id, payload: ["number": "2026/A/000123"])
/// ```
///
/// Appends must be serialised per tenant (the store locks the tip inside the transaction), so that
/// concurrent writers leave one linear chain.
public struct AuditChainTip: Sendable, Hashable {
    /// The domain tag of the genesis value's encoding.
    public static let genesisTag = "guichet.mail.audit.genesis.v1"

    /// The last record's sequence, or 0 before the first.
    public let sequence: Int64
    /// The last record's hash, or the genesis value before the first.
    public let hash: [UInt8]

    /// A tip from its parts.
    public init(sequence: Int64, hash: [UInt8]) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The tenant's genesis value: SHA-256 of `field("guichet.mail.audit.genesis.v1")` followed by the
    /// tenant id's 16 bytes. The first record's previous hash.
    public static func genesisHash(tenant: UUID) -> [UInt8] {
        var encoder = FieldEncoder(capacity: 64)
        encoder.field(genesisTag)
        encoder.field(tenant.bytes)
        return SHA256.hash(encoder.bytes)
    }

    /// The tip of an empty chain for `tenant`.
    public static func genesis(tenant: UUID) -> AuditChainTip {
        AuditChainTip(sequence: 0, hash: genesisHash(tenant: tenant))
    }

    /// The record that follows this tip; throws if the payload has no canonical encoding.
    public func appending(
        timestamp: Date, actor: String, eventType: AuditEventType, itemID: UUID? = nil, payload: JSONValue = .object([:])
    ) throws(CanonicalJSON.EncodingError) -> AuditRecord {
        try AuditRecord(
            sequence: sequence + 1, previousHash: hash, timestamp: timestamp, actor: actor, eventType: eventType, itemID: itemID,
            payload: payload)
    }
}
