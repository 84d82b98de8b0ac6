import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// A tenant's audit chain as it stood at the end of a day: the last sequence and hash. Signed daily
/// (``signed(with:keyID:)``) and kept, it lets a verifier notice that the newest records were removed
/// (truncation), which the chain alone cannot show.
///
/// The signature covers ``signingInput(keyID:)``:
///
/// ```
/// field("guichet.mail.audit.head.v1")
/// field tenant id          (16 bytes)
/// field date               ("YYYY-MM-DD", the tenant's local day)
/// u64   last sequence      (big-endian; 0 for an empty chain)
/// field last hash          (32 bytes; the genesis value for an empty chain)
/// field key id             (UTF-8: which key signed)
/// ```
public struct AuditChainHead: Sendable, Hashable {
    /// The domain tag that starts the signed bytes.
    public static let encodingTag = "guichet.mail.audit.head.v1"

    /// The tenant whose chain this is.
    public let tenantID: UUID
    /// The tenant's local day the head closes.
    public let date: LocalDate
    /// The last record's sequence (0 for an empty chain).
    public let lastSequence: Int64
    /// The last record's hash (the genesis value for an empty chain).
    public let lastHash: [UInt8]

    /// A head from its parts.
    public init(tenantID: UUID, date: LocalDate, lastSequence: Int64, lastHash: [UInt8]) {
        self.tenantID = tenantID
        self.date = date
        self.lastSequence = lastSequence
        self.lastHash = lastHash
    }

    /// The head of a chain whose tip is `tip`.
    public init(tenantID: UUID, date: LocalDate, tip: AuditChainTip) {
        self.init(tenantID: tenantID, date: date, lastSequence: tip.sequence, lastHash: tip.hash)
    }

    /// The bytes signed for this head under `keyID`.
    public func signingInput(keyID: String) -> [UInt8] {
        var encoder = FieldEncoder(capacity: 128)
        encoder.field(Self.encodingTag)
        encoder.field(tenantID.bytes)
        encoder.field(date.description)
        encoder.integer(UInt64(bitPattern: lastSequence))
        encoder.field(lastHash)
        encoder.field(keyID)
        return encoder.bytes
    }

    /// The head signed with Ed25519 by `key`, named `keyID` so that verifiers pick the right public key
    /// after a rotation.
    public func signed(with key: Ed25519.PrivateKey, keyID: String) throws(CryptoError) -> SignedAuditChainHead {
        SignedAuditChainHead(head: self, keyID: keyID, signature: try key.signature(for: signingInput(keyID: keyID)))
    }

    /// How the chain as it is now compares with this (verified) head, from the current tip and the record
    /// now stored at ``lastSequence`` (if any): a quick check with two reads, where
    /// ``AuditChainVerifier`` walks the whole chain.
    public func consistency(withTip tip: AuditChainTip, recordAtLastSequence record: AuditRecord?) -> Consistency {
        if tip.sequence < lastSequence {
            return .truncated(signedThrough: lastSequence, chainEndsAt: tip.sequence)
        }
        if lastSequence == 0 { return .consistent }
        guard let record, record.sequence == lastSequence, record.hash == lastHash else {
            return .diverged(atSequence: lastSequence)
        }
        return .consistent
    }

    /// The outcome of ``consistency(withTip:recordAtLastSequence:)``.
    public enum Consistency: Sendable, Hashable {
        /// The chain still holds the signed record, unchanged.
        case consistent
        /// Records the head signed are gone: the chain ends before the signed sequence.
        case truncated(signedThrough: Int64, chainEndsAt: Int64)
        /// The record at the signed sequence is not the one signed (history rewritten).
        case diverged(atSequence: Int64)
    }
}
