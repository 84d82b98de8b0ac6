import FoundationEssentials
import GuichetCore

/// Walks a tenant's audit chain in sequence order and finds the first broken record, one record at a
/// time so that the store can feed it page by page.
///
/// ```swift
/// var verifier = AuditChainVerifier(tenant: tenantID, signedHeads: verifiedHeads)
/// for record in page where !verifier.check(record) { break }   // stops early once broken
/// let result = verifier.finish()                                 // {valid, checked, first_broken}
/// ```
///
/// For each record, in this order: its sequence follows the previous one (a gap, a repeat or a step
/// back names it); its previous hash is the previous record's hash (the genesis value for record 1);
/// its contents give its stored hash; and where a signed head covers its sequence, its hash is the
/// signed one. ``finish()`` then reports a truncation if a signed head covers records past the end.
public struct AuditChainVerifier: Sendable {
    private var tip: AuditChainTip
    private var checked = 0
    private var broken: AuditVerification.BrokenLink?
    private let heads: [Int64: AuditChainHead]
    private let lastSignedHead: AuditChainHead?

    /// A verifier for `tenant`'s chain from its first record, checked against `signedHeads` (heads whose
    /// signatures were verified, see ``SignedAuditChainHead/verifiedHeads(_:tenant:publicKeys:)``).
    public init(tenant: UUID, signedHeads: [AuditChainHead] = []) {
        self.init(resumingAfter: .genesis(tenant: tenant), signedHeads: signedHeads)
    }

    /// A verifier that trusts everything up to `tip` (a checkpoint already verified) and checks the
    /// records after it.
    public init(resumingAfter tip: AuditChainTip, signedHeads: [AuditChainHead] = []) {
        self.tip = tip
        var bySequence: [Int64: AuditChainHead] = [:]
        for head in signedHeads where head.lastSequence > tip.sequence {
            bySequence[head.lastSequence] = head
        }
        heads = bySequence
        lastSignedHead = signedHeads.max { $0.lastSequence < $1.lastSequence }
    }

    /// Checks the next record; `false` once the chain is broken (at this record or before), after which
    /// records are ignored.
    @discardableResult
    public mutating func check(_ record: AuditRecord) -> Bool {
        guard broken == nil else { return false }
        let expected = tip.sequence + 1
        if record.sequence != expected {
            let reason: AuditVerification.Reason =
                if record.sequence == tip.sequence, checked > 0 { .duplicateSequence }
                else if record.sequence > expected { .sequenceGap(expected: expected) }
                else { .sequenceOutOfOrder(expected: expected) }
            broken = AuditVerification.BrokenLink(sequence: record.sequence, reason: reason)
            return false
        }
        guard record.previousHash == tip.hash else {
            broken = AuditVerification.BrokenLink(sequence: record.sequence, reason: .previousHashMismatch)
            return false
        }
        guard record.hasValidHash else {
            broken = AuditVerification.BrokenLink(sequence: record.sequence, reason: .hashMismatch)
            return false
        }
        if let head = heads[record.sequence], head.lastHash != record.hash {
            broken = AuditVerification.BrokenLink(sequence: record.sequence, reason: .signedHeadMismatch(date: head.date))
            return false
        }
        tip = record.tip
        checked += 1
        return true
    }

    /// Checks every record of `records` in order (stopping at the first broken one).
    public mutating func check(contentsOf records: some Sequence<AuditRecord>) {
        for record in records where !check(record) { break }
    }

    /// The outcome once every record was fed: the first broken record, or a truncation if a signed head
    /// covers records past the last one, or a valid chain.
    public func finish() -> AuditVerification {
        if broken == nil, let head = lastSignedHead, head.lastSequence > tip.sequence {
            return AuditVerification(
                checked: checked, tip: tip,
                firstBroken: AuditVerification.BrokenLink(
                    sequence: tip.sequence + 1, reason: .truncated(signedThrough: head.lastSequence, date: head.date)))
        }
        return AuditVerification(checked: checked, tip: tip, firstBroken: broken)
    }

    /// Verifies a whole chain held in memory.
    public static func verify(
        _ records: some Sequence<AuditRecord>, tenant: UUID, signedHeads: [AuditChainHead] = []
    ) -> AuditVerification {
        var verifier = AuditChainVerifier(tenant: tenant, signedHeads: signedHeads)
        verifier.check(contentsOf: records)
        return verifier.finish()
    }
}
