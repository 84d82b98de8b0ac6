import GuichetCore
import GuichetCrypto
import FoundationEssentials

/// An ``AuditChainHead`` with its Ed25519 signature and the id of the key that made it.
public struct SignedAuditChainHead: Sendable, Hashable {
    /// The head.
    public let head: AuditChainHead
    /// Which key signed (the verifier looks its public key up by this id).
    public let keyID: String
    /// The 64-byte Ed25519 signature of ``AuditChainHead/signingInput(keyID:)``.
    public let signature: [UInt8]

    /// A signed head as stored.
    public init(head: AuditChainHead, keyID: String, signature: [UInt8]) {
        self.head = head
        self.keyID = keyID
        self.signature = signature
    }

    /// Whether `publicKey` verifies the signature.
    public func isValid(publicKey: Ed25519.PublicKey) -> Bool {
        publicKey.isValidSignature(signature, for: head.signingInput(keyID: keyID))
    }

    /// Why a stored head cannot be trusted.
    public enum Rejection: Sendable, Hashable {
        /// No public key has the head's key id.
        case unknownKey(date: LocalDate, keyID: String)
        /// The signature does not verify: the head was altered or forged.
        case invalidSignature(date: LocalDate)
        /// The head is another tenant's.
        case otherTenant(date: LocalDate)
        /// A later head signs fewer records than an earlier one: the chain shrank between them.
        case sequenceDecreased(date: LocalDate)

        /// The day of the head concerned.
        public var date: LocalDate {
            switch self {
            case .unknownKey(let date, _), .invalidSignature(let date), .otherTenant(let date), .sequenceDecreased(let date): date
            }
        }

        /// The stable code (`unknown_key`, `invalid_signature`, `other_tenant`, `sequence_decreased`).
        public var code: String {
            switch self {
            case .unknownKey: "unknown_key"
            case .invalidSignature: "invalid_signature"
            case .otherTenant: "other_tenant"
            case .sequenceDecreased: "sequence_decreased"
            }
        }
    }

    /// The heads of `tenant`'s chain whose signatures verify with `publicKeys` (by key id), in date
    /// order, or the first reason one of them cannot be trusted.
    public static func verifiedHeads(
        _ heads: [SignedAuditChainHead], tenant: UUID, publicKeys: [String: Ed25519.PublicKey]
    ) -> Result<[AuditChainHead], RejectionError> {
        var verified: [AuditChainHead] = []
        for signed in heads.sorted(by: { $0.head.date < $1.head.date }) {
            let date = signed.head.date
            guard signed.head.tenantID == tenant else { return .failure(RejectionError(.otherTenant(date: date))) }
            guard let key = publicKeys[signed.keyID] else {
                return .failure(RejectionError(.unknownKey(date: date, keyID: signed.keyID)))
            }
            guard signed.isValid(publicKey: key) else { return .failure(RejectionError(.invalidSignature(date: date))) }
            if let previous = verified.last, signed.head.lastSequence < previous.lastSequence {
                return .failure(RejectionError(.sequenceDecreased(date: date)))
            }
            verified.append(signed.head)
        }
        return .success(verified)
    }

    /// A ``Rejection`` as an error.
    public struct RejectionError: Error, Sendable, Hashable {
        /// Why.
        public let rejection: Rejection

        /// Wraps a rejection.
        public init(_ rejection: Rejection) {
            self.rejection = rejection
        }
    }
}
