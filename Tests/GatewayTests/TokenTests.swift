import Foundation
@testable import Gateway
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: tokens")
struct TokenTests {
    @Test("the password grant answers an RFC 6749 token, as a form or as JSON")
    func passwordGrant() async throws {
        let fixture = try await GatewayFixture.shared.value
        let form = try await fixture.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&username=admin&password=correct+horse+battery+staple")
        #expect(form.status == 200)
        #expect(form.header("cache-control") == "no-store")
        let document = try fixture.json(form)
        #expect(document["token_type"] as? String == "Bearer")
        #expect((document["expires_in"] as? Int ?? 0) > 0)
        #expect((document["access_token"] as? String)?.split(separator: ".").count == 3)

        let json = try await fixture.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/json"],
            body: #"{"grant_type":"password","username":"ADMIN","password":"correct horse battery staple"}"#)
        #expect(json.status == 200)
    }

    @Test("wrong credentials and unknown users fail the same way, as invalid_grant")
    func refusals() async throws {
        let fixture = try await GatewayFixture.shared.value
        let wrong = try await fixture.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en"],
            body: "grant_type=password&username=admin&password=nope")
        let unknown = try await fixture.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en"],
            body: "grant_type=password&username=nobody&password=nope")
        #expect(wrong.status == 400 && unknown.status == 400)
        #expect(try fixture.json(wrong)["error"] as? String == "invalid_grant")
        #expect(wrong.text == unknown.text)
        #expect(wrong.header("content-type") == "application/problem+json")
    }

    @Test(
        "malformed token requests are refused before any work",
        arguments: [
            ("application/x-www-form-urlencoded", "grant_type=authorization_code", "unsupported_grant_type"),
            ("application/x-www-form-urlencoded", "grant_type=client_credentials", "invalid_client"),
            ("application/x-www-form-urlencoded", "username=admin&password=x", "invalid_request"),
            ("application/x-www-form-urlencoded", "grant_type=password&username=admin&username=other&password=x", "invalid_request"),
            ("application/x-www-form-urlencoded", "grant_type=password&username=admin&password=%ZZ", "invalid_request"),
            ("application/x-www-form-urlencoded", "grant_type=password&username=\(String(repeating: "a", count: 200))&password=x", "invalid_request"),
            ("application/json", "{\"grant_type\": 3}", "validation_failed"),
            ("text/plain", "grant_type=password", "unsupported_media_type"),
        ])
    func malformed(contentType: String, body: String, code: String) async throws {
        let fixture = try await GatewayFixture.shared.value
        let response = try await fixture.request("POST", "/v1/auth/token", headers: ["Content-Type": contentType], body: body)
        #expect(response.status >= 400 && response.status < 500)
        #expect(try fixture.json(response)["code"] as? String == code)
    }

    @Test("SQL metacharacters in a username are only a wrong username")
    func injection() async throws {
        let fixture = try await GatewayFixture.shared.value
        let response = try await fixture.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&username=admin%27%20OR%20%271%27%3D%271&password=x")
        #expect(response.status == 400)
        #expect(try fixture.json(response)["error"] as? String == "invalid_grant")
    }

    @Test("the JWKS publishes the key that verifies access tokens")
    func jwks() async throws {
        let fixture = try await GatewayFixture.shared.value
        let response = try await fixture.request("GET", "/.well-known/jwks.json")
        #expect(response.status == 200)
        let keys = try fixture.json(response)["keys"] as? [[String: Any]] ?? []
        #expect(keys.contains { $0["kty"] as? String == "OKP" && $0["crv"] as? String == "Ed25519" })
    }

    @Test("a forged, expired or malformed bearer token is a 401 with WWW-Authenticate")
    func badBearerTokens() async throws {
        let fixture = try await GatewayFixture.shared.value
        let token = try await fixture.administratorToken()
        var tampered = Array(token)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
        for bearer in ["Bearer \(String(tampered))", "Bearer not.a.token", "Basic YWRtaW46eA==", "Bearer"] {
            let response = try await fixture.request("GET", "/v1/platform/tenants", headers: ["Authorization": bearer])
            #expect(response.status == 401, "\(bearer)")
            #expect(response.header("www-authenticate")?.hasPrefix("Bearer") == true)
        }
    }

    @Test("five wrong passwords lock the account; the right one is then refused too")
    func lockout() async throws {
        let fixture = try await GatewayFixture.shared.value
        // A second administrator, to lock without disturbing the other tests.
        let accounts = AccountStore(database: fixture.gateway.runtime.database)
        let username = "locked-\(UUID().uuidString.prefix(6).lowercased())"
        let hasher = PasswordAuthenticator(
            platformAccounts: accounts, tenantAccounts: TenantAccountStore(database: fixture.gateway.runtime.database),
            hasher: .init(configuration: .init(parameters: .init(logN: 10))))
        _ = try await accounts.createIfAbsent(
            username: username, kind: .platformAdministrator, passwordHash: try await hasher.hash("right"))
        func attempt(_ password: String) async throws -> Int {
            try await fixture.request(
                "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "grant_type=password&username=\(username)&password=\(password)"
            ).status
        }
        #expect(try await attempt("right") == 200)
        for _ in 0..<5 { #expect(try await attempt("wrong") == 400) }
        #expect(try await attempt("right") == 400)
    }

    @Test("the lockout doubles with each failure past the threshold, up to its ceiling")
    func lockoutPolicy() {
        let policy = LockoutPolicy()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.lockedUntil(afterFailures: 4, now: now) == nil)
        #expect(policy.lockedUntil(afterFailures: 5, now: now) == now.addingTimeInterval(30))
        #expect(policy.lockedUntil(afterFailures: 6, now: now) == now.addingTimeInterval(60))
        #expect(policy.lockedUntil(afterFailures: 40, now: now) == now.addingTimeInterval(3600))
    }
}

