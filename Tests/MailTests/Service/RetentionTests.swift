import Foundation
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: archive export packages, and purges that need an approval and keep the registry entry")
struct RetentionTests {
    /// A closed internal invitation (retention 0 months, destroyed after approval) with one document.
    private func closedItem(_ harness: MailHarness, _ tenant: Tenant, unit: UUID, content: [UInt8]) async throws -> String {
        let registrar = MailHarness.registrar(tenant)
        let item = try #require(try await harness.register(in: tenant, subject: "Invitation au séminaire", direction: "internal", type: "invitation")["id"]?.stringValue)
        let uploaded = try await DocumentTests.upload(harness, tenant, item: item, bytes: content, name: "invitation.txt")
        #expect(uploaded.status == 201)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)"
        let handler = MailHarness.processor(tenant, units: [unit])
        #expect(try await harness.call("POST", path + "/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(unit)"}"#).status == 200)
        #expect(try await harness.call("POST", path + "/start", as: handler, in: tenant).status == 200)
        #expect(try await harness.call("POST", path + "/close", as: handler, in: tenant).status == 200)
        return item
    }

    @Test("the archive package holds the manifests and every document, fixity checked, and the export is audited")
    func archivePackage() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let unit = UUID()
        let content = Array("Invitation \(UUID())".utf8)
        let item = try await closedItem(harness, tenant, unit: unit, content: content)
        let supervisor = MailHarness.supervisor(tenant, units: [unit])
        let response = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)/archive-package", as: supervisor, in: tenant)
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/x-tar")
        let entries = Self.untar(response.body)
        #expect(entries.map(\.name) == ["manifest.json", "manifest.xml", "content/\(SHA256.hexHash(content))"])
        #expect(entries.last?.bytes == content)
        let manifest = try JSONDecoder().decode(JSONValue.self, from: Data(entries[0].bytes))
        #expect(manifest["format"]?.stringValue == "guichet.mail.archive.v1")
        #expect(manifest["item"]?["id"]?.stringValue == item)
        #expect(manifest["documents"]?[0]?["sha256"]?.stringValue == SHA256.hexHash(content))
        #expect(manifest["retention"]?["final_action"]?.stringValue == "destroy_after_approval")
        #expect((manifest["events"]?.arrayValue?.count ?? 0) >= 4)
        #expect(response.header("x-manifest-sha256") == SHA256.hexHash(entries[0].bytes))
        #expect(String(decoding: entries[1].bytes, as: UTF8.self).contains("<MessageDigest algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\">\(SHA256.hexHash(content))</MessageDigest>"))
        let history = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)/history", as: supervisor, in: tenant).json()
        #expect(history["items"]?.arrayValue?.last?["type"]?.stringValue == "export")
        #expect(try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/items/\(item)/archive-package", as: MailHarness.registrar(tenant), in: tenant).status == 403)
    }

    @Test("a purge needs another person's approval, deletes the content, keeps the registry entry and the fixity facts")
    func purge() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let unit = UUID()
        let content = Array("À détruire \(UUID())".utf8)
        let item = try await closedItem(harness, tenant, unit: unit, content: content)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)"
        let approver = MailHarness.supervisor(tenant, units: [unit])
        let purger = MailHarness.supervisor(tenant, units: [unit])
        #expect(try await harness.call("POST", path + "/purge", as: purger, in: tenant).code == "purge_approval_required")
        #expect(try await harness.call("POST", path + "/purge-approval", as: approver, in: tenant, json: #"{"comment":"Délai échu"}"#).status == 201)
        #expect(try await harness.call("POST", path + "/purge-approval", as: purger, in: tenant).status == 409)
        #expect(try await harness.call("POST", path + "/purge", as: approver, in: tenant).code == "purge_approval_required")
        let purged = try await harness.call("POST", path + "/purge", as: purger, in: tenant)
        #expect(purged.status == 200)
        let hash = SHA256.hexHash(content)
        #expect(try purged.json()["deleted_contents"]?[0]?.stringValue == hash)
        let file = "\(harness.storageDirectory)/\(tenant.id.uuidString.lowercased())/\(hash.prefix(2))/\(hash)"
        #expect(!FileManager.default.fileExists(atPath: file))

        let view = try await harness.call("GET", path, as: purger, in: tenant).json()
        #expect(view["purged_at"] != JSONValue.null)
        #expect(view["documents"]?[0]?["versions"]?[0]?["sha256"]?.stringValue == hash)
        let document = try #require(view["documents"]?[0]?["id"]?.stringValue)
        #expect(try await harness.call("GET", path + "/documents/\(document)", as: purger, in: tenant).code == "document_purged")
        let registry = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry", as: purger, in: tenant).json()
        #expect(registry["items"]?[0]?["id"]?.stringValue == item)
        #expect(try await harness.call("POST", path + "/purge", as: purger, in: tenant).code == "document_purged")
        let search = try await harness.call("GET", "/v1/\(tenant.slug)/mail/search?q=detruire", as: purger, in: tenant).json()
        #expect(search["items"]?.arrayValue?.isEmpty == true)
    }

    @Test("no purge before the end of retention, of a type kept for ever, or of an open item")
    func refusedPurges() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let unit = UUID()
        let registrar = MailHarness.registrar(tenant)
        let handler = MailHarness.processor(tenant, units: [unit])
        let approver = MailHarness.supervisor(tenant, units: [unit])
        let purger = MailHarness.supervisor(tenant, units: [unit])
        // Open: not closed yet.
        let open = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        _ = try await harness.call("POST", "/v1/\(tenant.slug)/mail/items/\(open)/purge-approval", as: approver, in: tenant)
        #expect(try await harness.call("POST", "/v1/\(tenant.slug)/mail/items/\(open)/purge", as: purger, in: tenant).code == "invalid_status_transition")
        // A request kept five years, closed today.
        let request = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(request)"
        _ = try await harness.call("POST", path + "/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(unit)"}"#)
        _ = try await harness.call("POST", path + "/start", as: handler, in: tenant)
        let reply = try #require(try await harness.register(in: tenant, direction: "outgoing", type: "reponse", extra: #","in_reply_to":"\#(request)""#)["id"]?.stringValue)
        #expect(!reply.isEmpty)
        _ = try await harness.call("POST", path + "/answer", as: handler, in: tenant)
        #expect(try await harness.call("POST", path + "/close", as: handler, in: tenant).status == 200)
        _ = try await harness.call("POST", path + "/purge-approval", as: approver, in: tenant)
        let early = try await harness.call("POST", path + "/purge", as: purger, in: tenant)
        #expect(early.code == "retention_not_elapsed")
        #expect(try early.json()["retention_ends"]?.stringValue != nil)
        // An order is archived for ever, never destroyed.
        let order = try #require(try await harness.register(in: tenant, subject: "Arrêté", direction: "outgoing", type: "arrete")["id"]?.stringValue)
        let orderPath = "/v1/\(tenant.slug)/mail/items/\(order)"
        _ = try await harness.call("POST", orderPath + "/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(unit)"}"#)
        _ = try await harness.call("POST", orderPath + "/start", as: handler, in: tenant)
        _ = try await harness.call("POST", orderPath + "/close", as: handler, in: tenant)
        _ = try await harness.call("POST", orderPath + "/purge-approval", as: approver, in: tenant)
        #expect(try await harness.call("POST", orderPath + "/purge", as: purger, in: tenant).code == "purge_not_allowed")
    }

    /// The regular files of a ustar archive.
    static func untar(_ bytes: [UInt8]) -> [(name: String, bytes: [UInt8])] {
        var entries: [(String, [UInt8])] = []
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = Array(bytes[offset..<(offset + 512)])
            if header.allSatisfy({ $0 == 0 }) { break }
            let name = String(decoding: header[0..<100].prefix { $0 != 0 }, as: UTF8.self)
            let sizeText = String(decoding: header[124..<136].prefix { $0 != 0 && $0 != 32 }, as: UTF8.self)
            let size = Int(sizeText, radix: 8) ?? 0
            var checksum = 0
            for (index, byte) in header.enumerated() { checksum += (148..<156).contains(index) ? 32 : Int(byte) }
            let stored = Int(String(decoding: header[148..<156].prefix { $0 != 0 && $0 != 32 }, as: UTF8.self), radix: 8)
            guard stored == checksum else { break }
            entries.append((name, Array(bytes[(offset + 512)..<(offset + 512 + size)])))
            offset += 512 + (size + 511) / 512 * 512
        }
        return entries
    }
}
