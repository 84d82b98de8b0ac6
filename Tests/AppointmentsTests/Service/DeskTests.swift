import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    @Suite("Appointments over HTTP: the desk — agenda, check-in, queue, no-shows")
    struct DeskTests {
        @Test("the day's agenda shows contacts to agents; check-in issues a ticket; due appointments are called first; serving completes")
        func agendaCheckInAndQueue() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T08:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(
                    services: [#"{"name":{"fr":"Passeport"},"duration_minutes":30,"booking_window":{"minimum_notice_minutes":0},"ticket_prefix":"P"}"#])
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-04T09:00:00+01:00", email: "amal@example.ma"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)

                let agenda = try await client.call("GET", "/agenda?site=\(setup.site)&date=2026-05-04", as: client.deskAgent)
                #expect(agenda.status == 200)
                let entries = try #require(TenantClient.object(agenda)["bookings"] as? [[String: Any]])
                #expect(entries.count == 1)
                #expect((entries.first?["contact"] as? [String: Any])?["phone"] as? String == "+212612345678")
                #expect(entries.first?["counter_label"] as? String == "Guichet 1")
                #expect(try await client.call("GET", "/agenda?site=\(setup.site)&date=2026-05-05", as: client.deskAgent).text.contains(#""bookings":[]"#))
                #expect(try await client.call("GET", "/agenda?site=\(setup.site)").status == 401)

                // A walk-in first, then the visitor with a booking checks in.
                let walkIn = try await client.call(
                    "POST", "/queue/tickets", json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])"}"#, as: client.deskAgent)
                #expect(walkIn.status == 201, "\(walkIn.text)")
                #expect(TenantClient.object(walkIn)["label"] as? String == "P001")
                fixture.clock.set(to: RFC3339.parse("2026-05-04T08:55:00+01:00")!)
                let checkedIn = try await client.call("POST", "/bookings/\(code)/check-in", as: client.deskAgent)
                #expect(checkedIn.status == 200, "\(checkedIn.text)")
                let ticket = try #require(TenantClient.object(checkedIn)["ticket"] as? [String: Any])
                #expect(ticket["label"] as? String == "P002")
                #expect((TenantClient.object(checkedIn)["booking"] as? [String: Any])?["status"] as? String == "checked_in")
                #expect(try await client.call("POST", "/bookings/\(code)/check-in", as: client.deskAgent).status == 409)

                let live = try await client.call("GET", "/queue?site=\(setup.site)")
                #expect(live.status == 200)
                #expect(TenantClient.object(live)["waiting"] as? Int == 2)
                #expect(TenantClient.object(live)["tickets"] == nil)
                let forDesk = try await client.call("GET", "/queue?site=\(setup.site)", as: client.deskAgent)
                #expect((TenantClient.object(forDesk)["tickets"] as? [Any])?.count == 2)

                // At 09:00 the appointment is due: it is called before the walk-in who came earlier.
                fixture.clock.set(to: RFC3339.parse("2026-05-04T09:00:00+01:00")!)
                let call = #"{"site":"\#(setup.site)","counter":"\#(setup.counters[0])"}"#
                let first = try await client.call("POST", "/queue/call", json: call, as: client.deskAgent)
                #expect(TenantClient.object(first)["label"] as? String == "P002")
                let firstID = try #require(TenantClient.object(first)["id"] as? String)
                let called = try await client.call("GET", "/queue?site=\(setup.site)")
                #expect((TenantClient.object(called)["called"] as? [[String: Any]])?.first?["label"] as? String == "P002")
                #expect(try await client.call("POST", "/queue/tickets/\(firstID)/serve", as: client.deskAgent).status == 200)
                #expect(try await client.call("POST", "/queue/tickets/\(firstID)/serve", as: client.deskAgent).status == 200)
                #expect(try await client.call("POST", "/queue/tickets/\(firstID)/no-show", as: client.deskAgent).status == 409)
                let read = try await client.call("GET", "/bookings/\(code)")
                #expect(TenantClient.object(read)["status"] as? String == "completed")

                let second = try await client.call("POST", "/queue/call", json: call, as: client.deskAgent)
                #expect(TenantClient.object(second)["label"] as? String == "P001")
                let secondID = try #require(TenantClient.object(second)["id"] as? String)
                #expect(try await client.call("POST", "/queue/tickets/\(secondID)/no-show", as: client.deskAgent).status == 200)
                let empty = try await client.call("POST", "/queue/call", json: call, as: client.deskAgent)
                #expect(empty.status == 204)
                #expect(try await client.call("POST", "/queue/tickets/\(UUID().uuidString)/serve", as: client.deskAgent).status == 404)
            }
        }

        @Test("a no-show only after the grace period; check-in only shortly before the start")
        func noShowAndCheckInWindows() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T08:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let booked = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T10:00:00+01:00"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                let early = try await client.call("POST", "/bookings/\(code)/check-in", as: client.deskAgent)
                #expect(early.status == 409)
                #expect(TenantClient.object(early)["code"] as? String == "check_in_not_open")
                fixture.clock.set(to: RFC3339.parse("2026-05-05T10:10:00+01:00")!)
                let tooSoon = try await client.call("POST", "/bookings/\(code)/no-show", as: client.deskAgent)
                #expect(tooSoon.status == 409)
                fixture.clock.set(to: RFC3339.parse("2026-05-05T10:15:00+01:00")!)
                let noShow = try await client.call("POST", "/bookings/\(code)/no-show", as: client.deskAgent)
                #expect(noShow.status == 200)
                #expect(TenantClient.object(noShow)["status"] as? String == "no_show")
                #expect(try await client.call("POST", "/bookings/\(code)/no-show").status == 401)
            }
        }
    }
}
