import Foundation
import GuichetCore
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: registration, the registry, amendments and cancellation")
struct RegistrationTests {
    @Test("registration answers 201 with the number, the instant in the tenant's zone and the links; numbers follow per direction")
    func register() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let year = LocalDate(Date(), in: TimeZone.named("Africa/Casablanca")!).year
        let first = try await harness.register(in: tenant)
        let second = try await harness.register(in: tenant)
        let outgoing = try await harness.register(in: tenant, subject: "Réponse au citoyen", direction: "outgoing", type: "reponse")
        #expect(first["registry_number"]?.stringValue == "\(year)/A/000001")
        #expect(second["registry_number"]?.stringValue == "\(year)/A/000002")
        #expect(outgoing["registry_number"]?.stringValue == "\(year)/D/000001")
        let at = try #require(first["registered_at"]?.stringValue)
        #expect(at.hasSuffix("+01:00") || at.hasSuffix("+00:00"))
        #expect(first["status"]?.stringValue == "registered")
        #expect(first["due_on"]?.stringValue != nil)
        #expect(outgoing["due_on"] == .null)
        let id = try #require(first["id"]?.stringValue)
        #expect(first["links"]?["self"]?.stringValue == "/v1/\(tenant.slug)/mail/items/\(id)")

        let read = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(id)", as: MailHarness.registrar(tenant), in: tenant)
        #expect(read.status == 200)
        #expect(read.header("etag") == "\"v1\"")
        let item = try read.json()
        #expect(item["subject"]?.stringValue == "Demande de copie du dossier")
        #expect(item["correspondent"]?["name"]?.stringValue == "Mohamed El Alami")
        #expect(item["registry_number"]?.stringValue == "\(year)/A/000001")
    }

    @Test("the correspondents directory de-duplicates by email and by normalised name")
    func correspondents() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let created = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/correspondents", as: registrar, in: tenant,
            json: #"{"kind":"person","name":"Amal  BENNANI","email":"Amal@Example.ma","phone":"0612345678"}"#)
        #expect(created.status == 201)
        let id = try #require(try created.json()["id"]?.stringValue)
        let sameEmail = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/correspondents", as: registrar, in: tenant, json: #"{"name":"A. Bennani","email":"amal@example.ma"}"#)
        #expect(sameEmail.status == 200)
        #expect(try sameEmail.json()["id"]?.stringValue == id)
        let sameName = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/correspondents", as: registrar, in: tenant, json: #"{"name":"amal bennani"}"#)
        #expect(try sameName.json()["id"]?.stringValue == id)
        let organisation = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/correspondents", as: registrar, in: tenant,
            json: #"{"kind":"organisation","name":"Amal Bennani"}"#)
        #expect(organisation.status == 201)
        // A registration naming the same person again reuses the contact.
        let item = try await harness.register(in: tenant, extra: "")
        let registered = try await harness.register(in: tenant)
        #expect(item["correspondent"]?["id"] == registered["correspondent"]?["id"])

        // Concurrent creations of one new correspondent make one contact.
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await harness.call(
                        "POST", "/v1/\(tenant.slug)/mail/correspondents", as: registrar, in: tenant,
                        json: #"{"kind":"organisation","name":"Académie Régionale de Rabat"}"#
                    ).json()["id"]?.stringValue
                }
            }
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        let list = try await harness.call("GET", "/v1/\(tenant.slug)/mail/correspondents?q=acad", as: registrar, in: tenant)
        #expect(try list.json()["items"]?.arrayValue?.count == 1)
    }

    @Test("bad registrations: missing and invalid fields 422, unknown type, other roles 403, no token 401, wrong tenant 404")
    func badRegistrations() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let other = try await harness.makeTenant()
        let path = "/v1/\(tenant.slug)/mail/items"
        let empty = try await harness.call("POST", path, as: MailHarness.registrar(tenant), in: tenant, json: "{}")
        #expect(empty.status == 422)
        #expect(Set(empty.errorFields).isSuperset(of: ["/direction", "/subject", "/document_type"]))
        let invalid = try await harness.call(
            "POST", path, as: MailHarness.registrar(tenant), in: tenant,
            json: #"{"direction":"sideways","subject":7,"document_type":"unknown","received_at":"yesterday","extra":1}"#)
        #expect(invalid.status == 422)
        #expect(Set(invalid.errorFields).isSuperset(of: ["/direction", "/subject", "/document_type", "/received_at", "/extra"]))
        let wrongDirection = try await harness.call(
            "POST", path, as: MailHarness.registrar(tenant), in: tenant,
            json: #"{"direction":"incoming","subject":"Arrêté","document_type":"arrete","correspondent":{"name":"X"}}"#)
        #expect(wrongDirection.status == 422)
        let unknownContact = try await harness.call(
            "POST", path, as: MailHarness.registrar(tenant), in: tenant,
            json: #"{"direction":"incoming","subject":"Objet","document_type":"invitation","correspondent":{"id":"\#(UUID().uuidString.lowercased())"}}"#)
        #expect(unknownContact.status == 422)
        #expect(unknownContact.errorFields == ["/correspondent/id"])
        let processor = try await harness.call(
            "POST", path, as: MailHarness.processor(tenant, units: [UUID()]), in: tenant,
            json: #"{"direction":"internal","subject":"Note","document_type":"invitation"}"#)
        #expect(processor.status == 403)
        let anonymous = try await harness.call(
            "POST", path, as: nil, in: tenant, json: #"{"direction":"internal","subject":"Note","document_type":"invitation"}"#)
        #expect(anonymous.status == 401)
        let otherTenant = try await harness.call(
            "POST", path, as: MailHarness.registrar(other), in: tenant,
            json: #"{"direction":"internal","subject":"Note","document_type":"invitation"}"#)
        #expect(otherTenant.status == 404 || otherTenant.status == 401)
        // None of them took a number.
        let first = try await harness.register(in: tenant, subject: "Première", direction: "internal", type: "invitation")
        #expect(first["sequence"]?.intValue == 1)
    }

    @Test("a failed registration leaves no hole: the next one takes the number it would have had")
    func noHole() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let other = try await harness.makeTenant()
        let foreign = try await harness.register(in: other)
        _ = try await harness.register(in: tenant)
        // Refused inside the registering transaction, after the counter moved: a linked item of
        // another tenant, and an answer to another tenant's item.
        let linked = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items", as: MailHarness.registrar(tenant), in: tenant,
            json: #"{"direction":"incoming","subject":"Objet","document_type":"invitation","correspondent":{"name":"X"},"linked_items":["\#(foreign["id"]!.stringValue!)"]}"#)
        #expect(linked.status == 422)
        #expect(linked.errorFields == ["/linked_items"])
        let reply = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items", as: MailHarness.registrar(tenant), in: tenant,
            json: #"{"direction":"outgoing","subject":"Réponse","document_type":"reponse","correspondent":{"name":"X"},"in_reply_to":"\#(foreign["id"]!.stringValue!)"}"#)
        #expect(reply.status == 422)
        #expect(reply.errorFields == ["/in_reply_to"])
        let next = try await harness.register(in: tenant)
        #expect(next["sequence"]?.intValue == 2)
        let outgoing = try await harness.register(in: tenant, direction: "outgoing", type: "reponse")
        #expect(outgoing["sequence"]?.intValue == 1)
    }

    @Test("an Idempotency-Key retry returns the first answer and takes no number")
    func idempotency() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let body = #"{"direction":"internal","subject":"Note de service","document_type":"invitation"}"#
        let key = UUID().uuidString
        let first = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items", as: registrar, in: tenant, json: body, headers: ["Idempotency-Key": key])
        let retry = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items", as: registrar, in: tenant, json: body, headers: ["Idempotency-Key": key])
        #expect(first.status == 201 && retry.status == 201)
        #expect(first.body == retry.body)
        #expect(retry.header("idempotent-replayed") == "true")
        let next = try await harness.register(in: tenant, direction: "internal", type: "invitation")
        #expect(next["sequence"]?.intValue == 2)
    }

    @Test("registered facts are immutable: 409 for the number or date, 403 for processors, 405 for DELETE and PUT")
    func immutability() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let unit = UUID()
        let item = try await harness.register(in: tenant)
        let id = try #require(item["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(id)"
        let registrar = MailHarness.registrar(tenant)
        for field in [#""registry_number":"2020/A/000001""#, #""registered_at":"2026-01-01T00:00:00+01:00""#, #""direction":"outgoing""#] {
            let response = try await harness.call("PATCH", path, as: registrar, in: tenant, json: "{\(field),\"reason\":\"correction\"}")
            #expect(response.status == 409, "\(field)")
            #expect(response.code == "registered_field_immutable")
        }
        let processor = try await harness.call(
            "PATCH", path, as: MailHarness.processor(tenant, units: [unit]), in: tenant, json: #"{"subject":"Autre","reason":"correction"}"#)
        #expect(processor.status == 403)
        #expect(try await harness.call("DELETE", path, as: registrar, in: tenant).status == 405)
        #expect(try await harness.call("PUT", path, as: registrar, in: tenant, json: "{}").status == 405)
        #expect(try await harness.call("DELETE", "/v1/\(tenant.slug)/mail/registry", as: registrar, in: tenant).status == 405)

        // A correction is an amendment: the registry keeps what was registered.
        let noReason = try await harness.call("PATCH", path, as: registrar, in: tenant, json: #"{"subject":"Demande de copie du dossier n° 45"}"#)
        #expect(noReason.status == 422)
        let amended = try await harness.call(
            "PATCH", path, as: registrar, in: tenant, json: #"{"subject":"Demande de copie du dossier n° 45","reason":"Numéro omis"}"#,
            headers: ["If-Match": "\"v1\""])
        #expect(amended.status == 200)
        let view = try amended.json()
        #expect(view["subject"]?.stringValue == "Demande de copie du dossier n° 45")
        #expect(view["amendments"]?[0]?["changes"]?[0]?["old"]?.stringValue == "Demande de copie du dossier")
        let stale = try await harness.call(
            "PATCH", path, as: registrar, in: tenant, json: #"{"priority":"urgent","reason":"Relance"}"#, headers: ["If-Match": "\"v1\""])
        #expect(stale.status == 412)
        let registry = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry", as: registrar, in: tenant).json()
        #expect(registry["items"]?[0]?["subject"]?.stringValue == "Demande de copie du dossier")
        #expect(registry["items"]?[0]?["amendments"]?.intValue == 1)
    }

    @Test("the runtime role cannot UPDATE or DELETE registry or audit rows")
    func grants() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let item = try await harness.register(in: tenant)
        let id = try #require(item["id"]?.uuidValue)
        let statements: [PostgresQuery] = [
            "UPDATE mail.registry_entries SET subject = 'forged' WHERE tenant_id = \(tenant.id) AND id = \(id)",
            "DELETE FROM mail.registry_entries WHERE tenant_id = \(tenant.id) AND id = \(id)",
            "UPDATE mail.audit_events SET actor = 'forged' WHERE tenant_id = \(tenant.id)",
            "DELETE FROM mail.audit_events WHERE tenant_id = \(tenant.id)",
            "DELETE FROM mail.registry_counters WHERE tenant_id = \(tenant.id)",
            "UPDATE mail.registry_corrections SET reason = 'x' WHERE tenant_id = \(tenant.id)",
            "DELETE FROM mail.registry_corrections WHERE tenant_id = \(tenant.id)",
            "DELETE FROM mail.retention_actions WHERE tenant_id = \(tenant.id)",
            "UPDATE mail.acknowledgements SET html = '' WHERE tenant_id = \(tenant.id)",
            "UPDATE mail.document_versions SET sha256 = 'x' WHERE tenant_id = \(tenant.id)",
            "DELETE FROM mail.items WHERE tenant_id = \(tenant.id)",
            "UPDATE mail.audit_heads SET last_sequence = 0 WHERE tenant_id = \(tenant.id)",
        ]
        for statement in statements {
            await #expect(throws: PostgresError.self, "\(statement.sql)") {
                _ = try await MailHarness.database.query(statement, tenant: tenant.id)
            }
            do {
                _ = try await MailHarness.database.query(statement, tenant: tenant.id)
            } catch let error as PostgresError {
                #expect(error.sqlState == "42501", "\(statement.sql): \(error)")
            }
        }
        let violations = try await MailHarness.database.query("SELECT table_name, problem FROM platform.tenant_table_violations()", tenant: nil)
        let mailViolations = try violations.map { try $0.decode((String, String).self) }.filter { $0.0.hasPrefix("mail.") }
        #expect(mailViolations.isEmpty, "\(mailViolations)")
    }

    @Test("cancellation keeps the number, needs a reason, stops processing; the registry lists it with its reason, in CSV too")
    func cancellation() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let first = try await harness.register(in: tenant, subject: "Premier courrier")
        _ = try await harness.register(in: tenant, subject: "=HYPERLINK(1)")
        let id = try #require(first["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(id)"
        let noReason = try await harness.call("POST", path + "/cancellation", as: registrar, in: tenant, json: "{}")
        #expect(noReason.status == 422)
        let cancelled = try await harness.call("POST", path + "/cancellation", as: registrar, in: tenant, json: #"{"reason":"Doublon du 2026/A/3"}"#)
        #expect(cancelled.status == 200)
        #expect(try cancelled.json()["status"]?.stringValue == "cancelled")
        let again = try await harness.call("POST", path + "/cancellation", as: registrar, in: tenant, json: #"{"reason":"Encore"}"#)
        #expect(again.code == "mail_item_cancelled")
        let route = try await harness.call("POST", path + "/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(UUID().uuidString)"}"#)
        #expect(route.code == "mail_item_cancelled")

        let registry = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry?direction=incoming", as: registrar, in: tenant)
        let lines = try #require(try registry.json()["items"]?.arrayValue)
        #expect(lines.map { $0["sequence"]?.intValue } == [1, 2])
        #expect(lines[0]["cancelled"] == JSONValue.bool(true))
        #expect(lines[0]["cancellation_reason"]?.stringValue == "Doublon du 2026/A/3")

        let csv = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry.csv", as: MailHarness.supervisor(tenant), in: tenant)
        #expect(csv.status == 200)
        #expect(csv.header("content-type") == "text/csv; charset=utf-8")
        let text = csv.text
        #expect(text.hasPrefix("\u{FEFF}registry_number,direction"))
        #expect(text.contains("Doublon du 2026/A/3"))
        #expect(text.contains("'=HYPERLINK"))
        #expect(text.split(whereSeparator: \.isNewline).count == 3)
    }

    @Test("registry pages follow number order with a cursor")
    func registryPages() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        for index in 1...5 { _ = try await harness.register(in: tenant, subject: "Courrier \(index)", direction: "internal", type: "invitation") }
        _ = try await harness.register(in: tenant)
        var sequences: [String] = []
        var cursor: String?
        repeat {
            let query = cursor.map { "&cursor=\($0)" } ?? ""
            let page = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry?limit=2\(query)", as: registrar, in: tenant).json()
            sequences += (page["items"]?.arrayValue ?? []).compactMap { $0["registry_number"]?.stringValue }
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        #expect(sequences.count == 6)
        #expect(sequences.first?.contains("/A/") == true)
        #expect(Array(sequences.dropFirst()).allSatisfy { $0.contains("/I/") })
        #expect(sequences.dropFirst() == sequences.dropFirst().sorted()[...])
        let bad = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry?cursor=bm9wZQ", as: registrar, in: tenant)
        #expect(bad.status == 422)
        let processor = try await harness.call("GET", "/v1/\(tenant.slug)/mail/registry", as: MailHarness.processor(tenant, units: []), in: tenant)
        #expect(processor.status == 403)
    }
}
