import Foundation
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: the OpenAPI document describes every route, and every route is guarded")
struct MailDocumentationTests {
    @Test("routes and document agree")
    func coverage() async throws {
        let harness = try await MailHarness.shared.value
        let document = try #require(harness.service.parts.openAPIDocument)
        #expect(OpenAPICoverage.mismatches(routes: harness.service.routes, document: document) == [])
    }

    @Test("no mail route is open to anyone, and none lets citizens or platform administrators in")
    func guarded() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = TenantReference(id: UUID(), slug: "t", timeZone: "Africa/Casablanca")
        let outsiders = [
            Principal.anonymous, Principal(subject: "account:c", kind: .citizen),
            Principal(subject: "account:p", kind: .platformAdministrator),
            Principal(subject: "account:x", kind: .agent, tenantID: tenant.id, roles: [Roles.complaintsHandler]),
        ]
        for route in harness.service.routes where route.pattern.hasPrefix("/v1/") {
            for principal in outsiders {
                #expect(!route.options.access.allows(principal, in: tenant), "\(route.method) \(route.pattern) lets \(principal.kind) in")
            }
        }
    }
}
