import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

/// Builds audit chains for the tests.
enum AuditChains {
    static let start = MailFixtures.instant("2026-03-10T08:00:00Z")

    /// A valid chain of `count` records for `tenant`.
    static func chain(count: Int, tenant: UUID = MailFixtures.tenant, from tip: AuditChainTip? = nil) throws -> [AuditRecord] {
        var tip = tip ?? .genesis(tenant: tenant)
        var records: [AuditRecord] = []
        for index in 0..<count {
            let record = try tip.appending(
                timestamp: start.addingTimeInterval(Double(tip.sequence) * 60), actor: "account:agent\(index % 3)",
                eventType: index % 2 == 0 ? .registration : .routing, itemID: MailFixtures.legalUnit,
                payload: ["index": .number(Double(index)), "note": "record \(index)"])
            records.append(record)
            tip = record.tip
        }
        return records
    }

    /// `record` with some fields replaced, its stored hash kept (a forgery that did not recompute it).
    static func forged(_ record: AuditRecord, sequence: Int64? = nil, payload: JSONValue? = nil, actor: String? = nil, hash: [UInt8]? = nil) -> AuditRecord {
        AuditRecord(
            sequence: sequence ?? record.sequence, previousHash: record.previousHash, timestamp: record.timestamp,
            actor: actor ?? record.actor, eventType: record.eventType, itemID: record.itemID, payload: payload ?? record.payload,
            hash: hash ?? record.hash)
    }

    /// `record` with new contents and a recomputed hash (a forger who knows the encoding).
    static func rehashed(_ record: AuditRecord, payload: JSONValue, previousHash: [UInt8]? = nil) throws -> AuditRecord {
        try AuditRecord(
            sequence: record.sequence, previousHash: previousHash ?? record.previousHash, timestamp: record.timestamp,
            actor: record.actor, eventType: record.eventType, itemID: record.itemID, payload: payload)
    }
}
