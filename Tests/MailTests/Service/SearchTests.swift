import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: full-text search in French and Arabic, numbers with or without spaces")
struct SearchTests {
    private func ids(_ harness: MailHarness, _ tenant: Tenant, _ query: String, as principal: Principal? = nil) async throws -> [String] {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let response = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/search?q=\(encoded)", as: principal ?? MailHarness.registrar(tenant), in: tenant)
        #expect(response.status == 200, "\(query): \(response.text)")
        return try response.json()["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test("French without accents or case, Arabic whatever its alef, taa marbuta and tashkeel, numbers spaced or not, registry numbers")
    func languages() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let french = try #require(try await harness.register(in: tenant, subject: "Réclamation concernant l'École Ibn Battouta")["id"]?.stringValue)
        let arabic = try #require(try await harness.register(in: tenant, subject: "طَلَبُ شهادةٍ إدارية")["id"]?.stringValue)
        let phone = try #require(try await harness.register(in: tenant, subject: "Rappel au 06 12 34 56 78 svp")["id"]?.stringValue)
        let numbered = try #require(try await harness.register(in: tenant, subject: "Dossier 0045/2026")["id"]?.stringValue)
        let registry = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(numbered)", as: MailHarness.registrar(tenant), in: tenant)
        let number = try #require(try registry.json()["registry_number"]?.stringValue)

        #expect(try await ids(harness, tenant, "reclamation ecole") == [french])
        #expect(try await ids(harness, tenant, "ÉCOLE Battouta") == [french])
        #expect(try await ids(harness, tenant, "شهادة اداريه") == [arabic])
        #expect(try await ids(harness, tenant, "طلب") == [arabic])
        #expect(try await ids(harness, tenant, "0612345678") == [phone])
        #expect(try await ids(harness, tenant, "06 12 34 56 78") == [phone])
        #expect(try await ids(harness, tenant, "45") == [numbered])
        #expect(try await ids(harness, tenant, number) == [numbered])
        let compact = number.replacingOccurrences(of: "/", with: " ").replacingOccurrences(of: "000", with: "")
        #expect(try await ids(harness, tenant, compact).contains(numbered))
        #expect(try await ids(harness, tenant, "inexistant").isEmpty)
        #expect(try await harness.call("GET", "/v1/\(tenant.slug)/mail/search", as: MailHarness.registrar(tenant), in: tenant).status == 422)
        // Quotes, operators and SQL in the query are words, never syntax.
        #expect(try await ids(harness, tenant, "' & ! ( ) :* <-> ; DROP TABLE").isEmpty)
    }

    @Test("notes are searchable; processors find only what reaches them; pages follow a cursor")
    func reachAndPages() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let unit = UUID()
        let registrar = MailHarness.registrar(tenant)
        var items: [String] = []
        for index in 0..<5 {
            items.append(try #require(try await harness.register(in: tenant, subject: "Convocation Oujda \(index)")["id"]?.stringValue))
        }
        _ = try await harness.call("POST", "/v1/\(tenant.slug)/mail/items/\(items[0])/notes", as: registrar, in: tenant,
            json: #"{"text":"Rappeler Mme Idrissi"}"#)
        #expect(try await ids(harness, tenant, "idrissi") == [items[0]])
        _ = try await harness.call("POST", "/v1/\(tenant.slug)/mail/items/\(items[1])/routing", as: registrar, in: tenant,
            json: #"{"principal_unit":"\#(unit)"}"#)
        #expect(try await ids(harness, tenant, "oujda", as: MailHarness.processor(tenant, units: [unit])) == [items[1]])
        #expect(try await ids(harness, tenant, "oujda", as: MailHarness.processor(tenant, units: [UUID()])).isEmpty)

        var found: [String] = []
        var cursor: String?
        repeat {
            let page = try await harness.call(
                "GET", "/v1/\(tenant.slug)/mail/search?q=oujda&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), as: registrar, in: tenant
            ).json()
            found += page["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        #expect(found == items.reversed())
    }
}
