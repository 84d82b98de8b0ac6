import Foundation
@testable import Gateway
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetTestSupport
import Testing

/// The attacks of the identity issue, each against the real stack through the gateway.
@Suite("Authorization attacks")
struct AuthorizationAttackTests {
    static func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    /// A token signed with `key` (the gateway's access key by default) with the claims a test chooses.
    static func accessToken(
        key: SigningKeyLoader.LoadedKey? = nil, keyID: String? = nil, issuer: String = "http://127.0.0.1:8080",
        audience: String = AccessTokens.audience, expiresIn: TimeInterval = 600, type: String = AccessTokens.tokenType,
        kind: Principal.Kind = .platformAdministrator, tenant: UUID? = nil
    ) throws -> String {
        let real = try SigningKeyLoader.load("access", seed: nil, directory: Stack.keysDirectory)
        let key = key ?? real
        let signer = JWTSigner(privateKey: key.privateKey, keyID: keyID ?? key.keyID, type: type)
        let now = Date()
        return try signer.sign(
            AccessTokenClaims(kind: kind, tenant: tenant, roles: [], scope: nil),
            registered: JWTRegisteredClaims(
                issuer: issuer, subject: "account:\(UUID().uuidString.lowercased())", audience: [audience],
                expiresAt: now.addingTimeInterval(expiresIn), issuedAt: now.addingTimeInterval(min(0, expiresIn - 60))))
    }

