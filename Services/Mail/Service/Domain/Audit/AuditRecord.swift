import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// One record of a tenant's audit chain: an event, numbered, timestamped, and hashed together with the
/// hash of the record before it, so that changing, removing, reordering or inserting any record breaks
/// the chain from there on (``AuditChainVerifier``).
///
/// The hash is SHA-256 over the record's canonical encoding (``canonicalEncoding()``):
///
/// ```
/// field("guichet.mail.audit.record.v1")
/// u64   sequence                      (big-endian; the first record is 1)
/// field previous hash                 (32 bytes; the tenant's genesis value for record 1)
/// i64   timestamp                     (big-endian microseconds since 1970-01-01T00:00:00Z, rounded)
/// field actor                         (UTF-8: the principal's subject)
/// field event type                    (UTF-8, AuditEventType.rawValue)
/// field item id                       (the UUID's 16 bytes, or empty when the event has no item)
/// field payload                       (CanonicalJSON of the payload)
///
/// field(x) = u32 big-endian byte count of x, then the bytes of x
/// ```
public struct AuditRecord: Sendable, Hashable {
    /// The domain tag that starts every record's encoding (and makes it differ from a head's).
    public static let encodingTag = "guichet.mail.audit.record.v1"

    /// The record's place in the chain, from 1 with no gaps.
    public let sequence: Int64
    /// The hash of the record before (or the tenant's genesis value for the first).
    public let previousHash: [UInt8]
    /// When the event happened (kept to the microsecond, like PostgreSQL's `timestamptz`).
    public let timestamp: Date
    /// Who caused it (a principal's subject, or `system`).
    public let actor: String
    /// What happened.
    public let eventType: AuditEventType
    /// The mail item concerned, if any.
    public let itemID: UUID?
    /// The event's details (old and new values, reasons…), encoded canonically for the hash.
    public let payload: JSONValue
    /// The record's hash as stored.
    public let hash: [UInt8]

    /// A record as stored: its hash is taken as given, and checked by ``hasValidHash``.
    public init(
        sequence: Int64, previousHash: [UInt8], timestamp: Date, actor: String, eventType: AuditEventType, itemID: UUID?,
        payload: JSONValue, hash: [UInt8]
    ) {
        self.sequence = sequence
        self.previousHash = previousHash
        self.timestamp = timestamp
        self.actor = actor
        self.eventType = eventType
        self.itemID = itemID
        self.payload = payload
        self.hash = hash
    }

    /// A new record whose hash is computed from its contents; the timestamp is rounded to the microsecond
    /// (what the store keeps). Throws if the payload has no canonical encoding (a fractional or huge number).
    public init(
        sequence: Int64, previousHash: [UInt8], timestamp: Date, actor: String, eventType: AuditEventType, itemID: UUID?,
        payload: JSONValue
    ) throws(CanonicalJSON.EncodingError) {
        let timestamp = Date(microsecondsSince1970: timestamp.microsecondsSince1970)
        let encoding = try Self.canonicalEncoding(
            sequence: sequence, previousHash: previousHash, timestamp: timestamp, actor: actor, eventType: eventType,
            itemID: itemID, payload: payload)
        self.init(
            sequence: sequence, previousHash: previousHash, timestamp: timestamp, actor: actor, eventType: eventType,
            itemID: itemID, payload: payload, hash: SHA256.hash(encoding))
    }

    /// The timestamp in whole microseconds since 1970 (rounded to the nearest), as hashed.
    public var timestampMicroseconds: Int64 {
        timestamp.microsecondsSince1970
    }

    /// The bytes the hash is computed over; throws if the payload has no canonical encoding.
    public func canonicalEncoding() throws(CanonicalJSON.EncodingError) -> [UInt8] {
        try Self.canonicalEncoding(
            sequence: sequence, previousHash: previousHash, timestamp: timestamp, actor: actor, eventType: eventType,
            itemID: itemID, payload: payload)
    }

    /// The hash the record's contents give, or `nil` if the payload has no canonical encoding.
    public var computedHash: [UInt8]? {
        (try? canonicalEncoding()).map(SHA256.hash)
    }

    /// Whether the stored hash is the hash of the contents.
    public var hasValidHash: Bool {
        guard hash.count == SHA256.byteCount, let computed = computedHash else { return false }
        return computed == hash
    }

    /// The chain's tip once this record is appended.
    public var tip: AuditChainTip {
        AuditChainTip(sequence: sequence, hash: hash)
    }

    static func canonicalEncoding(
        sequence: Int64, previousHash: [UInt8], timestamp: Date, actor: String, eventType: AuditEventType, itemID: UUID?,
        payload: JSONValue
    ) throws(CanonicalJSON.EncodingError) -> [UInt8] {
        let json = try CanonicalJSON.encode(payload)
        var encoder = FieldEncoder(capacity: 128 + actor.utf8.count + json.count)
        encoder.field(encodingTag)
        encoder.integer(UInt64(bitPattern: sequence))
        encoder.field(previousHash)
        encoder.integer(timestamp.microsecondsSince1970)
        encoder.field(actor)
        encoder.field(eventType.rawValue)
        encoder.field(itemID?.bytes ?? [])
        encoder.field(json)
        return encoder.bytes
    }
}
