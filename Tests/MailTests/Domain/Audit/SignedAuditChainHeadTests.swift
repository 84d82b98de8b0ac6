import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Testing

@testable import Mail

@Suite struct SignedAuditChainHeadTests {
    let tenant = MailFixtures.tenant
    let key = Ed25519.PrivateKey()
    let day1 = LocalDate("2026-03-10")!
    let day2 = LocalDate("2026-03-11")!

    private var keys: [String: Ed25519.PublicKey] { ["2026-01": key.publicKey] }

    @Test func signedHeadsVerifyAndTamperedOnesDoNot() throws {
        let records = try AuditChains.chain(count: 5)
        let head = AuditChainHead(tenantID: tenant, date: day1, tip: records[4].tip)
        let signed = try head.signed(with: key, keyID: "2026-01")
        #expect(signed.signature.count == 64)
        #expect(signed.isValid(publicKey: key.publicKey))
        #expect(!signed.isValid(publicKey: Ed25519.PrivateKey().publicKey))

        let shorter = SignedAuditChainHead(
            head: AuditChainHead(tenantID: tenant, date: day1, lastSequence: 3, lastHash: head.lastHash), keyID: "2026-01",
            signature: signed.signature)
        #expect(!shorter.isValid(publicKey: key.publicKey))
        let otherHash = SignedAuditChainHead(
            head: AuditChainHead(tenantID: tenant, date: day1, tip: records[3].tip), keyID: "2026-01", signature: signed.signature)
        #expect(!otherHash.isValid(publicKey: key.publicKey))
        let otherDay = SignedAuditChainHead(
            head: AuditChainHead(tenantID: tenant, date: day2, tip: records[4].tip), keyID: "2026-01", signature: signed.signature)
        #expect(!otherDay.isValid(publicKey: key.publicKey))
        let relabelled = SignedAuditChainHead(head: head, keyID: "2025-12", signature: signed.signature)
        #expect(!relabelled.isValid(publicKey: key.publicKey))
    }

    @Test func theSigningInputIsTheDocumentedEncoding() throws {
        let head = AuditChainHead(tenantID: tenant, date: day1, lastSequence: 258, lastHash: Array(repeating: 0xAB, count: 32))
        let input = head.signingInput(keyID: "k")
        var expected: [UInt8] = [0, 0, 0, 26] + Array("guichet.mail.audit.head.v1".utf8)
        expected += [0, 0, 0, 16] + tenant.bytes
        expected += [0, 0, 0, 10] + Array("2026-03-10".utf8)
        expected += [0, 0, 0, 0, 0, 0, 1, 2]
        expected += [0, 0, 0, 32] + Array(repeating: 0xAB, count: 32)
        expected += [0, 0, 0, 1, UInt8(ascii: "k")]
        #expect(input == expected)
    }

    @Test func storedHeadsAreCheckedBeforeUse() throws {
        let records = try AuditChains.chain(count: 8)
        let first = try AuditChainHead(tenantID: tenant, date: day1, tip: records[3].tip).signed(with: key, keyID: "2026-01")
        let second = try AuditChainHead(tenantID: tenant, date: day2, tip: records[7].tip).signed(with: key, keyID: "2026-01")
        let verified = try SignedAuditChainHead.verifiedHeads([second, first], tenant: tenant, publicKeys: keys).get()
        #expect(verified.map(\.date) == [day1, day2])

        let forged = SignedAuditChainHead(
            head: AuditChainHead(tenantID: tenant, date: day2, tip: records[5].tip), keyID: "2026-01", signature: second.signature)
        #expect(throws: SignedAuditChainHead.RejectionError(.invalidSignature(date: day2))) {
            try SignedAuditChainHead.verifiedHeads([first, forged], tenant: tenant, publicKeys: keys).get()
        }
        let unknown = try AuditChainHead(tenantID: tenant, date: day2, tip: records[7].tip).signed(with: key, keyID: "old")
        #expect(throws: SignedAuditChainHead.RejectionError(.unknownKey(date: day2, keyID: "old"))) {
            try SignedAuditChainHead.verifiedHeads([unknown], tenant: tenant, publicKeys: keys).get()
        }
        let foreign = try AuditChainHead(tenantID: MailFixtures.otherTenant, date: day1, tip: records[1].tip).signed(with: key, keyID: "2026-01")
        #expect(throws: SignedAuditChainHead.RejectionError(.otherTenant(date: day1))) {
            try SignedAuditChainHead.verifiedHeads([foreign], tenant: tenant, publicKeys: keys).get()
        }
        let shrunk = try AuditChainHead(tenantID: tenant, date: day2, tip: records[2].tip).signed(with: key, keyID: "2026-01")
        #expect(throws: SignedAuditChainHead.RejectionError(.sequenceDecreased(date: day2))) {
            try SignedAuditChainHead.verifiedHeads([first, shrunk], tenant: tenant, publicKeys: keys).get()
        }
    }

    @Test func theQuickConsistencyCheckReportsTruncationAndDivergence() throws {
        let records = try AuditChains.chain(count: 10)
        let head = AuditChainHead(tenantID: tenant, date: day1, tip: records[7].tip)
        #expect(head.consistency(withTip: records[9].tip, recordAtLastSequence: records[7]) == .consistent)
        #expect(head.consistency(withTip: records[7].tip, recordAtLastSequence: records[7]) == .consistent)
        #expect(head.consistency(withTip: records[4].tip, recordAtLastSequence: nil) == .truncated(signedThrough: 8, chainEndsAt: 5))
        let replaced = try AuditChains.rehashed(records[7], payload: ["other": true])
        #expect(head.consistency(withTip: records[9].tip, recordAtLastSequence: replaced) == .diverged(atSequence: 8))
        #expect(head.consistency(withTip: records[9].tip, recordAtLastSequence: nil) == .diverged(atSequence: 8))
        let empty = AuditChainHead(tenantID: tenant, date: day1, tip: .genesis(tenant: tenant))
        #expect(empty.consistency(withTip: .genesis(tenant: tenant), recordAtLastSequence: nil) == .consistent)
    }

    @Test func endToEndSignedHeadsCatchTruncation() throws {
        let records = try AuditChains.chain(count: 30)
        let heads = try [
            AuditChainHead(tenantID: tenant, date: day1, tip: records[9].tip).signed(with: key, keyID: "2026-01"),
            AuditChainHead(tenantID: tenant, date: day2, tip: records[24].tip).signed(with: key, keyID: "2026-01"),
        ]
        let trusted = try SignedAuditChainHead.verifiedHeads(heads, tenant: tenant, publicKeys: keys).get()
        #expect(AuditChainVerifier.verify(records, tenant: tenant, signedHeads: trusted).valid)
        let cut = AuditChainVerifier.verify(records.prefix(20), tenant: tenant, signedHeads: trusted)
        #expect(cut.firstBroken == .init(sequence: 21, reason: .truncated(signedThrough: 25, date: day2)))
    }
}