    @Test("forged, expired, wrong-audience, wrong-issuer, wrong-type and oversized tokens are 401")
    func forgedTokens() async throws {
        let stack = try await Stack.shared.value
        let genuine = try await stack.administratorToken()
        var tampered = Array(genuine)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
        let header = Base64URL.encode(Array(#"{"alg":"none","typ":"at+jwt"}"#.utf8))
        let payload = genuine.split(separator: ".")[1]
        let stranger = SigningKeyLoader.LoadedKey(privateKey: Ed25519.PrivateKey(), keyID: "x")
        let realKeyID = try SigningKeyLoader.load("access", seed: nil, directory: Stack.keysDirectory).keyID
        let contextToken = try TestContextTokens.token(for: Principal(subject: "account:x", kind: .platformAdministrator), in: nil)
        let forged = [
            String(tampered), "\(header).\(payload).", "\(header).\(payload)",
            try Self.accessToken(key: stranger, keyID: realKeyID),
            try Self.accessToken(expiresIn: -120), try Self.accessToken(audience: "guichet-services"),
            try Self.accessToken(issuer: "https://evil.example"), try Self.accessToken(type: "JWT"), contextToken,
            genuine + String(repeating: "A", count: 5000), "eyJ" + String(repeating: ".", count: 10),
        ]
        for token in forged {
            let response = try await stack.request("GET", "/v1/platform/clients", headers: Self.bearer(token))
            #expect(response.status == 401, "\(token.prefix(40))")
        }
        #expect(try await stack.request("GET", "/v1/platform/clients", headers: Self.bearer(genuine)).status == 200)
        // A control character in the header is a malformed request, refused by the parser.
        #expect(try await stack.request("GET", "/v1/platform/clients", headers: Self.bearer("a\u{0}b")).status == 400)
        // The services do not take an access token where the context token goes.
        let slug = try await stack.onboardTenant()
        let direct = try await stack.request(
            "GET", "/v1/\(slug)/complaints/categories", headers: ["X-Guichet-Context": genuine], port: stack.complaints.address.port)
        #expect(direct.status == 401)
    }

    @Test("tenant A's tokens on tenant B's paths are 404, at the gateway and at the services")
    func wrongTenant() async throws {
        let stack = try await Stack.shared.value
        let a = try await stack.onboardTenant()
        let b = try await stack.onboardTenant()
        let adminA = try await stack.tenantAdministratorToken(a)
        for path in ["/v1/\(b)/admin/units", "/v1/\(b)/admin/settings", "/v1/\(b)/complaints/categories", "/v1/\(b)/directory/units"] {
            #expect(try await stack.request("GET", path, headers: Self.bearer(adminA)).status == 404, "\(path)")
        }
        let complaint = #"{"category":"roads","subject":"Nid-de-poule","description":"Un trou dans la chaussée devant l'école.","language":"fr"}"#
        #expect(try await stack.post("/v1/\(b)/complaints", json: complaint, headers: Self.bearer(adminA)).status == 404)
        #expect(try await stack.post("/v1/\(a)/complaints", json: complaint, headers: Self.bearer(adminA)).status == 201)
        // A forged claim of tenant B in a token signed by another key is a 401, not a way in.
        let tenantB = try #require(try await TenantDirectory(database: stack.gateway.runtime.database).tenant(slug: b))
        let forged = try Self.accessToken(
            key: SigningKeyLoader.LoadedKey(privateKey: Ed25519.PrivateKey(), keyID: "k"), kind: .tenantAdministrator, tenant: tenantB.id)
        #expect(try await stack.request("GET", "/v1/\(b)/admin/units", headers: Self.bearer(forged)).status == 401)
        // Straight at a service: a context token for tenant A on B's path is refused.
        let tenantA = try #require(try await TenantDirectory(database: stack.gateway.runtime.database).tenant(slug: a))
        try await TestContextTokens.publish(in: stack.gateway.runtime.database)
        let context = try TestContextTokens.token(for: .anonymous, in: tenantA.reference)
        let crossed = try await stack.request(
            "GET", "/v1/\(b)/complaints/categories", headers: ["X-Guichet-Context": context], port: stack.complaints.address.port)
        #expect(crossed.status == 401)
    }

    @Test("a citizen cannot read another citizen's request; its author can")
    func citizenReadsAnother() async throws {
        let standIn = try await AuthorizationStandIn.shared.value
        let stack = standIn.stack
        let slug = try await stack.onboardTenant()
        let author = try await AuthorizationPrincipals.citizen(stack)
        let other = try await AuthorizationPrincipals.citizen(stack)
        let created = try await stack.request(
            "POST", "/v1/\(slug)/mail/requests", headers: Self.bearer(author).merging(["Content-Type": "application/json"]) { $1 },
            body: "{}", port: standIn.port)
        #expect(created.status == 201)
        let id = try #require(try Stack.json(created)["id"] as? String)
        let path = "/v1/\(slug)/mail/requests/\(id)"
        #expect(try await stack.request("GET", path, headers: Self.bearer(author), port: standIn.port).status == 200)
        #expect(try await stack.request("GET", path, headers: Self.bearer(other), port: standIn.port).status == 404)
        #expect(try await stack.request("GET", path, port: standIn.port).status == 401)
        let admin = try await stack.tenantAdministratorToken(slug)
        #expect(try await stack.request("GET", path, headers: Self.bearer(admin), port: standIn.port).status == 403)
    }

    @Test("an agent acts only with their roles and within their units (a unit below theirs included)")
    func agentOutsideUnitsOrRoles() async throws {
        let standIn = try await AuthorizationStandIn.shared.value
        let stack = standIn.stack
        let slug = try await stack.onboardTenant()
        let admin = try await stack.tenantAdministratorToken(slug)
        func unit(_ code: String, parent: String? = nil) async throws -> String {
            let parentMember = parent.map { #","parent_id":"\#($0)""# } ?? ""
            let created = try await stack.post(
                "/v1/\(slug)/admin/units", json: #"{"code":"\#(code)","kind":"office","name":{"fr":"\#(code)"}\#(parentMember)}"#,
                headers: Self.bearer(admin))
            return try #require(try Stack.json(created)["id"] as? String)
        }
        let academy = try await unit("academy")
        let office = try await unit("office", parent: academy)
        let elsewhere = try await unit("elsewhere")
        try await AuthorizationPrincipals.createAgent(
            stack, tenant: slug, admin: admin, username: "processor", roles: [Roles.mailProcessor], units: [academy])
        try await AuthorizationPrincipals.createAgent(
            stack, tenant: slug, admin: admin, username: "registrar", roles: [Roles.mailRegistrar], units: [academy])
        let processor = try await stack.signIn("processor", AuthorizationPrincipals.agentPassword, tenant: slug)
        let registrar = try await stack.signIn("registrar", AuthorizationPrincipals.agentPassword, tenant: slug)
        func items(_ unit: String, _ token: String) async throws -> Int {
            try await stack.request("GET", "/v1/\(slug)/mail/units/\(unit)/items", headers: Self.bearer(token), port: standIn.port).status
        }
        #expect(try await items(academy, processor) == 200)
        #expect(try await items(office, processor) == 200)
        #expect(try await items(elsewhere, processor) == 404)
        #expect(try await items(UUID().uuidString.lowercased(), processor) == 404)
        #expect(try await items(academy, registrar) == 403)
        let other = try await stack.onboardTenant()
        let otherAdmin = try await stack.tenantAdministratorToken(other)
        try await AuthorizationPrincipals.createAgent(
            stack, tenant: other, admin: otherAdmin, username: "processor", roles: [Roles.mailProcessor], units: [])
        let foreign = try await stack.signIn("processor", AuthorizationPrincipals.agentPassword, tenant: other)
        #expect(try await items(academy, foreign) == 404)
    }

    @Test("password spraying meets the address's limit; guessing one account meets its lockout")
    func spraying() async throws {
        let standIn = try await AuthorizationStandIn.shared.value
        let stack = standIn.stack
        var statuses: [Int] = []
        for index in 0..<14 {
            let response = try await stack.request(
                "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "grant_type=password&username=sprayed\(index)@example.ma&password=Summer2026!", port: standIn.port)
            statuses.append(response.status)
            if response.status == 429 { #expect(Int(response.header("retry-after") ?? "") ?? 0 >= 1) }
        }
        #expect(statuses.contains(429))
        #expect(statuses.allSatisfy { $0 == 400 || $0 == 429 })

        // Lockout, on the stack's own gateway (its limits are out of the way).
        let slug = try await stack.onboardTenant()
        for _ in 0..<5 {
            let wrong = try await stack.request(
                "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "grant_type=password&tenant=\(slug)&username=admin&password=wrong")
            #expect(wrong.status == 400)
        }
        await #expect(throws: StackError.self) { _ = try await stack.tenantAdministratorToken(slug) }
    }

    @Test("refresh-token replay revokes the session, through the whole stack")
    func refreshReplay() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let response = try await stack.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&tenant=\(slug)&username=admin&password=\(Stack.formEncode(Stack.tenantAdministratorPassword))")
        let first = try Stack.json(response)
        let refresh = try #require(first["refresh_token"] as? String)
        let access = try #require(first["access_token"] as? String)
        func redeem(_ token: String) async throws -> RawResponse {
            try await stack.request(
                "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "grant_type=refresh_token&refresh_token=\(token)")
        }
        let rotated = try Stack.json(try await redeem(refresh))
        let next = try #require(rotated["refresh_token"] as? String)
        #expect(try await redeem(refresh).status == 400)
        #expect(try await redeem(next).status == 400)
        #expect(try await stack.request("GET", "/v1/\(slug)/admin/units", headers: Self.bearer(access)).status == 401)
    }

    @Test("oversized or malformed credentials are refused before any work, never a 500")
    func malformedCredentials() async throws {
        let stack = try await Stack.shared.value
        let form = ["Content-Type": "application/x-www-form-urlencoded"]
        let cases: [([String: String], String, Set<Int>)] = [
            (form, "grant_type=password&username=admin&password=\(String(repeating: "p", count: 2000))", [400]),
            (form, "grant_type=password&username=\(String(repeating: "u", count: 300))&password=x", [400]),
            (form, "grant_type=password&username=admin&password=" + String(repeating: "x", count: 9000), [413]),
            (form, "grant_type=password&username=ad%00min&password=x", [400]),
            (form, "grant_type=password&username=%FF%FE&password=x", [400]),
            (form, "grant_type=password&username=admin&password=x&tenant=\(String(repeating: "t", count: 100))", [400]),
            (form, "grant_type=password&username=admin&password=x&totp=\(String(repeating: "1", count: 40))", [400]),
            (["Content-Type": "application/json"], #"{"grant_type":"password","username":["admin"],"password":"x"}"#, [422]),
            (["Content-Type": "application/json"], #"{"grant_type":"password""#, [400]),
            (form.merging(["Authorization": "Basic !!!"]) { $1 }, "grant_type=client_credentials", [401]),
            (form.merging(["Authorization": "Basic \(Data("no-colon".utf8).base64EncodedString())"]) { $1 }, "grant_type=client_credentials", [401]),
            (form, "grant_type=client_credentials&client_id=\(String(repeating: "c", count: 500))&client_secret=x", [401]),
            (form, "grant_type=refresh_token&refresh_token=\(String(repeating: "r", count: 500))", [400]),
        ]
        for (headers, body, expected) in cases {
            let response = try await stack.request("POST", "/v1/auth/token", headers: headers, body: body)
            #expect(expected.contains(response.status), "\(body.prefix(60)): \(response.status)")
        }
        let hugeHeader = try await stack.request(
            "GET", "/v1/platform/clients", headers: ["Authorization": "Bearer " + String(repeating: "a", count: 20_000)])
        #expect(hugeHeader.status == 431)
    }

    @Test("SQL metacharacters and Unicode confusables in usernames and tenants only fail to match")
    func injectionAndConfusables() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let password = Stack.formEncode(Stack.tenantAdministratorPassword)
        func attempt(_ username: String, tenant: String) async throws -> Int {
            try await stack.request(
                "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "grant_type=password&tenant=\(Stack.formEncode(tenant))&username=\(Stack.formEncode(username))&password=\(password)"
            ).status
        }
        for name in ["admin' OR '1'='1", "admin'--", "admin\"; DROP TABLE platform.tenant_accounts; --", "аdmin", "admin\u{200B}", "%"] {
            #expect(try await attempt(name, tenant: slug) == 400, "\(name)")
        }
        for tenant in ["\(slug)' OR 1=1 --", "\(slug)%", "*"] {
            #expect(try await attempt("admin", tenant: tenant) == 400, "\(tenant)")
        }
        // Compatibility forms are the same name: the administrator signs in.
        #expect(try await attempt("ＡＤＭＩＮ", tenant: slug) == 200)
        #expect(try await attempt("Admin", tenant: slug) == 200)
    }
}
