import Foundation
@testable import Gateway
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: tenants")
struct TenantTests {
    @Test("an administrator onboards a tenant; it is listed publicly; the same slug again is a 409")
    func onboarding() async throws {
        let fixture = try await GatewayFixture.shared.value
        let token = try await fixture.administratorToken()
        let slug = TestDatabase.uniqueSlug("min")
        let body = #"{"slug":"\#(slug)","name":{"fr":"Ministère","ar":"وزارة","en":"Ministry"},"timezone":"Africa/Casablanca"}"#
        let created = try await fixture.request(
            "POST", "/v1/platform/tenants", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
            body: body)
        #expect(created.status == 201)
        #expect(created.header("location") == "/v1/platform/tenants/\(slug)")
        let tenant = try fixture.json(created)
        #expect(tenant["slug"] as? String == slug)
        #expect((tenant["name"] as? [String: Any])?["ar"] as? String == "وزارة")
        #expect((tenant["created_at"] as? String)?.hasSuffix("Z") == false)

        let list = try await fixture.request("GET", "/v1/platform/tenants")
        let slugs = (try fixture.json(list)["tenants"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
        #expect(slugs.contains(slug))

        let again = try await fixture.request(
            "POST", "/v1/platform/tenants", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
            body: body)
        #expect(again.status == 409)
    }

    @Test("only an administrator may onboard: anonymous is 401")
    func onlyAdministrators() async throws {
        let fixture = try await GatewayFixture.shared.value
        let response = try await fixture.request(
            "POST", "/v1/platform/tenants", headers: ["Content-Type": "application/json"],
            body: #"{"slug":"nope","name":{"fr":"Non"}}"#)
        #expect(response.status == 401)
    }

    @Test(
        "slugs that are not [a-z0-9-], are reserved or too long, and unknown time zones are 422",
        arguments: [
            #"{"slug":"Upper","name":{"fr":"X"}}"#,
            #"{"slug":"bad_slug","name":{"fr":"X"}}"#,
            #"{"slug":"-dash","name":{"fr":"X"}}"#,
            #"{"slug":"platform","name":{"fr":"X"}}"#,
            #"{"slug":"auth","name":{"fr":"X"}}"#,
            #"{"slug":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","name":{"fr":"X"}}"#,
            #"{"slug":"ok-slug","name":{"fr":""}}"#,
            #"{"slug":"ok-slug","name":{"fr":"X"},"timezone":"Mars/Olympus"}"#,
            #"{"slug":"ok-slug","name":{}}"#,
        ])
    func invalidOnboarding(body: String) async throws {
        let fixture = try await GatewayFixture.shared.value
        let token = try await fixture.administratorToken()
        let response = try await fixture.request(
            "POST", "/v1/platform/tenants", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
            body: body)
        #expect(response.status == 422, "\(body)")
        #expect(try fixture.json(response)["code"] as? String == "validation_failed")
    }
}

@Suite("Gateway: documentation")
struct GatewayDocumentationTests {
    @Test("every gateway route is in its OpenAPI document and every documented operation exists")
    func coverage() async throws {
        let fixture = try await GatewayFixture.shared.value
        let document = try #require(fixture.gateway.parts.openAPIDocument)
        #expect(OpenAPICoverage.mismatches(routes: fixture.gateway.routes, document: document) == [])
    }
}
