import Foundation
@testable import Appointments
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetTestSupport
import Testing

extension ServiceSuite {
    /// Every route declares who may call it: citizens' routes are open, the desk's need a desk or
    /// manager role, configuration needs a manager or the tenant's administrator. Refusals are 401 for
    /// anonymous callers, 404 for another tenant's principals, 403 otherwise.
    @Suite("Appointments over HTTP: who may call each route")
    struct AccessTests {
        /// The routes open to anyone; every other route must refuse anonymous callers.
        static let publicRoutes: Set<String> = [
            "get /v1/:tenant/appointments/sites", "get /v1/:tenant/appointments/sites/:site", "get /v1/:tenant/appointments/services",
            "get /v1/:tenant/appointments/services/:service", "get /v1/:tenant/appointments/availability",
            "post /v1/:tenant/appointments/holds", "post /v1/:tenant/appointments/verifications",
            "post /v1/:tenant/appointments/verifications/:verification/confirm", "post /v1/:tenant/appointments/bookings",
            "get /v1/:tenant/appointments/bookings/:code", "post /v1/:tenant/appointments/bookings/:code/cancel",
            "post /v1/:tenant/appointments/bookings/:code/move", "get /v1/:tenant/appointments/holidays",
            "get /v1/:tenant/appointments/queue", "post /v1/:tenant/appointments/waiting-list",
            "post /v1/:tenant/appointments/waiting-list/:entry/withdraw",
        ]

        /// The desk's routes (desk agents and managers); the rest are configuration.
        static let deskRoutes: Set<String> = [
            "get /v1/:tenant/appointments/counters", "get /v1/:tenant/appointments/counters/:counter",
            "get /v1/:tenant/appointments/absences", "get /v1/:tenant/appointments/agenda",
            "post /v1/:tenant/appointments/bookings/:code/check-in", "post /v1/:tenant/appointments/bookings/:code/no-show",
            "post /v1/:tenant/appointments/queue/tickets", "post /v1/:tenant/appointments/queue/call",
            "post /v1/:tenant/appointments/queue/tickets/:ticket/serve", "post /v1/:tenant/appointments/queue/tickets/:ticket/no-show",
        ]

        @Test("each route's declared rule is the intended one, and each kind of caller is refused where it must be")
        func matrix() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let other = try await fixture.tenant()
                let appointmentRoutes = fixture.service.routes.filter { $0.pattern.hasPrefix("/v1/:tenant/appointments") }
                #expect(appointmentRoutes.count >= 40)
                let anotherTenantsManager = TestContextTokens.agent(
                    of: other.tenant.id, roles: [Roles.appointmentsManager, Roles.appointmentsDesk])
                let citizen = Principal(subject: "account:\(UUID().uuidString.lowercased())", kind: .citizen)
                let complaintsAgent = TestContextTokens.agent(of: client.tenant.id, roles: [Roles.complaintsHandler])
                for route in appointmentRoutes {
                    let key = "\(route.method.name.lowercased()) \(route.pattern)"
                    let path = route.pattern.replacingOccurrences(of: "/v1/:tenant/appointments", with: "")
                        .split(separator: "/").map { $0.hasPrefix(":") ? (String($0) == ":date" ? "2026-05-05" : UUID().uuidString) : String($0) }
                        .joined(separator: "/")
                    let target = "/" + path + (route.method == .get ? "?site=\(UUID().uuidString)" : "")
                    let body = route.method == .get || route.method == .delete ? nil : "{}"
                    if Self.publicRoutes.contains(key) {
                        #expect(route.options.access == .anyone, "\(key)")
                        continue
                    }
                    // The kit's notification routes (outbox, templates, webhooks): its administrators' rule, tested with the kit.
                    if ["/outbox/", "/notification-templates", "/webhooks/"].contains(where: { route.pattern.hasPrefix("/v1/:tenant/appointments" + $0) }) {
                        #expect(route.options.access == OutboxRoutes.administrators, "\(key)")
                        continue
                    }
                    let expected = Self.deskRoutes.contains(key) ? AppointmentAccess.deskRule : AppointmentAccess.managersRule
                    #expect(route.options.access == expected, "\(key)")
                    let method = route.method.name
                    #expect(try await client.call(method, target, json: body).status == 401, "\(key) anonymous")
                    #expect(try await client.call(method, target, json: body, as: anotherTenantsManager).status == 404, "\(key) other tenant")
                    #expect(try await client.call(method, target, json: body, as: citizen).status == 403, "\(key) citizen")
                    #expect(try await client.call(method, target, json: body, as: complaintsAgent).status == 403, "\(key) other role")
                    if !Self.deskRoutes.contains(key) {
                        #expect(try await client.call(method, target, json: body, as: client.deskAgent).status == 403, "\(key) desk")
                        #expect(try await client.call(method, target, json: body, as: client.administrator).status != 403, "\(key) admin")
                    }
                }
            }
        }

        @Test("a tenant's administrator configures; another tenant's data stays out of sight")
        func administratorsAndTenants() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let site = try await client.call(
                    "POST", "/sites",
                    json: #"{"name":{"fr":"Siège"},"address":{"fr":"Rabat"},"phone":"0537000000","opening_hours":{"monday":["08:00-16:00"]}}"#,
                    as: client.administrator)
                #expect(site.status == 201)
                let id = try #require(TenantClient.object(site)["id"] as? String)
                let other = try await fixture.tenant()
                #expect(try await other.call("GET", "/sites/\(id)").status == 404)
                #expect(try await other.call("GET", "/sites").text == #"{"sites":[]}"#)
                // If-Match: a stale version is refused with the current one.
                let updated = try await client.call(
                    "PUT", "/sites/\(id)",
                    json: #"{"name":{"fr":"Siège central"},"address":{"fr":"Rabat"},"phone":"0537000000","opening_hours":{"monday":["08:00-16:00"]}}"#,
                    as: client.manager, headers: ["If-Match": "\"1\""])
                #expect(updated.status == 200, "\(updated.text)")
                #expect(updated.header("etag") == "\"2\"")
                let stale = try await client.call(
                    "PUT", "/sites/\(id)",
                    json: #"{"name":{"fr":"Autre"},"address":{"fr":"Rabat"},"phone":"0537000000","opening_hours":{}}"#,
                    as: client.manager, headers: ["If-Match": "\"1\""])
                #expect(stale.status == 412)
                #expect(TenantClient.object(stale)["current_version"] as? Int == 2)
                #expect(try await client.call("GET", "/sites/\(id)").header("etag") == "\"2\"")
            }
        }
    }
}
