import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("End to end: the mail service behind the gateway")
struct MailSliceTests {
    static let registration = #"{"direction":"internal","subject":"Note de service","document_type":"note"}"#

    @Test("mail paths go through the gateway and are guarded: anonymous 401, the platform's administrator 403, unknown tenant 404")
    func guarded() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let anonymous = try await stack.post("/v1/\(slug)/mail/items", json: Self.registration)
        #expect(anonymous.status == 401)
        #expect(try await stack.request("GET", "/v1/\(slug)/mail/registry").status == 401)
        #expect(try await stack.request("GET", "/v1/\(slug)/mail/audit/verify").status == 401)
        let token = try await stack.administratorToken()
        let administrator = try await stack.post(
            "/v1/\(slug)/mail/items", json: Self.registration, headers: ["Authorization": "Bearer \(token)"])
        #expect(administrator.status == 403)
        let verify = try await stack.request("GET", "/v1/\(slug)/mail/audit/verify", headers: ["Authorization": "Bearer \(token)"])
        #expect(verify.status == 403)
        #expect(try await stack.request("GET", "/v1/no-such-tenant/mail/registry").status == 404)
    }

    @Test("registration, registry and verification through the stack's mail service with a context token")
    func registerThroughTheStack() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let database = TestDatabase.pool()
        try await TestContextTokens.publish(in: database)
        let tenant = try #require(try await TenantDirectory(database: database).tenant(slug: slug))
        let port = stack.mail.address.port
        func call(_ method: String, _ path: String, _ principal: Principal, json: String? = nil) async throws -> RawResponse {
            var headers = ["X-Guichet-Context": try TestContextTokens.token(for: principal, in: tenant.reference)]
            if json != nil { headers["Content-Type"] = "application/json" }
            return try await stack.request(method, path, headers: headers, body: json, port: port)
        }
        let admin = TestContextTokens.tenantAdministrator(of: tenant.id)
        let type = try await call(
            "POST", "/v1/\(slug)/mail/document-types", admin,
            json: #"{"code":"note","name":{"fr":"Note"},"retention":{"months":12,"final_action":"destroy_after_approval"}}"#)
        #expect(type.status == 201)
        let registrar = TestContextTokens.agent(of: tenant.id, roles: [Roles.mailRegistrar])
        let registered = try await call("POST", "/v1/\(slug)/mail/items", registrar, json: Self.registration)
        #expect(registered.status == 201)
        let body = try Stack.json(registered)
        let number = try #require(body["registry_number"] as? String)
        #expect(number.hasSuffix("/I/000001"))
        let registry = try await call("GET", "/v1/\(slug)/mail/registry", registrar)
        #expect(registry.text.contains(number))
        let verify = try await call("GET", "/v1/\(slug)/mail/audit/verify", admin)
        #expect(try Stack.json(verify)["valid"] as? Bool == true)
        // The same context token on another tenant's path is refused.
        let other = try await stack.onboardTenant()
        #expect(try await call("GET", "/v1/\(other)/mail/registry", registrar).status == 401)
        await database.shutdown()
    }

    @Test("the public OpenAPI document carries the mail operations")
    func document() async throws {
        let stack = try await Stack.shared.value
        let merged = try await stack.request("GET", "/v1/openapi.json")
        let paths = (try Stack.json(merged)["paths"] as? [String: Any] ?? [:]).keys
        for path in ["/v1/{tenant}/mail/items", "/v1/{tenant}/mail/registry", "/v1/{tenant}/mail/registry.csv", "/v1/{tenant}/mail/audit/verify"] {
            #expect(paths.contains(path), "\(path)")
        }
    }
}
