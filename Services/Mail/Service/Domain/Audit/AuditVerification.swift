import FoundationEssentials
import GuichetCore

/// The outcome of walking an audit chain: whether it is intact, how many records were found intact,
/// and the first broken record.
///
/// Its JSON (``jsonValue``) is the body of `GET /v1/{tenant}/mail/audit/verify`:
/// `{"valid": false, "checked": 41, "first_broken": {"sequence": 42, "reason": "hash_mismatch"}}`.
public struct AuditVerification: Sendable, Hashable {
    /// Whether every record checked out and no signed head was contradicted.
    public var valid: Bool { firstBroken == nil }
    /// How many records were found intact before the first broken one (all of them when valid).
    public let checked: Int
    /// The tip after the last intact record.
    public let tip: AuditChainTip
    /// The first record found broken, or where the missing records should be for a truncation.
    public let firstBroken: BrokenLink?

    /// A result from its parts.
    public init(checked: Int, tip: AuditChainTip, firstBroken: BrokenLink?) {
        self.checked = checked
        self.tip = tip
        self.firstBroken = firstBroken
    }

    /// The first broken place of a chain.
    public struct BrokenLink: Sendable, Hashable {
        /// The sequence of the record found broken (for a truncation, the first missing one).
        public let sequence: Int64
        /// What is wrong with it.
        public let reason: Reason

        /// A broken link from its parts.
        public init(sequence: Int64, reason: Reason) {
            self.sequence = sequence
            self.reason = reason
        }
    }

    /// What is wrong with a record.
    public enum Reason: Sendable, Hashable {
        /// Records are missing before this one (a deleted record): `expected` was due.
        case sequenceGap(expected: Int64)
        /// The record repeats the previous record's sequence.
        case duplicateSequence
        /// The record comes before the previous one (reordered): `expected` was due.
        case sequenceOutOfOrder(expected: Int64)
        /// The record's previous hash is not the hash of the record before it (or the genesis value).
        case previousHashMismatch
        /// The record's contents do not give its stored hash (altered contents).
        case hashMismatch
        /// The record is not the one a signed head signed at this sequence (history rewritten).
        case signedHeadMismatch(date: LocalDate)
        /// The chain ends before records a signed head covered (the newest records were removed).
        case truncated(signedThrough: Int64, date: LocalDate)
        /// A stored signed head cannot be trusted (forged, unknown key, another tenant's, or signing
        /// fewer records than an earlier head): the chain is not checked against forged evidence.
        case untrustedSignedHead(SignedAuditChainHead.Rejection)

        /// The stable code (`sequence_gap`, `hash_mismatch`, …).
        public var code: String {
            switch self {
            case .sequenceGap: "sequence_gap"
            case .duplicateSequence: "duplicate_sequence"
            case .sequenceOutOfOrder: "sequence_out_of_order"
            case .previousHashMismatch: "previous_hash_mismatch"
            case .hashMismatch: "hash_mismatch"
            case .signedHeadMismatch: "signed_head_mismatch"
            case .truncated: "truncated"
            case .untrustedSignedHead: "untrusted_signed_head"
            }
        }
    }

    /// The outcome when a stored signed head cannot be trusted: nothing is checked, and the broken place
    /// is the sequence the head claims to sign.
    public static func untrusted(_ rejection: SignedAuditChainHead.Rejection, tenant: UUID, heads: [SignedAuditChainHead]) -> AuditVerification {
        let sequence = heads.first { $0.head.date == rejection.date }?.head.lastSequence ?? 0
        return AuditVerification(
            checked: 0, tip: .genesis(tenant: tenant),
            firstBroken: BrokenLink(sequence: sequence, reason: .untrustedSignedHead(rejection)))
    }

    /// The result as JSON: `valid`, `checked`, `last_sequence`, and `first_broken` with `sequence`,
    /// `reason` and, depending on the reason, `expected_sequence`, `signed_date`, `signed_through`.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "valid": .bool(valid), "checked": .number(Double(checked)), "last_sequence": .number(Double(tip.sequence)),
        ]
        if let firstBroken {
            var broken: [String: JSONValue] = [
                "sequence": .number(Double(firstBroken.sequence)), "reason": .string(firstBroken.reason.code),
            ]
            switch firstBroken.reason {
            case .sequenceGap(let expected), .sequenceOutOfOrder(let expected):
                broken["expected_sequence"] = .number(Double(expected))
            case .signedHeadMismatch(let date):
                broken["signed_date"] = .string(date.description)
            case .truncated(let through, let date):
                broken["signed_through"] = .number(Double(through))
                broken["signed_date"] = .string(date.description)
            case .untrustedSignedHead(let rejection):
                broken["signed_date"] = .string(rejection.date.description)
                broken["head_problem"] = .string(rejection.code)
            case .duplicateSequence, .previousHashMismatch, .hashMismatch:
                break
            }
            object["first_broken"] = .object(broken)
        }
        return .object(object)
    }
}
