import Foundation
import GuichetCore
import GuichetCrypto
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("End to end: attachments, citizens' accounts, data export, audited contact reads, anonymisation")
struct ComplaintPersonalDataTests {
    /// A tiny valid-looking JPEG (the type is judged from the first bytes).
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [UInt8](repeating: 0x42, count: 200) + [0xFF, 0xD9]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 1, count: 100)
    static let pdf: [UInt8] = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 100)
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [UInt8](repeating: 0, count: 40)

    @Test("photos and documents: typed from their bytes, bounded in size and count, hashed, and refused on a finished complaint")
    func attachments() async throws {
        let fixture = try await ComplaintFixture.make()
        let (code, id) = try await fixture.submit()
        let path = "\(fixture.base)/\(code)/attachments"
        let uploaded = try await fixture.call("POST", path, body: Self.jpeg, headers: ["Content-Type": "image/jpeg"])
        #expect(uploaded.status == 201, "\(uploaded.text)")
        var hasher = SHA256()
        hasher.update(Self.jpeg)
        let digest = Hex.encode(hasher.finalize())
        #expect(uploaded.object["sha256"] as? String == digest)
        #expect(uploaded.object["media_type"] as? String == "image/jpeg")
        let again = try await fixture.call("POST", path, body: Self.jpeg, headers: ["Content-Type": "image/jpeg"])
        #expect(again.object["id"] as? String == uploaded.object["id"] as? String)

        let text = try await fixture.call("POST", path, body: Array("<html><script>alert(1)</script>".utf8), headers: ["Content-Type": "image/jpeg"])
        #expect(text.status == 415 && text.problemCode == "unsupported_attachment")
        let lying = try await fixture.call("POST", path, body: Self.pdf, headers: ["Content-Type": "image/png"])
        #expect(lying.status == 415)
        // Larger than 4 MiB: refused from its Content-Length, before the body is read.
        let connection = try RawConnection(port: fixture.stack.complaints.address.port)
        let token = try TestContextTokens.token(for: .anonymous, in: fixture.tenant)
        try connection.send(
            "POST \(path) HTTP/1.1\r\nHost: guichet\r\nX-Guichet-Context: \(token)\r\nContent-Type: image/jpeg\r\nContent-Length: \((4 << 20) + 1)\r\n\r\n")
        let big = try #require(await connection.readResponse())
        #expect(big.status == 413)
        let empty = try await fixture.call("POST", path, body: [], headers: ["Content-Type": "image/jpeg"])
        #expect(empty.status == 422)

        for file in [Self.png, Self.pdf, Self.webp, Self.jpeg + [1]] {
            #expect(try await fixture.call("POST", path, body: file, headers: ["Content-Type": "application/octet-stream"]).status == 201)
        }
        let sixth = try await fixture.call("POST", path, body: Self.jpeg + [2], headers: ["Content-Type": "image/jpeg"])
        #expect(sixth.status == 409 && sixth.problemCode == "too_many_attachments")

        let tracked = try await fixture.gateway("GET", "\(fixture.base)/\(code)")
        let files = try #require(tracked.object["attachments"] as? [[String: Any]])
        #expect(files.count == 5)
        let href = try #require(files.first?["href"] as? String)
        let download = try await fixture.gateway("GET", href)
        #expect(download.status == 200 && download.body == Self.jpeg)
        #expect(download.header("content-type") == "image/jpeg" && download.header("x-content-type-options") == "nosniff")
        let agentCopy = try await fixture.call(
            "GET", "\(fixture.base)/cases/\(id.uuidString.lowercased())/attachments/\(try #require(files.first?["id"] as? String))",
            as: fixture.supervisor())
        #expect(agentCopy.body == Self.jpeg)
        // Another tenant cannot reach it with the same code.
        let other = try await ComplaintFixture.make()
        #expect(try await other.gateway("GET", href.replacingOccurrences(of: "/v1/\(fixture.slug)/", with: "/v1/\(other.slug)/")).status == 404)

        let (closedCode, closed) = try await fixture.submit()
        #expect(try await fixture.step(closed, as: fixture.supervisor(), #"{"type":"reject","reason":"Ce sujet relève de la commune."}"#).status == 200)
        let late = try await fixture.call("POST", "\(fixture.base)/\(closedCode)/attachments", body: Self.png, headers: ["Content-Type": "image/png"])
        #expect(late.status == 409 && late.problemCode == "complaint_closed")
    }

    @Test("a signed-in citizen sees their own requests; another citizen's is not found; the export holds contact data but never internal notes")
    func accountsAndExport() async throws {
        let fixture = try await ComplaintFixture.make()
        let amal = ComplaintFixture.citizen()
        let karim = ComplaintFixture.citizen()
        var mine: [UUID] = []
        for index in 0..<3 {
            let response = try await fixture.call("POST", fixture.base, as: amal, json: ComplaintFixture.complaint(subject: "Demande numéro \(index)"))
            #expect(response.status == 201)
            let code = try #require(response.object["tracking_code"] as? String)
            mine.append(try #require((try await fixture.gateway("GET", "\(fixture.base)/\(code)").object["id"] as? String).flatMap(UUID.init(uuidString:))))
        }
        _ = try await fixture.call("POST", fixture.base, as: karim, json: ComplaintFixture.complaint(subject: "Celle de Karim"))
        _ = try await fixture.submit()

        let first = try await fixture.call("GET", "\(fixture.base)/mine?limit=2", as: amal)
        #expect(first.status == 200)
        let page = try #require(first.object["items"] as? [[String: Any]])
        #expect(page.compactMap { $0["subject"] as? String } == ["Demande numéro 2", "Demande numéro 1"])
        let cursor = try #require(first.object["next_cursor"] as? String)
        let second = try await fixture.call("GET", "\(fixture.base)/mine?limit=2&cursor=\(cursor)", as: amal)
        #expect((second.object["items"] as? [[String: Any]])?.compactMap { $0["subject"] as? String } == ["Demande numéro 0"])
        #expect(second.isAbsent("next_cursor"))

        let own = try await fixture.call("GET", "\(fixture.base)/mine/\(mine[0].uuidString.lowercased())", as: amal)
        #expect(own.status == 200 && own.object["subject"] as? String == "Demande numéro 0")
        let refused = try await fixture.call("GET", "\(fixture.base)/mine/\(mine[0].uuidString.lowercased())", as: karim)
        #expect(refused.status == 404)
        #expect(try await fixture.call("GET", "\(fixture.base)/mine", as: fixture.supervisor()).status == 403)
        #expect(try await fixture.call("GET", "\(fixture.base)/mine").status == 401)

        let supervisor = fixture.supervisor()
        let casePath = "\(fixture.base)/cases/\(mine[0].uuidString.lowercased())"
        #expect(try await fixture.call("POST", "\(casePath)/notes", as: supervisor, json: #"{"text":"NOTE-INTERNE: ne pas communiquer."}"#).status == 201)
        #expect(try await fixture.step(mine[0], as: supervisor, #"{"type":"reply","text":"Nous avons bien reçu votre demande, merci."}"#).status == 200)
        let export = try await fixture.call("GET", "\(fixture.base)/mine/export", as: amal)
        #expect(export.status == 200)
        let complaints = try #require(export.object["complaints"] as? [[String: Any]])
        #expect(complaints.count == 3)
        #expect((complaints.first?["contact"] as? [String: Any])?["email"] as? String == "amal@example.ma")
        #expect(export.text.contains("Nous avons bien reçu votre demande"))
        #expect(!export.text.contains("NOTE-INTERNE") && !export.text.contains("Celle de Karim"))
    }

    @Test("every agent read of contact data is audited, and the audit is append-only for the runtime role")
    func contactAudit() async throws {
        let fixture = try await ComplaintFixture.make()
        let (_, id) = try await fixture.submit()
        let supervisor = fixture.supervisor()
        let contact = try await fixture.call(
            "GET", "\(fixture.base)/cases/\(id.uuidString.lowercased())/contact?purpose=rappel%20du%20citoyen", as: supervisor,
            headers: ["X-Request-ID": "audit-\(id.uuidString.prefix(8))"])
        #expect(contact.status == 200)
        #expect(contact.object["email"] as? String == "amal@example.ma" && contact.object["phone"] as? String == "+212612345678")
        let reads = try await fixture.call("GET", "\(fixture.base)/contact-reads?complaint=\(id.uuidString.lowercased())", as: fixture.administrator)
        let items = try #require(reads.object["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["reader"] as? String == supervisor.subject && items.first?["purpose"] as? String == "rappel du citoyen")
        #expect(items.first?["request_id"] as? String == "audit-\(id.uuidString.prefix(8))")
        #expect(try await fixture.call("GET", "\(fixture.base)/contact-reads", as: fixture.handler(units: [UUID()])).status == 403)

        let database = fixture.stack.complaints.runtime.database
        for statement: PostgresQuery in [
            "UPDATE complaints.contact_reads SET reader = 'nobody' WHERE tenant_id = \(fixture.tenant.id)",
            "DELETE FROM complaints.contact_reads WHERE tenant_id = \(fixture.tenant.id)",
            "UPDATE complaints.complaint_events SET public = true WHERE tenant_id = \(fixture.tenant.id)",
            "DELETE FROM complaints.complaint_events WHERE tenant_id = \(fixture.tenant.id)",
        ] {
            await #expect {
                _ = try await database.query(statement, tenant: fixture.tenant.id)
            } throws: { error in
                (error as? PostgresError)?.isInsufficientPrivilege == true
            }
        }
        #expect(try await fixture.count("SELECT count(*)::int8 FROM complaints.contact_reads WHERE tenant_id = \(fixture.tenant.id)") == 1)
    }

    @Test("anonymisation after the retention period erases personal data and keeps what statistics need")
    func anonymisation() async throws {
        let fixture = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let amal = ComplaintFixture.citizen()
        let submitted = try await fixture.call("POST", fixture.base, as: amal, json: ComplaintFixture.complaint())
        let code = try #require(submitted.object["tracking_code"] as? String)
        let old = try #require((try await fixture.gateway("GET", "\(fixture.base)/\(code)").object["id"] as? String).flatMap(UUID.init(uuidString:)))
        _ = try await fixture.call("POST", "\(fixture.base)/\(code)/attachments", body: Self.jpeg, headers: ["Content-Type": "image/jpeg"])
        #expect(try await fixture.step(old, as: supervisor, #"{"type":"reply","text":"Pouvez-vous préciser l'adresse exacte ?","asks_for_information":true}"#).status == 200)
        #expect(try await fixture.gateway("POST", "\(fixture.base)/\(code)/information", json: #"{"text":"Chez Amal, 12 rue des Lilas."}"#).status == 200)
        #expect(try await fixture.step(old, as: supervisor, #"{"type":"answer","text":"Les services techniques ont réparé la chaussée."}"#).status == 200)
        #expect(try await fixture.step(old, as: supervisor, #"{"type":"close"}"#).status == 200)
        let (_, recent) = try await fixture.submit()
        #expect(try await fixture.step(recent, as: supervisor, #"{"type":"reject","reason":"Ce sujet relève de la commune."}"#).status == 200)
        let (_, open) = try await fixture.submit()
        try await fixture.asOwner([
            "UPDATE complaints.complaints SET updated_at = now() - interval '800 days' WHERE tenant_id = \(fixture.tenant.id) AND id IN (\(old), \(open))"
        ])
        #expect(try await fixture.call("POST", "\(fixture.base)/retention/run", as: supervisor).status == 403)
        let run = try await fixture.call("POST", "\(fixture.base)/retention/run", as: fixture.administrator)
        #expect(run.status == 200 && run.object["anonymised"] as? Int == 1)

        let erased = try await fixture.call("GET", "\(fixture.base)/cases/\(old.uuidString.lowercased())", as: supervisor)
        #expect(erased.object["anonymised_at"] is String)
        #expect(erased.object["has_contact"] as? Bool == false && erased.object["citizen_has_account"] as? Bool == false)
        #expect(!erased.text.contains("Amal") && !erased.text.contains("12 rue des Lilas") && !erased.text.contains("école"))
        #expect((erased.object["attachments"] as? [Any])?.isEmpty == true)
        #expect(erased.object["category"] as? String == "roads" && erased.object["status"] as? String == "closed")
        #expect(try await fixture.call("GET", "\(fixture.base)/mine", as: amal).object["items"] as? [Any] != nil)
        #expect((try await fixture.call("GET", "\(fixture.base)/mine", as: amal).object["items"] as? [Any])?.isEmpty == true)
        for id in [recent, open] {
            let kept = try await fixture.call("GET", "\(fixture.base)/cases/\(id.uuidString.lowercased())", as: supervisor)
            #expect(kept.isAbsent("anonymised_at") && kept.object["has_contact"] as? Bool == true)
        }
        #expect(try await fixture.call("POST", "\(fixture.base)/retention/run", as: fixture.administrator).object["anonymised"] as? Int == 0)
    }
}
