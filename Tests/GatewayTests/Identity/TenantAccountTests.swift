import Foundation
@testable import Gateway
import GuichetCore
import GuichetTestSupport
import Testing

@Suite("Gateway: tenant accounts")
struct TenantAccountTests {
    @Test("onboarding makes the tenant's first administrator, who signs in with the tenant named and creates agents")
    func firstAdministrator() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, adminToken) = try await fixture.tenantWithAdministrator()
        let me = try fixture.json(try await fixture.send("GET", "/v1/auth/me", token: adminToken))
        #expect(me["kind"] as? String == "tenant_admin")

        let agentID = try await fixture.createAccount(
            in: slug, token: adminToken, username: "agent.one", roles: [Roles.complaintsHandler])
        let agent = try await fixture.signIn("Agent.One", GatewayFixture.agentPassword, tenant: slug)
        let agentMe = try fixture.json(try await fixture.send("GET", "/v1/auth/me", token: agent.access))
        #expect(agentMe["kind"] as? String == "agent")
        #expect(agentMe["subject"] as? String == "account:\(agentID)")
        #expect(agentMe["roles"] as? [String] == [Roles.complaintsHandler])

        // The same username in another tenant, or without a tenant, is another account.
        let other = try await fixture.tenantWithAdministrator()
        let elsewhere = try await fixture.form([
            ("grant_type", "password"), ("username", "agent.one"), ("password", GatewayFixture.agentPassword), ("tenant", other.slug),
        ])
        #expect(elsewhere.status == 400)
        let platform = try await fixture.form([
            ("grant_type", "password"), ("username", "agent.one"), ("password", GatewayFixture.agentPassword),
        ])
        #expect(platform.status == 400)
        #expect(elsewhere.text == platform.text)
    }

    @Test("look-alike usernames are refused at creation; compatibility forms sign in as the plain name")
    func confusables() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        for name in ["аgent", "Agent", "agent one", "agent'--", "ａｇｅｎｔ"] {
            let refused = try await fixture.send(
                "POST", "/v1/\(slug)/admin/accounts",
                json: #"{"username":"\#(name)","kind":"agent","display_name":"X","password":"\#(GatewayFixture.agentPassword)"}"#,
                token: token)
            #expect(refused.status == 422, "\(name)")
        }
        _ = try await fixture.createAccount(in: slug, token: token, username: "agent")
        _ = try await fixture.signIn("ＡＧＥＮＴ", GatewayFixture.agentPassword, tenant: slug)
        let cyrillic = try await fixture.form([
            ("grant_type", "password"), ("username", "аgent"), ("password", GatewayFixture.agentPassword), ("tenant", slug),
        ])
        #expect(cyrillic.status == 400)
        let duplicate = try await fixture.send(
            "POST", "/v1/\(slug)/admin/accounts",
            json: #"{"username":"agent","kind":"agent","display_name":"X","password":"\#(GatewayFixture.agentPassword)"}"#, token: token)
        #expect(duplicate.status == 409)
    }

    @Test("lockout holds for tenant accounts too, and an administrator's new password lifts it")
    func lockout() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let id = try await fixture.createAccount(in: slug, token: token, username: "locked")
        func attempt(_ password: String) async throws -> Int {
            try await fixture.form([("grant_type", "password"), ("username", "locked"), ("password", password), ("tenant", slug)]).status
        }
        for _ in 0..<5 { #expect(try await attempt("wrong password") == 400) }
        #expect(try await attempt(GatewayFixture.agentPassword) == 400)
        let shown = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/accounts/\(id)", token: token))
        #expect(shown["locked_until"] is String)
        let reset = try await fixture.send(
            "PATCH", "/v1/\(slug)/admin/accounts/\(id)", json: #"{"password":"a brand new password"}"#, token: token)
        #expect(reset.status == 200)
        #expect(try await attempt("a brand new password") == 200)
        let events = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/audit-events?action=auth.lockout", token: token))
        #expect((events["events"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test("a disabled account cannot sign in, and its tokens stop")
    func disabled() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let id = try await fixture.createAccount(in: slug, token: token, username: "leaving")
        let agent = try await fixture.signIn("leaving", GatewayFixture.agentPassword, tenant: slug)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: agent.access).status == 200)
        let disabled = try await fixture.send("PATCH", "/v1/\(slug)/admin/accounts/\(id)", json: #"{"status":"disabled"}"#, token: token)
        #expect(disabled.status == 200)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: agent.access).status == 401)
        let refresh = try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", agent.refresh)])
        #expect(refresh.status == 400)
        let again = try await fixture.form([
            ("grant_type", "password"), ("username", "leaving"), ("password", GatewayFixture.agentPassword), ("tenant", slug),
        ])
        #expect(again.status == 400)
    }

    @Test("an administrator cannot disable their own account; If-Match guards concurrent changes")
    func updates() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let me = try fixture.json(try await fixture.send("GET", "/v1/auth/me", token: token))
        let myID = try #require((me["subject"] as? String)?.replacingOccurrences(of: "account:", with: ""))
        let selfDisable = try await fixture.send("PATCH", "/v1/\(slug)/admin/accounts/\(myID)", json: #"{"status":"disabled"}"#, token: token)
        #expect(selfDisable.status == 422)

        let id = try await fixture.createAccount(in: slug, token: token, username: "versioned")
        let shown = try await fixture.send("GET", "/v1/\(slug)/admin/accounts/\(id)", token: token)
        let tag = try #require(shown.header("etag"))
        let first = try await fixture.send(
            "PATCH", "/v1/\(slug)/admin/accounts/\(id)", json: #"{"display_name":"First"}"#, token: token, headers: ["If-Match": tag])
        #expect(first.status == 200)
        let stale = try await fixture.send(
            "PATCH", "/v1/\(slug)/admin/accounts/\(id)", json: #"{"display_name":"Second"}"#, token: token, headers: ["If-Match": tag])
        #expect(stale.status == 412)
        let garbage = try await fixture.send(
            "PATCH", "/v1/\(slug)/admin/accounts/\(id)", json: #"{"display_name":"Third"}"#, token: token, headers: ["If-Match": "nope"])
        #expect(garbage.status == 412)
        let frozen = try await fixture.send("PATCH", "/v1/\(slug)/admin/accounts/\(id)", json: #"{"username":"renamed"}"#, token: token)
        #expect(frozen.status == 422)
    }
}
