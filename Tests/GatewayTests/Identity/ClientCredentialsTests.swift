import Foundation
@testable import Gateway
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: service clients")
struct ClientCredentialsTests {
    /// A tenant client with `scopes`: its id and secret.
    static func client(_ fixture: GatewayFixture, slug: String, token: String, scopes: [String]) async throws -> (id: String, secret: String, uuid: String) {
        let list = scopes.map { "\"\($0)\"" }.joined(separator: ",")
        let created = try await fixture.send(
            "POST", "/v1/\(slug)/admin/clients", json: #"{"name":"Système X","scopes":[\#(list)]}"#, token: token)
        let body = try fixture.json(created)
        guard created.status == 201, let id = body["client_id"] as? String, let secret = body["client_secret"] as? String,
            let uuid = body["id"] as? String
        else { throw FixtureError("client: \(created.status) \(created.text)") }
        return (id, secret, uuid)
    }

    @Test("client credentials in HTTP Basic or the body give a token of the client's tenant and scopes")
    func grant() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let client = try await Self.client(fixture, slug: slug, token: token, scopes: [ServiceScopes.directoryRead, ServiceScopes.complaintsRead])
        let basic = Base64Text.encode("\(client.id):\(client.secret)")
        let viaHeader = try await fixture.form([("grant_type", "client_credentials")], headers: ["Authorization": "Basic \(basic)"])
        #expect(viaHeader.status == 200)
        #expect(try fixture.json(viaHeader)["scope"] as? String == "complaints.read directory.read")
        #expect(try fixture.json(viaHeader)["refresh_token"] == nil)

        let narrowed = try await fixture.form([
            ("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", client.secret), ("scope", "directory.read"),
        ])
        let access = try #require(try fixture.json(narrowed)["access_token"] as? String)
        let me = try fixture.json(try await fixture.send("GET", "/v1/auth/me", token: access))
        #expect(me["kind"] as? String == "service")
        #expect(me["scopes"] as? [String] == ["directory.read"])

        let wider = try await fixture.form([
            ("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", client.secret), ("scope", "mail.write"),
        ])
        #expect(try fixture.json(wider)["error"] as? String == "invalid_scope")
    }

    @Test("a wrong secret, an unknown client, a disabled one and both ways at once are refused alike")
    func refusals() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let client = try await Self.client(fixture, slug: slug, token: token, scopes: [ServiceScopes.directoryRead])
        let wrong = try await fixture.form([("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", "nope")])
        let unknown = try await fixture.form([
            ("grant_type", "client_credentials"), ("client_id", "gp_aaaaaaaaaaaaaaaaaaaaaaaa"), ("client_secret", "nope"),
        ])
        let forged = try await fixture.form([
            ("grant_type", "client_credentials"), ("client_id", "gc_00000000000000000000000000000000.aaaaaaaaaaaaaaaaaaaa"),
            ("client_secret", "nope"),
        ])
        for response in [wrong, unknown, forged] {
            #expect(response.status == 401)
            #expect(try fixture.json(response)["error"] as? String == "invalid_client")
        }
        #expect(wrong.text == unknown.text)
        let both = try await fixture.form(
            [("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", client.secret)],
            headers: ["Authorization": "Basic \(Base64Text.encode("\(client.id):\(client.secret)"))"])
        #expect(both.status == 400)

        let working = try await fixture.form([("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", client.secret)])
        let access = try #require(try fixture.json(working)["access_token"] as? String)
        #expect(try await fixture.send("DELETE", "/v1/\(slug)/admin/clients/\(client.uuid)", token: token).status == 204)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: access).status == 401)
        let disabled = try await fixture.form([("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", client.secret)])
        #expect(disabled.status == 401)
    }

    @Test("a new secret replaces the old one, which stops working")
    func rotation() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let client = try await Self.client(fixture, slug: slug, token: token, scopes: [ServiceScopes.directoryRead])
        let rotated = try await fixture.send("POST", "/v1/\(slug)/admin/clients/\(client.uuid)/secret", token: token)
        let secret = try #require(try fixture.json(rotated)["client_secret"] as? String)
        #expect(try await fixture.form([("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", client.secret)]).status == 401)
        #expect(try await fixture.form([("grant_type", "client_credentials"), ("client_id", client.id), ("client_secret", secret)]).status == 200)
        let listed = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/clients", token: token))
        let clients = try #require(listed["clients"] as? [[String: Any]])
        #expect(clients.count == 1 && clients[0]["client_secret"] == nil)
    }

    @Test("a platform client acts in the tenant it names among those it is bound to, and no other")
    func platformClient() async throws {
        let fixture = try await GatewayFixture.shared.value
        let first = try await fixture.tenantWithAdministrator()
        let second = try await fixture.tenantWithAdministrator()
        let third = try await fixture.tenantWithAdministrator()
        let platform = try await fixture.administratorToken()
        let created = try await fixture.send(
            "POST", "/v1/platform/clients",
            json: #"{"name":"Portail national","scopes":["directory.read"],"tenants":["\#(first.slug)","\#(second.slug)"]}"#, token: platform)
        #expect(created.status == 201)
        let body = try fixture.json(created)
        let id = try #require(body["client_id"] as? String)
        let secret = try #require(body["client_secret"] as? String)
        func token(in slug: String?) async throws -> RawResponse {
            var fields = [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)]
            if let slug { fields.append(("tenant", slug)) }
            return try await fixture.form(fields)
        }
        let inSecond = try await token(in: second.slug)
        #expect(inSecond.status == 200)
        let access = try #require(try fixture.json(inSecond)["access_token"] as? String)
        #expect(try await fixture.send("GET", "/v1/\(second.slug)/directory/units", token: access).status == 200)
        #expect(try await fixture.send("GET", "/v1/\(first.slug)/directory/units", token: access).status == 404)
        #expect(try await token(in: third.slug).status == 401)
        #expect(try await token(in: nil).status == 401)
        #expect(try await token(in: "no-such-tenant").status == 401)
        // Tenant administrators do not manage platform clients.
        #expect(try await fixture.send("GET", "/v1/platform/clients", token: first.token).status == 403)
    }
}

/// Base64 of a string's UTF-8 bytes (HTTP Basic).
enum Base64Text {
    static func encode(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
