import Foundation
@testable import Gateway
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: sessions, refresh and revocation")
struct SessionTests {
    @Test("a refresh token is good once: the answer carries the next one")
    func rotation() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        _ = try await fixture.createAccount(in: slug, token: token, username: "rotating")
        let first = try await fixture.signIn("rotating", GatewayFixture.agentPassword, tenant: slug)
        let refreshed = try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", first.refresh)])
        #expect(refreshed.status == 200)
        #expect(refreshed.header("cache-control") == "no-store")
        let body = try fixture.json(refreshed)
        let second = try #require(body["refresh_token"] as? String)
        #expect(second != first.refresh)
        let access = try #require(body["access_token"] as? String)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: access).status == 200)
        let third = try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", second)])
        #expect(third.status == 200)
    }

    @Test("replaying a used refresh token revokes the whole session: its other tokens stop too")
    func replay() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        _ = try await fixture.createAccount(in: slug, token: token, username: "replayed")
        let stolen = try await fixture.signIn("replayed", GatewayFixture.agentPassword, tenant: slug)
        let legitimate = try fixture.json(try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", stolen.refresh)]))
        let next = try #require(legitimate["refresh_token"] as? String)
        let access = try #require(legitimate["access_token"] as? String)

        let replayed = try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", stolen.refresh)])
        #expect(replayed.status == 400)
        #expect(try fixture.json(replayed)["error"] as? String == "invalid_grant")
        // The thief's replay killed the family: the legitimate holder's token and access are gone.
        #expect(try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", next)]).status == 400)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: access).status == 401)
        let events = try fixture.json(try await fixture.send(
            "GET", "/v1/\(slug)/admin/audit-events?action=auth.refresh_token_replayed", token: token))
        #expect((events["events"] as? [[String: Any]])?.count == 1)
    }

    @Test("RFC 7009: revoking a refresh or an access token ends the session; unknown tokens still answer 200")
    func revocation() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        _ = try await fixture.createAccount(in: slug, token: token, username: "revoking")
        let byRefresh = try await fixture.signIn("revoking", GatewayFixture.agentPassword, tenant: slug)
        #expect(try await fixture.form([("token", byRefresh.refresh)], to: "/v1/auth/revoke").status == 200)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: byRefresh.access).status == 401)
        #expect(try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", byRefresh.refresh)]).status == 400)

        let byAccess = try await fixture.signIn("revoking", GatewayFixture.agentPassword, tenant: slug)
        #expect(try await fixture.form([("token", byAccess.access), ("token_type_hint", "access_token")], to: "/v1/auth/revoke").status == 200)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: byAccess.access).status == 401)
        #expect(try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", byAccess.refresh)]).status == 400)

        #expect(try await fixture.form([("token", "not-a-token")], to: "/v1/auth/revoke").status == 200)
        #expect(try await fixture.form([("token_type_hint", "refresh_token")], to: "/v1/auth/revoke").status == 400)
        #expect(try await fixture.form([("token", String(repeating: "x", count: 5000))], to: "/v1/auth/revoke").status == 400)
    }

    @Test(
        "malformed refresh requests are refused",
        arguments: ["", String(repeating: "r", count: 129), "' OR 1=1 --", "ｒｅｆｒｅｓｈ"])
    func malformedRefresh(token: String) async throws {
        let fixture = try await GatewayFixture.shared.value
        let response = try await fixture.form([("grant_type", "refresh_token"), ("refresh_token", token)])
        #expect(response.status == 400)
    }

    @Test("the list of revoked sessions reaches other replicas through the database")
    func otherReplicas() async throws {
        let fixture = try await GatewayFixture.shared.value
        let sessions = SessionStore(database: fixture.gateway.runtime.database)
        let list = RevokedSessions(interval: .seconds(60)) { try await sessions.revoked(within: .seconds(960)) }
        let (slug, token) = try await fixture.tenantWithAdministrator()
        _ = try await fixture.createAccount(in: slug, token: token, username: "elsewhere")
        let signedIn = try await fixture.signIn("elsewhere", GatewayFixture.agentPassword, tenant: slug)
        let keys = SigningKeyStore(database: fixture.gateway.runtime.database)
        let verified = try await AccessTokens(
            key: .init(), keyID: "unused", issuer: "http://127.0.0.1:8080", lifetime: .seconds(60)
        ) { try await keys.verificationKeys(for: .access) }.verify(signedIn.access)
        let session = try #require(verified.session)
        try await list.reload()
        #expect(!list.contains(session))
        #expect(try await fixture.form([("token", signedIn.refresh)], to: "/v1/auth/revoke").status == 200)
        try await list.reload()
        #expect(list.contains(session))
    }
}
