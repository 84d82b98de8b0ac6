import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: CORS")
struct CORSTests {
    @Test("a tenant's origins are allowed on its paths only; preflights answer the allowed methods and headers")
    func tenantOrigins() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let other = try await fixture.tenantWithAdministrator()
        let origin = "https://portail-\(slug).example.ma"
        #expect(try await fixture.send(
            "PATCH", "/v1/\(slug)/admin/settings", json: #"{"cors_origins":["\#(origin)"]}"#, token: token).status == 200)

        let preflight = try await fixture.request("OPTIONS", "/v1/\(slug)/complaints", headers: [
            "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, idempotency-key",
        ])
        #expect(preflight.status == 204)
        #expect(preflight.header("access-control-allow-origin") == origin)
        #expect(preflight.header("access-control-allow-methods")?.contains("POST") == true)
        #expect(preflight.header("access-control-max-age") == "600")

        let elsewhere = try await fixture.request("OPTIONS", "/v1/\(other.slug)/complaints", headers: [
            "Origin": origin, "Access-Control-Request-Method": "POST",
        ])
        #expect(elsewhere.header("access-control-allow-origin") == nil)
        let evil = try await fixture.request("OPTIONS", "/v1/\(slug)/complaints", headers: [
            "Origin": "https://evil.example", "Access-Control-Request-Method": "GET",
        ])
        #expect(evil.header("access-control-allow-origin") == nil)
        let oddHeader = try await fixture.request("OPTIONS", "/v1/\(slug)/complaints", headers: [
            "Origin": origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-guichet-context",
        ])
        #expect(oddHeader.header("access-control-allow-origin") == nil)

        // Actual requests: the header is on answers, errors included, so a page can read them.
        let read = try await fixture.request("GET", "/v1/\(slug)/admin/units", headers: ["Origin": origin])
        #expect(read.status == 401)
        #expect(read.header("access-control-allow-origin") == origin)
        #expect(read.header("vary")?.contains("Origin") == true)
        let foreign = try await fixture.request("GET", "/v1/\(slug)/admin/units", headers: ["Origin": "https://evil.example"])
        #expect(foreign.header("access-control-allow-origin") == nil)
    }

    @Test("the platform's public paths are open to any origin: they carry no ambient credentials")
    func publicPaths() async throws {
        let fixture = try await GatewayFixture.shared.value
        let token = try await fixture.request("OPTIONS", "/v1/auth/token", headers: [
            "Origin": "https://app.example.ma", "Access-Control-Request-Method": "POST",
        ])
        #expect(token.header("access-control-allow-origin") == "*")
        let refused = try await fixture.form(
            [("grant_type", "password"), ("username", "nobody"), ("password", "x")], headers: ["Origin": "https://app.example.ma"])
        #expect(refused.header("access-control-allow-origin") == "*")
        let plain = try await fixture.request("OPTIONS", "/v1/platform/tenants")
        #expect(plain.status == 204 && plain.header("allow")?.contains("GET") == true)
    }
}