@Suite("Gateway: tokens signed with the real key but wrong")
struct MisusedTokenTests {
    /// A token signed with the gateway's own access key, with the claims a test chooses.
    static func token(audience: String = AccessTokens.audience, expiresIn: TimeInterval = 600, kind: Principal.Kind) throws -> String {
        let key = try SigningKeyLoader.load("access", seed: nil, directory: GatewayFixture.keysDirectory)
        let signer = JWTSigner(privateKey: key.privateKey, keyID: key.keyID, type: AccessTokens.tokenType)
        let now = Date()
        return try signer.sign(
            AccessTokenClaims(kind: kind, tenant: nil, roles: [], scope: nil),
            registered: JWTRegisteredClaims(
                issuer: "http://127.0.0.1:8080", subject: "account:test", audience: [audience],
                expiresAt: now.addingTimeInterval(expiresIn), issuedAt: now.addingTimeInterval(min(0, expiresIn - 60))))
    }

    @Test("expired and wrong-audience tokens are 401; a valid token of another kind is 403 on onboarding")
    func misuse() async throws {
        let fixture = try await GatewayFixture.shared.value
        let body = #"{"slug":"\#(TestDatabase.uniqueSlug("x"))","name":{"fr":"X"}}"#
        func onboard(with token: String) async throws -> Int {
            try await fixture.request(
                "POST", "/v1/platform/tenants", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                body: body
            ).status
        }
        #expect(try await onboard(with: Self.token(expiresIn: -120, kind: .platformAdministrator)) == 401)
        #expect(try await onboard(with: Self.token(audience: "guichet-services", kind: .platformAdministrator)) == 401)
        #expect(try await onboard(with: Self.token(kind: .agent)) == 403)
        #expect(try await onboard(with: Self.token(kind: .citizen)) == 403)
        // A context token (the services' credential) is not an access token.
        let context = try ContextTokenSigner(
            privateKey: try SigningKeyLoader.load("context", seed: nil, directory: GatewayFixture.keysDirectory).privateKey,
            keyID: "context-test"
        ).token(for: Principal(subject: "account:x", kind: .platformAdministrator), tenant: nil)
        #expect(try await onboard(with: context) == 401)
    }
}
