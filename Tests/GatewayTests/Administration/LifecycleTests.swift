import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: tenant lifecycle and audit")
struct LifecycleTests {
    @Test("suspend ends the tenant's sessions and closes its paths; resume opens them; offboarding is final")
    func lifecycle() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let platform = try await fixture.administratorToken()
        #expect(try await fixture.send("POST", "/v1/platform/tenants/\(slug)/suspend", token: token).status == 403)
        let suspended = try await fixture.send("POST", "/v1/platform/tenants/\(slug)/suspend", token: platform)
        #expect(suspended.status == 200)
        #expect(try fixture.json(suspended)["status"] as? String == "suspended")
        #expect(try await fixture.send("POST", "/v1/platform/tenants/\(slug)/suspend", token: platform).status == 409)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: token).status == 401)
        #expect(try await fixture.send("GET", "/v1/\(slug)/admin/units", token: token).status == 404)
        let refused = try await fixture.form([
            ("grant_type", "password"), ("username", "admin"), ("password", GatewayFixture.adminPassword), ("tenant", slug),
        ])
        #expect(refused.status == 400)

        #expect(try await fixture.send("POST", "/v1/platform/tenants/\(slug)/resume", token: platform).status == 200)
        let back = try await fixture.signIn("admin", GatewayFixture.adminPassword, tenant: slug)
        #expect(try await fixture.send("GET", "/v1/\(slug)/admin/units", token: back.access).status == 200)

        #expect(try await fixture.send("POST", "/v1/platform/tenants/\(slug)/offboard", token: platform).status == 200)
        #expect(try await fixture.send("POST", "/v1/platform/tenants/\(slug)/resume", token: platform).status == 409)
        #expect(try await fixture.send("POST", "/v1/platform/tenants/no-such-tenant/suspend", token: platform).status == 404)
    }

    @Test("the audit trail: a tenant's events for its administrators, the platform's for the platform's; paged")
    func trail() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        _ = try await fixture.form([("grant_type", "password"), ("username", "admin"), ("password", "wrong password"), ("tenant", slug)])
        let page = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/audit-events?limit=2", token: token))
        let events = try #require(page["events"] as? [[String: Any]])
        #expect(events.count == 2)
        #expect(events[0]["action"] as? String == "auth.login" && events[0]["outcome"] as? String == "failure")
        #expect(events[0]["client_ip"] as? String == "127.0.0.1")
        #expect(events[0]["actor"] as? String == "username:admin")
        let next = try #require(page["next"] as? String)
        let older = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/audit-events?before=\(next)", token: token))
        let actions = (older["events"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(actions.contains("tenant.onboarded") && actions.contains("admin.account_created"))

        let platform = try await fixture.administratorToken()
        let platformEvents = try fixture.json(try await fixture.send(
            "GET", "/v1/platform/audit-events?action=tenant.onboarded&limit=200", token: platform))
        let targets = (platformEvents["events"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String }
        #expect(targets.contains("tenant:\(slug)"))
        // Neither reads the other's trail.
        #expect(try await fixture.send("GET", "/v1/platform/audit-events", token: token).status == 403)
        #expect(try await fixture.send("GET", "/v1/\(slug)/admin/audit-events", token: platform).status == 403)
        #expect(try await fixture.send("GET", "/v1/\(slug)/admin/audit-events?limit=1000", token: token).status == 422)
    }

    @Test("the runtime role may append to the audit trail but never change or delete it")
    func appendOnly() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        _ = token
        let tenant = try #require(try await TenantCache(
            directory: .init(database: fixture.gateway.runtime.database), database: fixture.gateway.runtime.database, lifetime: .seconds(1)
        ).tenant(slug: slug))
        let database = fixture.gateway.runtime.database
        await #expect(throws: (any Error).self) {
            _ = try await database.query("UPDATE platform.audit_events SET action = 'x' WHERE tenant_id = \(tenant.id)", tenant: tenant.id)
        }
        await #expect(throws: (any Error).self) {
            _ = try await database.query("DELETE FROM platform.audit_events WHERE tenant_id = \(tenant.id)", tenant: tenant.id)
        }
        let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
        await #expect(throws: (any Error).self) {
            _ = try await owner.query("DELETE FROM platform.audit_events WHERE tenant_id = \(tenant.id)", tenant: tenant.id)
        }
        await owner.shutdown()
        let violations = try await database.query("SELECT table_name, problem FROM platform.tenant_table_violations()", tenant: nil)
        #expect(violations.isEmpty)
    }
}
