import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: tenant settings")
struct SettingsTests {
    @Test("settings: time zone, languages, holidays, CORS origins; ETag and If-Match")
    func settings() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let shown = try await fixture.send("GET", "/v1/\(slug)/admin/settings", token: token)
        #expect(shown.status == 200)
        #expect(try fixture.json(shown)["timezone"] as? String == "Africa/Casablanca")
        let tag = try #require(shown.header("etag"))
        let body = #"""
            {"timezone":"Europe/Paris","languages":["fr","ar"],"cors_origins":["https://portail.example.ma"],
             "holidays":[{"name":{"fr":"Fête du Travail"},"month":5,"day":1},{"name":{"fr":"Aïd"},"date":"2026-03-20","days":2}]}
            """#
        let changed = try await fixture.send("PATCH", "/v1/\(slug)/admin/settings", json: body, token: token, headers: ["If-Match": tag])
        #expect(changed.status == 200)
        let settings = try fixture.json(changed)
        #expect(settings["languages"] as? [String] == ["fr", "ar"])
        #expect((settings["holidays"] as? [Any])?.count == 2)
        #expect(try await fixture.send("PATCH", "/v1/\(slug)/admin/settings", json: #"{"languages":["fr"]}"#, token: token, headers: ["If-Match": tag]).status == 412)
        let tenant = try fixture.json(try await fixture.send("GET", "/v1/platform/tenants/\(slug)"))
        #expect(tenant["timezone"] as? String == "Europe/Paris")
    }

    @Test(
        "bad settings are 422",
        arguments: [
            #"{"timezone":"Mars/Olympus"}"#, #"{"languages":[]}"#, #"{"languages":["de"]}"#, #"{"languages":["fr","fr"]}"#,
            #"{"cors_origins":["http://evil.example"]}"#, #"{"cors_origins":["https://x.ma/path"]}"#,
            #"{"holidays":[{"name":{"fr":"X"},"month":2,"day":30}]}"#, #"{"agents_require_totp":"yes"}"#, #"{"colour":"blue"}"#,
        ])
    func invalid(body: String) async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        #expect(try await fixture.send("PATCH", "/v1/\(slug)/admin/settings", json: body, token: token).status == 422, "\(body)")
    }
}
