import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Testing

@testable import Mail

@Suite struct AuditRecordTests {
    @Test func genesisIsPerTenant() {
        // Computed independently from the documented encoding.
        #expect(Hex.encode(AuditChainTip.genesisHash(tenant: MailFixtures.tenant)) == "f0e59b0af980ce4e4f5227a098697d50dd54a69015fa73769c6002548925e7f1")
        #expect(AuditChainTip.genesisHash(tenant: MailFixtures.tenant) != AuditChainTip.genesisHash(tenant: MailFixtures.otherTenant))
        #expect(AuditChainTip.genesis(tenant: MailFixtures.tenant).sequence == 0)
    }

    @Test func theHashFollowsTheDocumentedEncoding() throws {
        // Expected hashes computed by an independent implementation of the encoding in the doc comment.
        let payload: JSONValue = [
            "number": "2026/A/000123", "subject": "Demande", "n": 5, "z": nil, "a": [true, false], "é": "x\n\u{01}", "b": -7,
        ]
        let timestamp = MailFixtures.instant("2026-03-10T09:30:00.123456Z")
        let first = try AuditChainTip.genesis(tenant: MailFixtures.tenant).appending(
            timestamp: timestamp, actor: "account:registrar", eventType: .registration, itemID: MailFixtures.legalUnit, payload: payload)
        #expect(first.sequence == 1)
        #expect(first.timestampMicroseconds == 1_773_135_000_123_456)
        #expect(Hex.encode(first.hash) == "e1b83ec42dd551cf0b4d8dea9111ecd31353f7c693328a42cbc84225e80ce0fa")
        let second = try first.tip.appending(timestamp: timestamp.addingTimeInterval(1), actor: "system", eventType: .export)
        #expect(second.sequence == 2 && second.previousHash == first.hash)
        #expect(Hex.encode(second.hash) == "a35d283c7c239d63d3fc4450c974a6a487833c68a00d7a361040681f71f9e4a9")
        #expect(first.hasValidHash && second.hasValidHash)
    }

    @Test func everyFieldIsCoveredByTheHash() throws {
        let record = try AuditChains.chain(count: 1)[0]
        let variants = [
            AuditChains.forged(record, sequence: 2),
            AuditChains.forged(record, payload: ["index": 0, "note": "record 0 "]),
            AuditChains.forged(record, actor: "account:agent9"),
            AuditRecord(sequence: 1, previousHash: record.previousHash, timestamp: record.timestamp.addingTimeInterval(0.000_001),
                actor: record.actor, eventType: record.eventType, itemID: record.itemID, payload: record.payload, hash: record.hash),
            AuditRecord(sequence: 1, previousHash: record.previousHash, timestamp: record.timestamp, actor: record.actor,
                eventType: .purge, itemID: record.itemID, payload: record.payload, hash: record.hash),
            AuditRecord(sequence: 1, previousHash: record.previousHash, timestamp: record.timestamp, actor: record.actor,
                eventType: record.eventType, itemID: nil, payload: record.payload, hash: record.hash),
            AuditRecord(sequence: 1, previousHash: Array(repeating: 0, count: 32), timestamp: record.timestamp, actor: record.actor,
                eventType: record.eventType, itemID: record.itemID, payload: record.payload, hash: record.hash),
            AuditChains.forged(record, hash: Array(record.hash.dropLast())),
        ]
        #expect(record.hasValidHash)
        for variant in variants { #expect(!variant.hasValidHash) }
    }

    @Test func lengthPrefixesKeepFieldBoundariesApart() throws {
        // Moving bytes from the actor into the event type must change the encoding.
        let tip = AuditChainTip.genesis(tenant: MailFixtures.tenant)
        let a = try tip.appending(timestamp: AuditChains.start, actor: "ab", eventType: AuditEventType(rawValue: "c"))
        let b = try tip.appending(timestamp: AuditChains.start, actor: "a", eventType: AuditEventType(rawValue: "bc"))
        #expect(try a.canonicalEncoding() != b.canonicalEncoding())
        #expect(a.hash != b.hash)
    }

    @Test func aPayloadWithoutCanonicalFormCannotBeAppended() {
        let tip = AuditChainTip.genesis(tenant: MailFixtures.tenant)
        #expect(throws: CanonicalJSON.EncodingError.numberNotCanonical(0.5)) {
            try tip.appending(timestamp: AuditChains.start, actor: "x", eventType: .export, payload: ["ratio": 0.5])
        }
        let stored = AuditRecord(sequence: 1, previousHash: tip.hash, timestamp: AuditChains.start, actor: "x",
            eventType: .export, itemID: nil, payload: ["ratio": 0.5], hash: Array(repeating: 0, count: 32))
        #expect(stored.computedHash == nil && !stored.hasValidHash)
    }

    @Test func newRecordsKeepTheirTimestampToTheMicrosecond() throws {
        let instant = FoundationEssentials.Date(timeIntervalSince1970: 1_773_135_000.123_456_7)
        let record = try AuditChainTip.genesis(tenant: MailFixtures.tenant).appending(timestamp: instant, actor: "x", eventType: .export)
        #expect(record.timestampMicroseconds == 1_773_135_000_123_457)
        // What a store reads back (microseconds) rebuilds the same record and hash.
        let reread = AuditRecord(
            sequence: 1, previousHash: record.previousHash,
            timestamp: FoundationEssentials.Date(timeIntervalSince1970: Double(record.timestampMicroseconds) / 1_000_000),
            actor: "x", eventType: .export, itemID: nil, payload: [:], hash: record.hash)
        #expect(reread.hasValidHash)
    }
}
