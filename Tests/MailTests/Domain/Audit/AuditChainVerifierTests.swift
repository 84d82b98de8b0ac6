import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct AuditChainVerifierTests {
    let tenant = MailFixtures.tenant

    private func verify(_ records: [AuditRecord], heads: [AuditChainHead] = []) -> AuditVerification {
        AuditChainVerifier.verify(records, tenant: tenant, signedHeads: heads)
    }

    @Test func anIntactChainIsValid() throws {
        let records = try AuditChains.chain(count: 20)
        let result = verify(records)
        #expect(result.valid && result.checked == 20 && result.firstBroken == nil)
        #expect(result.tip == records[19].tip)
        #expect(verify([]).valid && verify([]).checked == 0)
        #expect(result.jsonValue == ["valid": true, "checked": 20, "last_sequence": 20])
    }

    @Test func aForgedPayloadIsCaughtAtItsRecord() throws {
        var records = try AuditChains.chain(count: 10)
        records[6] = AuditChains.forged(records[6], payload: ["index": 6, "note": "nothing happened"])
        let result = verify(records)
        #expect(!result.valid)
        #expect(result.checked == 6)
        #expect(result.firstBroken == .init(sequence: 7, reason: .hashMismatch))
        #expect(result.jsonValue["first_broken"] == ["sequence": 7, "reason": "hash_mismatch"])
    }

    @Test func aForgeryWithARecomputedHashIsCaughtAtTheNextRecord() throws {
        var records = try AuditChains.chain(count: 10)
        records[3] = try AuditChains.rehashed(records[3], payload: ["index": 3, "note": "rewritten"])
        #expect(verify(records).firstBroken == .init(sequence: 5, reason: .previousHashMismatch))
        // Rewriting the last record entirely goes unnoticed by the chain alone: that is what signed heads are for.
        var tail = try AuditChains.chain(count: 10)
        tail[9] = try AuditChains.rehashed(tail[9], payload: ["index": 9, "note": "rewritten"])
        #expect(verify(tail).valid)
    }

    @Test func aDeletedRecordInTheMiddleIsAGap() throws {
        var records = try AuditChains.chain(count: 10)
        records.remove(at: 4)
        let result = verify(records)
        #expect(result.firstBroken == .init(sequence: 6, reason: .sequenceGap(expected: 5)))
        #expect(result.checked == 4)
        #expect(result.jsonValue["first_broken"]?["expected_sequence"] == 5)
    }

    @Test func aDeletedFirstRecordIsAGapToo() throws {
        let records = Array(try AuditChains.chain(count: 5).dropFirst())
        #expect(verify(records).firstBroken == .init(sequence: 2, reason: .sequenceGap(expected: 1)))
    }

    @Test func aRenumberedDeletionBreaksTheHashes() throws {
        var records = try AuditChains.chain(count: 6)
        records.remove(at: 2)
        records[2] = AuditChains.forged(records[2], sequence: 3)
        #expect(verify(records).firstBroken == .init(sequence: 3, reason: .previousHashMismatch))
    }

    @Test func reorderedRecordsAreNamed() throws {
        var records = try AuditChains.chain(count: 8)
        records.swapAt(3, 4)
        #expect(verify(records).firstBroken == .init(sequence: 5, reason: .sequenceGap(expected: 4)))
        var backwards = try AuditChains.chain(count: 8)
        backwards.insert(backwards[1], at: 5)
        #expect(verify(backwards).firstBroken == .init(sequence: 2, reason: .sequenceOutOfOrder(expected: 6)))
    }

    @Test func swappingContentsBetweenSequencesIsCaught() throws {
        let records = try AuditChains.chain(count: 6)
        var swapped = records
        swapped[2] = AuditChains.forged(records[3], sequence: 3)
        swapped[3] = AuditChains.forged(records[2], sequence: 4)
        #expect(verify(swapped).firstBroken == .init(sequence: 3, reason: .previousHashMismatch))
    }

    @Test func aDuplicatedRecordIsNamed() throws {
        var records = try AuditChains.chain(count: 6)
        records.insert(records[2], at: 3)
        #expect(verify(records).firstBroken == .init(sequence: 3, reason: .duplicateSequence))
        #expect(verify(records).checked == 3)
    }

    @Test func anotherTenantsChainDoesNotVerify() throws {
        let records = try AuditChains.chain(count: 3, tenant: MailFixtures.otherTenant)
        #expect(verify(records).firstBroken == .init(sequence: 1, reason: .previousHashMismatch))
    }

    @Test func aMalformedStoredHashIsAMismatch() throws {
        var records = try AuditChains.chain(count: 3)
        records[0] = AuditChains.forged(records[0], hash: [])
        #expect(verify(records).firstBroken == .init(sequence: 1, reason: .hashMismatch))
    }

    @Test func recordsAfterTheBreakAreIgnored() throws {
        var records = try AuditChains.chain(count: 6)
        records[1] = AuditChains.forged(records[1], actor: "account:intruder")
        var verifier = AuditChainVerifier(tenant: tenant)
        let first = verifier.check(records[0])
        let second = verifier.check(records[1])
        let third = verifier.check(records[2])
        #expect(first && !second && !third)
        #expect(verifier.finish().firstBroken == .init(sequence: 2, reason: .hashMismatch))
    }

    @Test func verificationResumesFromATrustedCheckpoint() throws {
        let records = try AuditChains.chain(count: 10)
        var verifier = AuditChainVerifier(resumingAfter: records[5].tip)
        verifier.check(contentsOf: records[6...])
        let result = verifier.finish()
        #expect(result.valid && result.checked == 4 && result.tip == records[9].tip)
        var wrong = AuditChainVerifier(resumingAfter: records[4].tip)
        wrong.check(contentsOf: records[6...])
        #expect(wrong.finish().firstBroken == .init(sequence: 7, reason: .sequenceGap(expected: 6)))
    }

    @Test func truncationOfTheNewestRecordsIsCaughtBySignedHeads() throws {
        let records = try AuditChains.chain(count: 12)
        let day = try #require(LocalDate("2026-03-10"))
        let head = AuditChainHead(tenantID: tenant, date: day, tip: records[9].tip)
        #expect(verify(records, heads: [head]).valid)
        #expect(verify(Array(records.prefix(10)), heads: [head]).valid)
        let truncated = verify(Array(records.prefix(7)), heads: [head])
        #expect(truncated.firstBroken == .init(sequence: 8, reason: .truncated(signedThrough: 10, date: day)))
        #expect(truncated.checked == 7)
        #expect(truncated.jsonValue["first_broken"] == ["sequence": 8, "reason": "truncated", "signed_through": 10, "signed_date": "2026-03-10"])
        #expect(verify([], heads: [head]).firstBroken == .init(sequence: 1, reason: .truncated(signedThrough: 10, date: day)))
    }

    @Test func truncationFollowedByNewRecordsIsCaughtAtTheSignedSequence() throws {
        let records = try AuditChains.chain(count: 12)
        let day = try #require(LocalDate("2026-03-10"))
        let head = AuditChainHead(tenantID: tenant, date: day, tip: records[9].tip)
        // Records 8…12 removed and other records appended in their place: the chain is internally valid.
        var rewritten = Array(records.prefix(7))
        var tip = records[6].tip
        for index in 0..<5 {
            let record = try tip.appending(
                timestamp: AuditChains.start.addingTimeInterval(Double(7 + index) * 60), actor: "account:intruder",
                eventType: .export, payload: ["forged": true])
            rewritten.append(record)
            tip = record.tip
        }
        #expect(verify(rewritten).valid)
        let result = verify(rewritten, heads: [head])
        #expect(result.firstBroken == .init(sequence: 10, reason: .signedHeadMismatch(date: day)))
        #expect(result.jsonValue["first_broken"]?["reason"] == "signed_head_mismatch")
    }
}
