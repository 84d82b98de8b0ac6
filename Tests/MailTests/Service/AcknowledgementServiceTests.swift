import Foundation
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: acknowledgements of receipt, labels and settings")
struct AcknowledgementServiceTests {
    @Test("generated once with number, date, unit and due date, stored with its hash; sending again sends the same, never a new number")
    func acknowledgement() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let unit = UUID()
        let item = try await harness.register(in: tenant)
        let id = try #require(item["id"]?.stringValue)
        let number = try #require(item["registry_number"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(id)"
        _ = try await harness.call("POST", path + "/routing", as: registrar, in: tenant,
            json: #"{"principal_unit":"\#(unit)","principal_unit_name":{"fr":"Direction des affaires juridiques","ar":"مديرية الشؤون القانونية"}}"#)

        let first = try await harness.call("POST", path + "/acknowledgement", as: registrar, in: tenant, json: #"{"language":"ar"}"#)
        #expect(first.status == 201)
        let stored = try first.json()
        let html = try #require(stored["html"]?.stringValue)
        #expect(stored["html_sha256"]?.stringValue == SHA256.hexHash(html))
        #expect(html.contains("dir=\"rtl\""))
        #expect(html.contains(number))
        #expect(html.contains("مديرية الشؤون القانونية"))
        #expect(stored["due_on"]?.stringValue == item["due_on"]?.stringValue)
        #expect(stored["sent_to"]?.stringValue == "m.alami@example.ma")
        #expect(stored["sends"]?.intValue == 1)

        let again = try await harness.call("POST", path + "/acknowledgement", as: registrar, in: tenant, json: #"{"language":"fr"}"#)
        #expect(again.status == 200)
        #expect(try again.json()["html_sha256"] == stored["html_sha256"])
        #expect(try again.json()["sends"]?.intValue == 2)
        let read = try await harness.call("GET", path + "/acknowledgement", as: MailHarness.supervisor(tenant), in: tenant).json()
        #expect(read["html"]?.stringValue == html)
        // No number was taken by acknowledging.
        let next = try await harness.register(in: tenant)
        #expect(next["sequence"]?.intValue == 2)
        let view = try await harness.call("GET", path, as: registrar, in: tenant).json()
        #expect(view["acknowledgement"]?["sends"]?.intValue == 2)

        let outgoing = try #require(try await harness.register(in: tenant, direction: "outgoing", type: "reponse")["id"]?.stringValue)
        let refused = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items/\(outgoing)/acknowledgement", as: registrar, in: tenant, json: "{}")
        #expect(refused.code == "acknowledgement_not_applicable")
        let missing = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(outgoing)/acknowledgement", as: registrar, in: tenant)
        #expect(missing.status == 404)
    }

    @Test("the label is an SVG with the number and a QR code")
    func label() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let item = try await harness.register(in: tenant)
        let response = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/items/\(item["id"]!.stringValue!)/label.svg", as: MailHarness.registrar(tenant), in: tenant)
        #expect(response.status == 200)
        #expect(response.header("content-type") == "image/svg+xml; charset=utf-8")
        #expect(response.text.hasPrefix("<svg"))
        #expect(response.text.contains(item["registry_number"]!.stringValue!))
        #expect(response.text.contains("<path"))
    }

    @Test("settings: an administrator changes the number format for new numbers; bad formats are 422; others 403")
    func settings() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let admin = TestContextTokens.tenantAdministrator(of: tenant.id)
        let path = "/v1/\(tenant.slug)/mail/settings"
        let read = try await harness.call("GET", path, as: MailHarness.registrar(tenant), in: tenant).json()
        #expect(read["registry_format"]?["template"]?.stringValue == "{year}/{direction}/{seq:6}")
        let bad = try await harness.call("PUT", path, as: admin, in: tenant, json: #"{"registry_format":{"template":"{year}-{seq}"}}"#)
        #expect(bad.status == 422)
        #expect(bad.errorFields.contains("/registry_format/template"))
        let forbidden = try await harness.call("PUT", path, as: MailHarness.registrar(tenant), in: tenant, json: "{}")
        #expect(forbidden.status == 403)
        let saved = try await harness.call(
            "PUT", path, as: admin, in: tenant,
            json: #"{"registry_format":{"template":"BO-{direction}{year}-{seq:4}","direction_codes":{"incoming":"ARR"}},"reminder_working_days":5}"#)
        #expect(saved.status == 200)
        let item = try await harness.register(in: tenant)
        let year = try #require(item["year"]?.intValue)
        #expect(item["registry_number"]?.stringValue == "BO-ARR\(year)-0001")
        let search = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/search?q=bo%20arr%20\(year)%201", as: MailHarness.registrar(tenant), in: tenant).json()
        #expect(search["items"]?[0]?["id"] == item["id"])
        let types = try await harness.call("GET", "/v1/\(tenant.slug)/mail/document-types", as: admin, in: tenant).json()
        #expect(types["items"]?.arrayValue?.count == MailHarness.documentTypes.count)
        let duplicate = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/document-types", as: admin, in: tenant, json: MailHarness.documentTypes[0])
        #expect(duplicate.status == 409)
        let invalid = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/document-types", as: admin, in: tenant,
            json: #"{"code":"Bad Code","name":{},"retention":{"months":-1,"final_action":"burn"},"directions":["up"]}"#)
        #expect(Set(invalid.errorFields).isSuperset(of: ["/code", "/name/fr", "/retention/months", "/retention/final_action", "/directions/0"]))
    }
}
