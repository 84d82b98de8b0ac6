import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Testing

@testable import Mail

@Suite struct ArchivePackageTests {
    let closedOn = LocalDate("2026-04-02")!

    private func package(documents: [ArchivedDocument]? = nil, subject: String? = nil) throws -> ArchivePackage {
        var item = MailFixtures.item(type: MailFixtures.invitation, id: MailFixtures.cabinetUnit)
        if let subject {
            _ = try item.amend([.subject(subject)], reason: "Correction", by: MailFixtures.registrar, at: item.registeredAt)
        }
        let handler = MailFixtures.agent("handler", units: [MailFixtures.legalUnit])
        let at = item.registeredAt
        _ = try item.process { workflow throws(Problem) in try workflow.route(to: MailFixtures.legalUnit, by: handler, at: at) }
        _ = try item.process { workflow throws(Problem) in try workflow.startProcessing(by: handler, at: at) }
        _ = try item.process { workflow throws(Problem) in try workflow.close(by: handler, at: at) }
        _ = try item.process { workflow throws(Problem) in try workflow.archive(by: handler, at: at) }
        let scan = ArchivedDocument(
            fileName: "scan.pdf", mediaType: "application/pdf", byteCount: 48_213, sha256: SHA256.hexHash("scan v1"), version: 1,
            addedAt: item.registeredAt)!
        let rescan = ArchivedDocument(
            fileName: "scan.pdf", mediaType: "application/pdf", byteCount: 50_001, sha256: SHA256.hexHash("scan v2"), version: 2,
            addedAt: item.registeredAt.addingTimeInterval(3600))!
        let annex = ArchivedDocument(
            fileName: "annexe <1>.odt", mediaType: "application/vnd.oasis.opendocument.text", byteCount: 1_024,
            sha256: SHA256.hexHash("annex"), version: 1, addedAt: item.registeredAt)!
        let events = try AuditChains.chain(count: 3)
        return ArchivePackage(
            packageID: MailFixtures.financeUnit, createdAt: MailFixtures.instant("2031-04-02T10:00:00Z"), tenantID: MailFixtures.tenant,
            tenantName: "Ministère de la Santé & de la Protection sociale", item: item, documentTypeName: "Invitation",
            documents: documents ?? [rescan, scan, annex], events: events.reversed(), retention: MailFixtures.invitation.retention,
            retentionStart: closedOn)
    }

    @Test func theJSONManifestIsCanonicalAndComplete() throws {
        let package = try package()
        let json = package.jsonValue
        #expect(json["format"] == "guichet.mail.archive.v1")
        #expect(json["item"]?["registry_number"] == "2026/A/000123" && json["item"]?["status"] == "archived")
        #expect(json["documents"]?.arrayValue?.map { $0["file_name"]?.stringValue ?? "" } == ["annexe <1>.odt", "scan.pdf", "scan.pdf"])
        #expect(json["documents"]?[1]?["version"] == 1 && json["documents"]?[2]?["version"] == 2)
        #expect(json["documents"]?[1]?["sha256"] == .string(SHA256.hexHash("scan v1")))
        #expect(json["documents"]?[1]?["path"] == .string("content/" + SHA256.hexHash("scan v1")))
        #expect(json["events"]?.arrayValue?.map { $0["sequence"]?.numberValue ?? 0 } == [1, 2, 3], "events in sequence order")
        #expect(json["retention"] == ["duration": "P1Y", "start": "2026-04-02", "end": "2027-04-02", "final_action": "destroy_after_approval"])
        let bytes = try package.jsonManifest()
        #expect(bytes == (try CanonicalJSON.encode(json)))
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\"created_at\":\"2031-04-02T10:00:00.000000Z\",\"documents\":["))
    }

    @Test func manifestsAreDeterministicWhateverTheInputOrder() throws {
        let first = try package()
        var second = first
        second.documents.reverse()
        second.events.reverse()
        #expect(try first.jsonManifest() == second.jsonManifest())
        #expect(try first.xmlManifest() == second.xmlManifest())
    }

    @Test func theXMLManifestUsesSEDAVocabularyAndEscapesEverything() throws {
        let xml = try package(subject: "Invitation <colloque> & \"journée\" d'étude").xmlManifest()
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ArchiveTransfer xmlns=\"fr:gouv:culture:archivesdefrance:seda:v2.1\">\n"))
        #expect(xml.contains("<Title>Invitation &lt;colloque&gt; &amp; &quot;journée&quot; d&#39;étude</Title>"))
        #expect(xml.contains("<Filename>annexe &lt;1&gt;.odt</Filename>"))
        #expect(xml.contains("<OriginatingAgencyName>Ministère de la Santé &amp; de la Protection sociale</OriginatingAgencyName>"))
        #expect(xml.contains("<MessageDigest algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\">\(SHA256.hexHash("scan v2"))</MessageDigest>"))
        #expect(xml.contains("<Rule>P1Y</Rule>") && xml.contains("<FinalAction>Destroy</FinalAction>"))
        #expect(xml.contains("<OriginatingSystemId>2026/A/000123</OriginatingSystemId>"))
        #expect(xml.contains("<EventDetail>{&quot;index&quot;:0,&quot;note&quot;:&quot;record 0&quot;}</EventDetail>"))
        #expect(xml.components(separatedBy: "<BinaryDataObject ").count == 4)
        #expect(xml.components(separatedBy: "<Event>").count == 4)
        #expect(xml.hasSuffix("</ArchiveTransfer>\n"))
        #expect(!xml.contains("<colloque>"))
    }

    @Test func documentsNeedAValidDigestSizeAndVersion() {
        let now = MailFixtures.instant("2026-03-10T10:00:00Z")
        #expect(ArchivedDocument(fileName: "a", mediaType: "x/y", byteCount: 1, sha256: String(repeating: "A", count: 64), version: 1, addedAt: now) == nil)
        #expect(ArchivedDocument(fileName: "a", mediaType: "x/y", byteCount: 1, sha256: String(repeating: "a", count: 63), version: 1, addedAt: now) == nil)
        #expect(ArchivedDocument(fileName: "a", mediaType: "x/y", byteCount: -1, sha256: String(repeating: "a", count: 64), version: 1, addedAt: now) == nil)
        #expect(ArchivedDocument(fileName: "a", mediaType: "x/y", byteCount: 0, sha256: String(repeating: "a", count: 64), version: 0, addedAt: now) == nil)
        #expect(ArchivedDocument(fileName: "a", mediaType: "x/y", byteCount: 0, sha256: String(repeating: "a", count: 64), version: 1, addedAt: now) != nil)
    }

    @Test func anEventWithoutCanonicalPayloadCannotBeArchived() throws {
        var package = try package()
        let bad = AuditRecord(
            sequence: 4, previousHash: [], timestamp: package.createdAt, actor: "x", eventType: .export, itemID: nil, payload: ["ratio": 0.5],
            hash: [])
        package.events.append(bad)
        #expect(throws: CanonicalJSON.EncodingError.self) { try package.jsonManifest() }
        #expect(throws: CanonicalJSON.EncodingError.self) { try package.xmlManifest() }
    }
}
