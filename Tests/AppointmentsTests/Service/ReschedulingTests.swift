import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    /// When the administration takes time away (an absence, a closed day, a holiday), every booking it
    /// affects is moved — to another counter at the same time, else to the next free slot, else listed
    /// as unresolved — and the person is told. Nothing is dropped silently.
    @Suite("Appointments over HTTP: rescheduling after absences, closures and holidays")
    struct ReschedulingTests {
        static func book(_ client: TenantClient, _ setup: Setup, _ start: String, phone: String) async throws -> String {
            let answer = try await client.call(
                "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start, phone: phone))
            guard answer.status == 201, let code = TenantClient.object(answer)["code"] as? String else {
                throw FixtureError("booking \(start): \(answer.status) \(answer.text)")
            }
            return code
        }

        @Test("an absence on one of two counters: the booking keeps its time on the other counter")
        func reassigned() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(counters: 2)
                let code = try await Self.book(client, setup, "2026-05-05T10:00:00+01:00", phone: "0611111111")
                let busy = try await fixture.service.runtime.database.query(
                    "SELECT counter_id::text FROM appointments.bookings WHERE tenant_id = \(client.tenant.id)", tenant: client.tenant.id
                ).single(String.self)
                let absence = try await client.call(
                    "POST", "/absences",
                    json: #"{"counter":"\#(busy)","start":"2026-05-05T08:00:00+01:00","end":"2026-05-05T18:00:00+01:00","reason":"Formation"}"#,
                    as: client.manager)
                #expect(absence.status == 201, "\(absence.text)")
                let affected = try #require(TenantClient.object(absence)["affected_bookings"] as? [[String: Any]])
                #expect(affected.count == 1)
                #expect(affected.first?["code"] as? String == code)
                #expect(affected.allSatisfy { $0["outcome"] as? String == "reassigned" })
                #expect(affected.allSatisfy { $0["start"] as? String == $0["previous_start"] as? String })
                #expect(affected.allSatisfy { $0["counter"] as? String != busy })
                let remaining = try await fixture.service.runtime.database.query(
                    """
                    SELECT count(*) FROM appointments.bookings
                    WHERE tenant_id = \(client.tenant.id) AND counter_id = \(UUID(uuidString: busy)!) AND status = 'confirmed'
                    """,
                    tenant: client.tenant.id
                ).single(Int.self)
                #expect(remaining == 0)
                // Same time: nothing to tell the person, but the reminder is withdrawn and made anew
                // at the booking's next sequence (SMS only: no test process sends SMS, states hold).
                let bookingID = try await fixture.service.runtime.database.query(
                    "SELECT id FROM appointments.bookings WHERE tenant_id = \(client.tenant.id)", tenant: client.tenant.id
                ).single(UUID.self)
                let messages = try await fixture.messages(of: client.tenant)
                #expect(messages.map(\.kind).sorted() == ["confirmation", "reminder", "reminder"])
                let reminders = messages.filter { $0.kind == "reminder" }
                #expect(reminders.filter { $0.status == "cancelled" }.allSatisfy { ReminderIdentity.all(booking: bookingID, sequence: 0).contains($0.id) })
                let kept = reminders.filter { $0.status == "pending" }
                #expect(kept.count == 1 && kept.allSatisfy { ReminderIdentity.all(booking: bookingID, sequence: 1).contains($0.id) })
                #expect(kept.map { RFC3339.formatUTC($0.deliverAfter) } == ["2026-05-05T07:00:00Z"])
            }
        }

        @Test("an absence on the only counter: the booking moves to the next free slot and the person is told")
        func rescheduled() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let code = try await Self.book(client, setup, "2026-05-05T10:00:00+01:00", phone: "0611111111")
                _ = try await Self.book(client, setup, "2026-05-05T11:00:00+01:00", phone: "0622222222")
                let absence = try await client.call(
                    "POST", "/absences",
                    json: #"{"counter":"\#(setup.counters[0])","start":"2026-05-05T10:00:00+01:00","end":"2026-05-05T10:30:00+01:00"}"#,
                    as: client.manager)
                let affected = try #require(TenantClient.object(absence)["affected_bookings"] as? [[String: Any]])
                #expect(affected.count == 1)
                #expect(affected.first?["code"] as? String == code)
                #expect(affected.first?["outcome"] as? String == "rescheduled")
                #expect(affected.first?["start"] as? String == "2026-05-05T10:30:00+01:00")
                let read = try await client.call("GET", "/bookings/\(code)")
                #expect(TenantClient.object(read)["start"] as? String == "2026-05-05T10:30:00+01:00")
                let messages = try await fixture.messages(of: client.tenant)
                let told = messages.filter { $0.kind == "rescheduled" }
                #expect(told.count == 1)
                #expect(told.first?.variables["time"] == "10:30")
                #expect(told.first?.text().contains(code) == true)
            }
        }

        @Test("a closed day with no other slot in the window: the booking is listed unresolved and the person asked to call")
        func unresolved() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(
                    services: [#"{"name":{"fr":"Passeport"},"duration_minutes":30,"booking_window":{"minimum_notice_minutes":0,"maximum_horizon_minutes":2880}}"#],
                    schedule: ConcurrencyTests.oneSlot)
                let code = try await Self.book(client, setup, "2026-05-05T08:30:00+01:00", phone: "0611111111")
                _ = try await Self.book(client, setup, "2026-05-06T08:30:00+01:00", phone: "0622222222")
                let closure = try await client.call(
                    "POST", "/sites/\(setup.site)/closures", json: #"{"date":"2026-05-05","reason":"Travaux"}"#, as: client.manager)
                #expect(closure.status == 201, "\(closure.text)")
                let affected = try #require(TenantClient.object(closure)["affected_bookings"] as? [[String: Any]])
                #expect(affected.count == 1)
                #expect(affected.first?["code"] as? String == code)
                #expect(affected.first?["outcome"] as? String == "unresolved")
                let messages = try await fixture.messages(of: client.tenant).filter { $0.kind == "unresolved" }
                #expect(messages.count == 1)
                #expect(messages.first?.text().contains("+212 5 37 00 00 00") == true)
                // Kept, for an agent to call: not dropped.
                let read = try await client.call("GET", "/bookings/\(code)")
                #expect(TenantClient.object(read)["status"] as? String == "confirmed")
            }
        }

        @Test("a holiday added later moves the bookings of its day at every site; a closed counter day too")
        func holidayAndException() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let code = try await Self.book(client, setup, "2026-05-12T10:00:00+01:00", phone: "0611111111")
                let holiday = try await client.call(
                    "POST", "/holidays", json: #"{"name":{"fr":"Aïd al-Fitr"},"date":"2026-05-12","days":2}"#, as: client.manager)
                #expect(holiday.status == 201)
                let affected = try #require(TenantClient.object(holiday)["affected_bookings"] as? [[String: Any]])
                #expect(affected.first?["outcome"] as? String == "rescheduled")
                #expect(affected.first?["start"] as? String == "2026-05-14T08:30:00+01:00")
                #expect(TenantClient.object(try await client.call("GET", "/bookings/\(code)"))["start"] as? String == "2026-05-14T08:30:00+01:00")

                let exception = try await client.call(
                    "PUT", "/counters/\(setup.counters[0])/exceptions/2026-05-14", json: #"{"hours":["14:00-16:30"],"reason":"Réunion"}"#,
                    as: client.manager)
                #expect(exception.status == 200, "\(exception.text)")
                let moved = try #require(TenantClient.object(exception)["affected_bookings"] as? [[String: Any]])
                #expect(moved.first?["start"] as? String == "2026-05-14T14:00:00+01:00")
                let counter = try await client.call("GET", "/counters/\(setup.counters[0])", as: client.deskAgent)
                #expect((TenantClient.object(counter)["exceptions"] as? [[String: Any]])?.first?["hours"] as? [String] == ["14:00-16:30"])
                #expect(try await client.call("DELETE", "/counters/\(setup.counters[0])/exceptions/2026-05-14", as: client.manager).status == 204)
                #expect(try await client.call("DELETE", "/counters/\(setup.counters[0])/exceptions/2026-05-14", as: client.manager).status == 404)
            }
        }
    }
}
