import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport

/// Real principals of every kind, signed in through the gateway, in two tenants A and B — what
/// the authorization matrix and the attack tests call the routes with.
struct AuthorizationPrincipals: Sendable {
    /// One principal: its name in reports, its claims (for `AccessRule.allows`) and its bearer token.
    struct Caller: Sendable {
        let name: String
        let principal: Principal
        let token: String?
    }

    let stack: Stack
    let tenantA: TenantReference
    let tenantB: TenantReference
    let callers: [Caller]

    /// The password of the agents made here.
    static let agentPassword = "matrix agent password"

    static func make(_ stack: Stack) async throws -> AuthorizationPrincipals {
        let slugA = try await stack.onboardTenant()
        let slugB = try await stack.onboardTenant()
        let directory = TenantDirectory(database: stack.gateway.runtime.database)
        guard let tenantA = try await directory.tenant(slug: slugA)?.reference,
            let tenantB = try await directory.tenant(slug: slugB)?.reference
        else { throw StackError("tenants not found") }
        var callers = [Caller(name: "anonymous", principal: .anonymous, token: nil)]
        let platform = try await stack.administratorToken()
        callers.append(try await caller("platform administrator", platform, stack))
        callers.append(try await caller("citizen", try await citizen(stack), stack))
        for (label, tenant) in [("A", tenantA), ("B", tenantB)] {
            let admin = try await stack.tenantAdministratorToken(tenant.slug)
            callers.append(try await caller("administrator of \(label)", admin, stack))
            for (variant, roles) in [("every role", Roles.all.sorted()), ("no role", [])] {
                let username = "agent-\(variant == "no role" ? "bare" : "all")"
                try await createAgent(stack, tenant: tenant.slug, admin: admin, username: username, roles: roles)
                let token = try await stack.signIn(username, Self.agentPassword, tenant: tenant.slug)
                callers.append(try await caller("agent of \(label) with \(variant)", token, stack))
            }
            for (variant, scopes) in [("every scope", ServiceScopes.all.sorted()), ("no scope", [])] {
                let token = try await clientToken(stack, tenant: tenant.slug, admin: admin, scopes: scopes)
                callers.append(try await caller("client of \(label) with \(variant)", token, stack))
            }
        }
        return AuthorizationPrincipals(stack: stack, tenantA: tenantA, tenantB: tenantB, callers: callers)
    }

    /// The caller of a token, with the claims the gateway reads from it (`/v1/auth/me`).
    private static func caller(_ name: String, _ token: String, _ stack: Stack) async throws -> Caller {
        let me = try Stack.json(try await stack.request("GET", "/v1/auth/me", headers: ["Authorization": "Bearer \(token)"]))
        guard let subject = me["subject"] as? String, let kind = (me["kind"] as? String).flatMap(Principal.Kind.init(rawValue:)) else {
            throw StackError("no principal for \(name): \(me)")
        }
        let principal = Principal(
            subject: subject, kind: kind, tenantID: (me["tenant"] as? String).flatMap(UUID.init(uuidString:)),
            roles: Set(me["roles"] as? [String] ?? []), units: Set((me["units"] as? [String] ?? []).compactMap(UUID.init(uuidString:))),
            scopes: Set(me["scopes"] as? [String] ?? []))
        return Caller(name: name, principal: principal, token: token)
    }

    static func createAgent(_ stack: Stack, tenant: String, admin: String, username: String, roles: [String], units: [String] = []) async throws {
        let roleList = roles.map { "\"\($0)\"" }.joined(separator: ",")
        let unitList = units.map { "\"\($0)\"" }.joined(separator: ",")
        let created = try await stack.post(
            "/v1/\(tenant)/admin/accounts",
            json: #"{"username":"\#(username)","kind":"agent","display_name":"Agent","password":"\#(agentPassword)","roles":[\#(roleList)],"units":[\#(unitList)]}"#,
            headers: ["Authorization": "Bearer \(admin)"])
        guard created.status == 201 else { throw StackError("agent: \(created.status) \(created.text)") }
    }

    static func clientToken(_ stack: Stack, tenant: String, admin: String, scopes: [String]) async throws -> String {
        let list = scopes.map { "\"\($0)\"" }.joined(separator: ",")
        let created = try Stack.json(try await stack.post(
            "/v1/\(tenant)/admin/clients", json: #"{"name":"Client","scopes":[\#(list)]}"#, headers: ["Authorization": "Bearer \(admin)"]))
        guard let id = created["client_id"] as? String, let secret = created["client_secret"] as? String else {
            throw StackError("client: \(created)")
        }
        let answer = try Stack.json(try await stack.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=client_credentials&client_id=\(id)&client_secret=\(Stack.formEncode(secret))"))
        guard let token = answer["access_token"] as? String else { throw StackError("client token: \(answer)") }
        return token
    }

    /// A citizen's token: sign-up, the code from the outbox stand-in, verification, sign-in.
    static func citizen(_ stack: Stack, email: String? = nil) async throws -> String {
        let email = email ?? "matrix-\(UUID().uuidString.prefix(8).lowercased())@example.ma"
        let password = "citizen password"
        let signedUp = try await stack.post("/v1/auth/citizens", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
        guard signedUp.status == 202, let code = stack.codes.code(for: .email(email)) else {
            throw StackError("citizen sign-up: \(signedUp.status) \(signedUp.text)")
        }
        let verified = try await stack.post("/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#)
        guard verified.status == 200 else { throw StackError("citizen verification: \(verified.status)") }
        return try await stack.signIn(email, password)
    }
}
