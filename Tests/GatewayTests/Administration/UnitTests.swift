import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: units")
struct UnitTests {
    /// Creates a unit; its id.
    static func unit(_ fixture: GatewayFixture, _ slug: String, _ token: String, code: String, parent: String? = nil) async throws -> String {
        let parentMember = parent.map { #","parent_id":"\#($0)""# } ?? ""
        let created = try await fixture.send(
            "POST", "/v1/\(slug)/admin/units",
            json: #"{"code":"\#(code)","kind":"directorate","name":{"fr":"Unité \#(code)","ar":"وحدة"}\#(parentMember)}"#, token: token)
        guard created.status == 201, let id = try fixture.json(created)["id"] as? String else {
            throw FixtureError("unit: \(created.status) \(created.text)")
        }
        return id
    }

    @Test("a tree of units: created, listed, moved, never into itself, deleted only when empty")
    func tree() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let root = try await Self.unit(fixture, slug, token, code: "dg")
        let academy = try await Self.unit(fixture, slug, token, code: "aref-rsk", parent: root)
        let office = try await Self.unit(fixture, slug, token, code: "dp-rabat", parent: academy)
        let list = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/units", token: token))
        #expect((list["units"] as? [[String: Any]])?.count == 3)

        let cycle = try await fixture.send("PATCH", "/v1/\(slug)/admin/units/\(root)", json: #"{"parent_id":"\#(office)"}"#, token: token)
        #expect(cycle.status == 422)
        let itself = try await fixture.send("PATCH", "/v1/\(slug)/admin/units/\(root)", json: #"{"parent_id":"\#(root)"}"#, token: token)
        #expect(itself.status == 422)
        let moved = try await fixture.send("PATCH", "/v1/\(slug)/admin/units/\(office)", json: #"{"parent_id":"\#(root)"}"#, token: token)
        #expect(moved.status == 200)
        #expect(try fixture.json(moved)["parent_id"] as? String == root)
        let top = try await fixture.send("PATCH", "/v1/\(slug)/admin/units/\(office)", json: #"{"parent_id":null}"#, token: token)
        #expect(try fixture.json(top)["parent_id"] == nil)

        let duplicate = try await fixture.send(
            "POST", "/v1/\(slug)/admin/units", json: #"{"code":"dg","kind":"office","name":{"fr":"Doublon"}}"#, token: token)
        #expect(duplicate.status == 409)
        let orphan = try await fixture.send(
            "POST", "/v1/\(slug)/admin/units",
            json: #"{"code":"lost","kind":"office","name":{"fr":"X"},"parent_id":"\#(UUID().uuidString.lowercased())"}"#, token: token)
        #expect(orphan.status == 422)

        #expect(try await fixture.send("DELETE", "/v1/\(slug)/admin/units/\(root)", token: token).status == 409)
        _ = try await fixture.createAccount(in: slug, token: token, username: "member", units: [office])
        #expect(try await fixture.send("DELETE", "/v1/\(slug)/admin/units/\(office)", token: token).status == 409)
        #expect(try await fixture.send("DELETE", "/v1/\(slug)/admin/units/\(academy)", token: token).status == 204)
        #expect(try await fixture.send("GET", "/v1/\(slug)/admin/units/\(academy)", token: token).status == 404)
    }

    @Test(
        "bad units are 422",
        arguments: [
            #"{"kind":"office","name":{"fr":"X"}}"#, #"{"code":"UPPER","kind":"office","name":{"fr":"X"}}"#,
            #"{"code":"ok","kind":"Office!","name":{"fr":"X"}}"#, #"{"code":"ok","kind":"office","name":{"ar":"X"}}"#,
            #"{"code":"ok","kind":"office","name":{"fr":"X"},"parent_id":"nope"}"#, #"[]"#,
        ])
    func invalid(body: String) async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        #expect(try await fixture.send("POST", "/v1/\(slug)/admin/units", json: body, token: token).status == 422, "\(body)")
    }

    @Test("roles and units of an agent: only known roles, only the tenant's units; the token carries them")
    func rolesAndUnits() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let unit = try await Self.unit(fixture, slug, token, code: "office")
        let other = try await fixture.tenantWithAdministrator()
        let foreignUnit = try await Self.unit(fixture, other.slug, other.token, code: "office")
        let id = try await fixture.createAccount(in: slug, token: token, username: "handler")
        let roles = try await fixture.send(
            "PUT", "/v1/\(slug)/admin/accounts/\(id)/roles", json: #"{"roles":["complaints.handler","mail.registrar"]}"#, token: token)
        #expect(roles.status == 200)
        #expect(try await fixture.send(
            "PUT", "/v1/\(slug)/admin/accounts/\(id)/roles", json: #"{"roles":["root"]}"#, token: token).status == 422)
        #expect(try await fixture.send(
            "PUT", "/v1/\(slug)/admin/accounts/\(id)/units", json: #"{"units":["\#(foreignUnit)"]}"#, token: token).status == 422)
        #expect(try await fixture.send(
            "PUT", "/v1/\(slug)/admin/accounts/\(id)/units", json: #"{"units":["\#(unit)"]}"#, token: token).status == 200)
        let agent = try await fixture.signIn("handler", GatewayFixture.agentPassword, tenant: slug)
        let me = try fixture.json(try await fixture.send("GET", "/v1/auth/me", token: agent.access))
        #expect(me["roles"] as? [String] == ["complaints.handler", "mail.registrar"])
        #expect(me["units"] as? [String] == [unit])
        // Taking a role away ends the agent's sessions.
        #expect(try await fixture.send(
            "PUT", "/v1/\(slug)/admin/accounts/\(id)/roles", json: #"{"roles":["mail.registrar"]}"#, token: token).status == 200)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: agent.access).status == 401)
        let catalogue = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/roles", token: token))
        #expect((catalogue["roles"] as? [[String: Any]])?.count == 7)
        let changes = try fixture.json(try await fixture.send(
            "GET", "/v1/\(slug)/admin/audit-events?action=admin.roles_changed", token: token))
        #expect((changes["events"] as? [[String: Any]])?.count == 2)
    }
}
