import Foundation
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetTestSupport
import Testing

/// Every route of every service and of the gateway, as they exist when the tests run (enumerated
/// from `RunningService.routes`, so a route added later is in the matrix at once), called by
/// every kind of principal, of the path's tenant and of another: each combination that its
/// declared `AccessRule` refuses — and every principal bound to another tenant, whatever the rule —
/// must be refused, with 401 (anonymous), 404 (another tenant's principal: nothing is revealed) or
/// 403 (anyone else). Combinations the rule admits must not meet 401 or 403. Service routes are
/// checked through the gateway with real tokens, and straight at the service with context tokens
/// (services authorise from the context token alone).
@Suite("Authorization matrix", .serialized)
struct AuthorizationMatrixTests {
    /// A route under test.
    struct Entry {
        let service: String
        let route: Route
        let direct: UInt16?
    }

    static func entries(_ stack: Stack) -> [Entry] {
        var entries: [Entry] = []
        for (name, service) in [("gateway", stack.gateway), ("complaints", stack.complaints), ("appointments", stack.appointments), ("mail", stack.mail)] {
            for route in service.routes where !route.pattern.contains("**") {
                entries.append(Entry(service: name, route: route, direct: name == "gateway" ? nil : service.address.port))
            }
        }
        return entries
    }

    /// The path of `pattern` with its parameters filled: the tenant, and a value no resource has.
    static func path(_ pattern: String, tenant: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            switch segment {
            case ":tenant": return tenant
            case ":slug": return "no-such-tenant-x"
            default: return segment.hasPrefix(":") ? UUID().uuidString.lowercased() : String(segment)
            }
        }.joined(separator: "/")
    }

    /// The refusal a combination must get, or nil when the rule admits it.
    static func expectedRefusal(_ rule: AccessRule, _ principal: Principal, _ tenant: TenantReference?) -> Int? {
        if let tenant, let own = principal.tenantID, own != tenant.id { return 404 }
        if rule.allows(principal, in: tenant) { return nil }
        return principal.kind == .anonymous ? 401 : 403
    }

    @Test("every route × every principal × own or other tenant: refused exactly where its rule says")
    func matrix() async throws {
        let stack = try await Stack.shared.value
        let principals = try await AuthorizationPrincipals.make(stack)
        try await TestContextTokens.publish(in: stack.gateway.runtime.database)
        let entries = Self.entries(stack)
        var failures: [String] = []
        var refusalsChecked = 0
        var admissionsChecked = 0
        var servicesSeen: Set<String> = []

        for entry in entries {
            let pattern = entry.route.pattern
            let tenant: TenantReference? = pattern.contains(":tenant") ? principals.tenantA : nil
            let path = Self.path(pattern, tenant: principals.tenantA.slug)
            let method = entry.route.method
            let body: String? = [.post, .put, .patch].contains(method) ? "{}" : nil
            let viaGateway = entry.direct == nil || pattern.hasPrefix("/v1/:tenant/\(entry.service)")
            for caller in principals.callers {
                let expected = Self.expectedRefusal(entry.route.options.access, caller.principal, tenant)
                if expected == nil && entry.route.options.access == .anyone { continue }
                if viaGateway {
                    var headers: [String: String] = [:]
                    if let token = caller.token { headers["Authorization"] = "Bearer \(token)" }
                    if body != nil { headers["Content-Type"] = "application/json" }
                    let response = try await stack.request(method.name, path, headers: headers, body: body)
                    if let expected {
                        refusalsChecked += 1
                        if response.status != expected {
                            failures.append("\(method.name) \(pattern) by \(caller.name) via the gateway: \(response.status), expected \(expected)")
                        }
                    } else {
                        admissionsChecked += 1
                        if response.status == 401 || response.status == 403 {
                            failures.append("\(method.name) \(pattern) by \(caller.name) via the gateway: \(response.status), expected admission")
                        }
                    }
                }
                if let port = entry.direct, let tenant {
                    // Straight at the service, as if the gateway had let the call through.
                    var headers = ["X-Guichet-Context": try TestContextTokens.token(for: caller.principal, in: tenant)]
                    if body != nil { headers["Content-Type"] = "application/json" }
                    let response = try await stack.request(method.name, path, headers: headers, body: body, port: port)
                    if let expected {
                        refusalsChecked += 1
                        if response.status != expected {
                            failures.append("\(method.name) \(pattern) by \(caller.name) at \(entry.service): \(response.status), expected \(expected)")
                        }
                    } else if response.status == 401 || response.status == 403 {
                        failures.append("\(method.name) \(pattern) by \(caller.name) at \(entry.service): \(response.status), expected admission")
                    }
                }
                servicesSeen.insert(entry.service)
            }
        }
        #expect(failures == [])
        // The matrix is not vacuous: the gateway's and a service's routes were exercised both ways.
        #expect(servicesSeen.isSuperset(of: ["gateway", "complaints"]))
        #expect(refusalsChecked > 300)
        #expect(admissionsChecked > 20)
        #expect(entries.contains { $0.route.pattern.hasPrefix("/v1/:tenant/admin/") })
    }

    @Test("the matrix grows with the routes: each service's routes are enumerated, none skipped but the catch-alls")
    func enumeration() async throws {
        let stack = try await Stack.shared.value
        let entries = Self.entries(stack)
        for service in [stack.gateway, stack.complaints, stack.appointments, stack.mail] {
            let listed = entries.filter { $0.route.pattern == "/healthz" }.count
            #expect(listed >= 1)
            #expect(service.routes.filter { !$0.pattern.contains("**") }.count >= 4)
        }
        #expect(entries.count == [stack.gateway, stack.complaints, stack.appointments, stack.mail]
            .map { $0.routes.filter { !$0.pattern.contains("**") }.count }.reduce(0, +))
    }
}
