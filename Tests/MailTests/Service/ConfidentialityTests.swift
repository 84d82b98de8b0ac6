import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: confidential mail is invisible to anyone not on its list, everywhere")
struct ConfidentialityTests {
    @Test("someone not on the list gets 404 on the item and finds it in no list, search, basket, registry or export")
    func hiddenEverywhere() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let cabinet = UUID()
        let legal = UUID()
        let author = MailHarness.registrar(tenant)
        let otherRegistrar = MailHarness.registrar(tenant)
        let item = try await harness.register(
            in: tenant, as: author, subject: "Plainte confidentielle Zerktouni",
            extra: #","confidentiality":"confidential","access":{"units":["\#(cabinet)"]}"#)
        let id = try #require(item["id"]?.stringValue)
        _ = try await harness.register(in: tenant, as: author, subject: "Courrier ordinaire Zerktouni")
        let path = "/v1/\(tenant.slug)/mail/items/\(id)"
        let slug = tenant.slug

        // The registering agent is on the list; another registrar is not.
        let own = try await harness.call("GET", path, as: author, in: tenant)
        #expect(own.status == 200)
        #expect(try own.json()["access"]?["units"]?[0]?.stringValue == cabinet.uuidString.lowercased())
        for (method, suffix, json) in [
            ("GET", "", nil), ("GET", "/history", nil), ("GET", "/label.svg", nil), ("PATCH", "", #"{"subject":"x y z","reason":"abc"}"#),
            ("POST", "/cancellation", #"{"reason":"abc"}"#), ("POST", "/routing", #"{"principal_unit":"\#(legal)"}"#),
            ("POST", "/notes", #"{"text":"vu"}"#), ("GET", "/documents/\(UUID())", nil), ("POST", "/acknowledgement", "{}"),
        ] as [(String, String, String?)] {
            let response = try await harness.call(method, path + suffix, as: otherRegistrar, in: tenant, json: json)
            #expect(response.status == 404, "\(method) \(suffix): \(response.status)")
        }
        let registry = try await harness.call("GET", "/v1/\(slug)/mail/registry", as: otherRegistrar, in: tenant).json()
        #expect(registry["items"]?.arrayValue?.count == 1)
        let csv = try await harness.call("GET", "/v1/\(slug)/mail/registry.csv", as: otherRegistrar, in: tenant)
        #expect(!csv.text.contains("confidentielle"))
        #expect(csv.text.contains("ordinaire"))
        let search = try await harness.call("GET", "/v1/\(slug)/mail/search?q=zerktouni", as: otherRegistrar, in: tenant).json()
        #expect(search["items"]?.arrayValue?.count == 1)
        let basket = try await harness.call("GET", "/v1/\(slug)/mail/baskets/to_route", as: otherRegistrar, in: tenant).json()
        #expect(basket["items"]?.arrayValue?.count == 1)
        // The author sees both everywhere.
        let authorSearch = try await harness.call("GET", "/v1/\(slug)/mail/search?q=zerktouni", as: author, in: tenant).json()
        #expect(authorSearch["items"]?.arrayValue?.count == 2)
        let authorRegistry = try await harness.call("GET", "/v1/\(slug)/mail/registry", as: author, in: tenant).json()
        #expect(authorRegistry["items"]?.arrayValue?.count == 2)

        // Routed to the cabinet, whose agents are on the list through their unit.
        #expect(try await harness.call("POST", path + "/routing", as: author, in: tenant, json: #"{"principal_unit":"\#(cabinet)"}"#).status == 200)
        let cabinetAgent = MailHarness.processor(tenant, units: [cabinet])
        #expect(try await harness.call("GET", path, as: cabinetAgent, in: tenant).status == 200)
        // A supervisor reads every item, but not this one: the list is the only authority.
        #expect(try await harness.call("GET", path, as: MailHarness.supervisor(tenant, units: [legal]), in: tenant).status == 404)

        // Every view of confidential mail is in the audit chain.
        let history = try await harness.call("GET", path + "/history", as: author, in: tenant).json()
        let views = history["items"]?.arrayValue?.filter { $0["type"]?.stringValue == "confidential_view" } ?? []
        #expect(views.count >= 2)
    }

    @Test("secret mail: only agents named on the list, not their units")
    func secret() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let cabinet = UUID()
        let minister = MailHarness.processor(tenant, units: [cabinet])
        let colleague = MailHarness.processor(tenant, units: [cabinet])
        let author = MailHarness.registrar(tenant)
        let item = try await harness.register(
            in: tenant, as: author, subject: "Pli secret",
            extra: #","confidentiality":"secret","access":{"units":["\#(cabinet)"],"agents":["\#(minister.subject)"]}"#)
        let path = "/v1/\(tenant.slug)/mail/items/\(item["id"]!.stringValue!)"
        _ = try await harness.call("POST", path + "/routing", as: author, in: tenant, json: #"{"principal_unit":"\#(cabinet)"}"#)
        #expect(try await harness.call("GET", path, as: minister, in: tenant).status == 200)
        #expect(try await harness.call("GET", path, as: colleague, in: tenant).status == 404)
        let basket = try await harness.call("GET", "/v1/\(tenant.slug)/mail/baskets/to_process", as: colleague, in: tenant).json()
        #expect(basket["items"]?.arrayValue?.isEmpty == true)
        // Someone on the list may change it; the colleague is added.
        let changed = try await harness.call(
            "PUT", path + "/access", as: author, in: tenant, json: #"{"agents":["\#(minister.subject)","\#(colleague.subject)"]}"#)
        #expect(changed.status == 200)
        #expect(try await harness.call("GET", path, as: colleague, in: tenant).status == 200)
    }

    @Test("other tenants' agents never see a tenant's mail, whatever the id")
    func otherTenants() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let other = try await harness.makeTenant()
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        // Their own tenant's path with this tenant's item id: nothing there.
        let own = try await harness.call("GET", "/v1/\(other.slug)/mail/items/\(item)", as: MailHarness.registrar(other), in: other)
        #expect(own.status == 404)
        // This tenant's path with their token: refused before anything is read.
        let foreign = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)", as: MailHarness.registrar(other), in: tenant)
        #expect(foreign.status == 404)
        let citizen = Principal(subject: "account:\(UUID())", kind: .citizen)
        #expect(try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(item)", as: citizen, in: tenant).status == 403)
        let malformed = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/not-a-uuid", as: MailHarness.registrar(tenant), in: tenant)
        #expect(malformed.status == 404)
    }
}
