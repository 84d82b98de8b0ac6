import Foundation
@testable import Gateway
import GuichetHTTP
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: routing to the services")
struct ProxyTests {
    @Test("an unknown tenant is a 404 problem and no service is called")
    func unknownTenant() async throws {
        let fixture = try await GatewayFixture.shared.value
        for path in ["/v1/no-such-tenant/complaints/x", "/v1/no-such-tenant/mail/items", "/v1/no-such-tenant/appointments"] {
            let response = try await fixture.request("GET", path)
            #expect(response.status == 404, "\(path)")
            #expect(try fixture.json(response)["code"] as? String == "tenant_not_found")
        }
    }

    @Test("a suspended tenant is a 404 like an unknown one")
    func suspendedTenant() async throws {
        let fixture = try await GatewayFixture.shared.value
        let tenant = try await TestDatabase.makeTenant(in: fixture.gateway.runtime.database)
        #expect(try await fixture.request("GET", "/v1/\(tenant.slug)/complaints/x").status == 200)
        _ = try await TenantDirectory(database: fixture.gateway.runtime.database).setStatus(.suspended, of: tenant.id)
        try await Task.sleep(for: .milliseconds(150))
        #expect(try await fixture.request("GET", "/v1/\(tenant.slug)/complaints/x").status == 404)
    }

    @Test("the request is rebuilt: context token added, client's forged one and hop-by-hop fields dropped, ids propagated")
    func rebuiltRequest() async throws {
        let fixture = try await GatewayFixture.shared.value
        let tenant = try await TestDatabase.makeTenant(in: fixture.gateway.runtime.database)
        let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let response = try await fixture.request(
            "POST", "/v1/\(tenant.slug)/complaints/echo?x=1",
            headers: [
                "X-Guichet-Context": "forged", "X-Request-ID": "req-42", "traceparent": trace, "Connection": "X-Secret",
                "X-Secret": "hop", "X-Custom": "kept", "Content-Type": "text/plain",
            ],
            body: "payload")
        #expect(response.status == 200)
        #expect(response.text == "echo POSTpayload")
        #expect(response.header("x-service") == "complaints")
        #expect(response.header("x-request-id") == "req-42")
        let head = try #require(fixture.recorder.heads.withLock { $0.last { $0.target.contains("/echo") && $0.target.contains(tenant.slug) } })
        #expect(head.target == "/v1/\(tenant.slug)/complaints/echo?x=1")
        #expect(head.headers["x-guichet-context"] != "forged")
        #expect(head.headers.values(for: "x-guichet-context").count == 1)
        #expect(head.headers["x-request-id"] == "req-42")
        #expect(head.headers["x-custom"] == "kept")
        #expect(head.headers["x-secret"] == nil)
        let forwardedTrace = try #require(head.headers["traceparent"])
        #expect(forwardedTrace.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-"))
        #expect(forwardedTrace != trace)
    }

    @Test("fields a response's Connection header lists, and framing fields, do not go back to the client")
    func responseFields() {
        let headers = HTTPHeaders([
            ("Connection", "X-Hop, Keep-Alive"), ("X-Hop", "no"), ("Keep-Alive", "timeout=5"), ("Transfer-Encoding", "chunked"),
            ("Content-Length", "3"), ("Date", "Tue, 01 Dec 2026 10:00:00 GMT"), ("X-Service", "yes"), ("Content-Type", "text/plain"),
        ])
        let forwarded = ForwardedHeaders.response(from: headers)
        #expect(forwarded.map(\.name) == ["X-Service", "Content-Type"])
    }

    @Test("a service that does not answer in time is a 504; one that is down is a 503, and the gateway recovers")
    func upstreamFailures() async throws {
        let fixture = try await GatewayFixture.shared.value
        let tenant = try await TestDatabase.makeTenant(in: fixture.gateway.runtime.database)
        let slow = try await fixture.request("GET", "/v1/\(tenant.slug)/complaints/slow")
        #expect(slow.status == 504)
        #expect(try fixture.json(slow)["code"] as? String == "gateway_timeout")
        let down = try await fixture.request("GET", "/v1/\(tenant.slug)/mail/items")
        #expect(down.status == 503)
        // The complaints upstream still answers after the timeout broke one of its connections.
        #expect(try await fixture.request("GET", "/v1/\(tenant.slug)/complaints/again").status == 200)
    }

    @Test("readiness aggregates the services: a service down makes the gateway not ready")
    func readiness() async throws {
        let fixture = try await GatewayFixture.shared.value
        let response = try await fixture.request("GET", "/readyz")
        #expect(response.status == 503)
        let components = try fixture.json(response)["components"] as? [String: String] ?? [:]
        #expect(components["database"] == "ok")
        #expect(components["mail"] == "unavailable")
    }
}
