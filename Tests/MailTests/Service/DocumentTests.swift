import Foundation
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: documents stored by SHA-256, versions, downloads re-hashed, text extracted for search")
struct DocumentTests {
    static func upload(
        _ harness: MailHarness, _ tenant: Tenant, item: String, bytes: [UInt8], name: String = "scan.txt", type: String = "text/plain",
        hash: String? = nil, size: Int? = nil, document: String? = nil, as principal: Principal? = nil
    ) async throws -> TestResponse {
        var query = "sha256=\(hash ?? SHA256.hexHash(bytes))&size=\(size ?? bytes.count)"
        if document == nil { query += "&file_name=\(name)" }
        let path = "/v1/\(tenant.slug)/mail/items/\(item)/documents" + (document.map { "/\($0)/versions" } ?? "")
        return try await harness.call(
            "POST", "\(path)?\(query)", as: principal ?? MailHarness.registrar(tenant), in: tenant, body: bytes, headers: ["Content-Type": type])
    }

    @Test("upload, versions, download with the digest; every download recorded")
    func versions() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let first = Array("Lettre scannée : demande de copie du dossier n° 45.".utf8)
        let uploaded = try await Self.upload(harness, tenant, item: item, bytes: first)
        #expect(uploaded.status == 201)
        let document = try uploaded.json()
        let documentID = try #require(document["id"]?.stringValue)
        #expect(document["version"]?.intValue == 1)
        #expect(document["sha256"]?.stringValue == SHA256.hexHash(first))
        #expect(document["text_extracted"] == JSONValue.bool(true))
        let second = Array("Version corrigée.".utf8)
        let version = try await Self.upload(harness, tenant, item: item, bytes: second, document: documentID)
        #expect(try version.json()["version"]?.intValue == 2)
        #expect(try version.json()["file_name"]?.stringValue == "scan.txt")

        let registrar = MailHarness.registrar(tenant)
        let latest = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)/documents/\(documentID)", as: registrar, in: tenant)
        #expect(latest.status == 200)
        #expect(latest.body == second)
        #expect(latest.header("content-type") == "text/plain")
        #expect(latest.header("repr-digest") == "sha-256=:\(Base64.encode(SHA256.hash(second))):")
        let original = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/items/\(item)/documents/\(documentID)/versions/1", as: registrar, in: tenant)
        #expect(original.body == first)
        #expect(try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/items/\(item)/documents/\(documentID)/versions/3", as: registrar, in: tenant).status == 404)
        let view = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)", as: registrar, in: tenant).json()
        #expect(view["documents"]?[0]?["versions"]?.arrayValue?.count == 2)
        let history = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)/history", as: registrar, in: tenant).json()
        let types = history["items"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(types.filter { $0 == "document_added" }.count == 2)
        #expect(types.filter { $0 == "download" }.count == 2)
        // The extracted text is searchable.
        let search = try await harness.call("GET", "/v1/\(tenant.slug)/mail/search?q=scannee", as: registrar, in: tenant).json()
        #expect(search["items"]?.arrayValue?.count == 1)
    }

    @Test("a wrong declared hash or size is refused and stores nothing; too big is 413; others may not attach")
    func badUploads() async throws {
        let harness = try await MailHarness(environment: ["MAIL_MAX_DOCUMENT_BYTES": "4096"])
        let tenant = try await harness.makeTenant()
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let bytes = Array("contenu".utf8)
        let wrongHash = try await Self.upload(harness, tenant, item: item, bytes: bytes, hash: SHA256.hexHash(Array("autre".utf8)))
        #expect(wrongHash.status == 422)
        #expect(wrongHash.errorFields == ["/sha256"])
        #expect(wrongHash.text.contains("hash_mismatch"))
        let wrongSize = try await Self.upload(harness, tenant, item: item, bytes: bytes, size: 8)
        #expect(wrongSize.errorFields == ["/size"])
        #expect(wrongSize.text.contains("size_mismatch"))
        let malformed = try await Self.upload(harness, tenant, item: item, bytes: bytes, hash: "xyz")
        #expect(malformed.errorFields == ["/sha256"])
        let missing = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items/\(item)/documents?file_name=a.txt", as: MailHarness.registrar(tenant), in: tenant, body: bytes)
        #expect(Set(missing.errorFields) == ["/sha256", "/size"])
        let big = [UInt8](repeating: 65, count: 5000)
        #expect(try await Self.upload(harness, tenant, item: item, bytes: big).status == 413)
        let processor = try await Self.upload(harness, tenant, item: item, bytes: bytes, as: MailHarness.processor(tenant, units: [UUID()]))
        #expect(processor.status == 404)
        let view = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)", as: MailHarness.registrar(tenant), in: tenant).json()
        #expect(view["documents"]?.arrayValue?.isEmpty == true)
        let files = FileManager.default.enumerator(atPath: harness.storageDirectory)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(!files.contains { $0.hasSuffix(SHA256.hexHash(bytes)) })
        await harness.stop()
    }

    @Test("content altered or lost in storage is refused on download, with an integrity event in the audit chain")
    func integrity() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let bytes = Array("Original \(UUID())".utf8)
        let document = try #require(try await Self.upload(harness, tenant, item: item, bytes: bytes).json()["id"]?.stringValue)
        let hash = SHA256.hexHash(bytes)
        let file = "\(harness.storageDirectory)/\(tenant.id.uuidString.lowercased())/\(hash.prefix(2))/\(hash)"
        #expect(FileManager.default.fileExists(atPath: file))
        try Data("Altéré".utf8).write(to: URL(fileURLWithPath: file))
        let registrar = MailHarness.registrar(tenant)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)/documents/\(document)"
        let altered = try await harness.call("GET", path, as: registrar, in: tenant)
        #expect(altered.status == 500)
        #expect(altered.code == "document_integrity_failure")
        #expect(!altered.text.contains("Altéré"))
        try FileManager.default.removeItem(atPath: file)
        let lost = try await harness.call("GET", path, as: registrar, in: tenant)
        #expect(lost.code == "document_integrity_failure")
        let history = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)/history", as: registrar, in: tenant).json()
        let failures = history["items"]?.arrayValue?.filter { $0["type"]?.stringValue == "integrity_failure" } ?? []
        #expect(failures.count == 2)
        #expect(failures.first?["payload"]?["sha256"]?.stringValue == hash)
    }

    @Test("a PDF's text layer is extracted with pdftotext and found by search")
    func pdfText() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let pdf = Self.pdf(text: "Attestation de scolarite Tanger 2026")
        let uploaded = try await Self.upload(harness, tenant, item: item, bytes: pdf, name: "scan.pdf", type: "application/pdf")
        #expect(uploaded.status == 201)
        #expect(try uploaded.json()["text_extracted"] == JSONValue.bool(true))
        let search = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/search?q=attestation%20tanger", as: MailHarness.registrar(tenant), in: tenant).json()
        #expect(search["items"]?[0]?["id"]?.stringValue == item)
    }

    /// A one-page PDF with `text` in Helvetica, its cross-reference table computed.
    static func pdf(text: String) -> [UInt8] {
        let content = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { output += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(output.utf8)
    }
}
