import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    @Suite("Appointments over HTTP: statistics and CSV export")
    struct StatisticsReportTests {
        @Test("bookings by channel, no-show rate, lead time, utilisation, queue waits; the export lists the period's bookings")
        func statisticsAndExport() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T08:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(
                    services: [#"{"name":{"fr":"Passeport","en":"Passport"},"duration_minutes":30,"booking_window":{"minimum_notice_minutes":0}}"#])
                var codes: [String] = []
                for (index, start) in ["2026-05-04T09:00:00+01:00", "2026-05-04T09:30:00+01:00", "2026-05-05T09:00:00+01:00"].enumerated() {
                    let answer = try await client.call(
                        "POST", "/bookings",
                        json: client.bookingJSON(
                            site: setup.site, service: setup.services[0], start: start, phone: "061111111\(index)", channel: index == 2 ? "phone" : nil),
                        as: index == 2 ? client.deskAgent : .anonymous)
                    codes.append(try #require(TenantClient.object(answer)["code"] as? String, "\(answer.text)"))
                }
                fixture.clock.set(to: RFC3339.parse("2026-05-04T08:55:00+01:00")!)
                #expect(try await client.call("POST", "/bookings/\(codes[0])/check-in", as: client.deskAgent).status == 200)
                fixture.clock.set(to: RFC3339.parse("2026-05-04T09:10:00+01:00")!)
                let called = try await client.call(
                    "POST", "/queue/call", json: #"{"site":"\#(setup.site)","counter":"\#(setup.counters[0])"}"#, as: client.deskAgent)
                let ticket = try #require(TenantClient.object(called)["id"] as? String)
                #expect(try await client.call("POST", "/queue/tickets/\(ticket)/serve", as: client.deskAgent).status == 200)
                fixture.clock.set(to: RFC3339.parse("2026-05-04T09:45:00+01:00")!)
                #expect(try await client.call("POST", "/bookings/\(codes[1])/no-show", as: client.deskAgent).status == 200)

                let answer = try await client.call("GET", "/statistics?from=2026-05-04&to=2026-05-05", as: client.manager)
                #expect(answer.status == 200, "\(answer.text)")
                let report = TenantClient.object(answer)
                let bookings = try #require(report["bookings"] as? [String: Any])
                #expect(bookings["total"] as? Int == 3)
                #expect((bookings["by_channel"] as? [String: Int]) == ["web": 2, "phone": 1, "mobile": 0, "desk": 0])
                #expect((bookings["by_status"] as? [String: Int])?["completed"] == 1)
                #expect(report["no_show_rate"] as? Double == 0.5)
                #expect(report["booked_minutes"] as? Int == 90)
                // One counter open 08:30–16:30 on two days.
                #expect(report["open_minutes"] as? Int == 960)
                let queue = try #require(report["queue"] as? [String: Any])
                #expect(queue["tickets_issued"] as? Int == 1 && queue["tickets_served"] as? Int == 1)
                #expect(queue["average_wait_minutes"] as? Double == 15)
                #expect((report["average_lead_time_hours"] as? Double).map { $0 > 0 } == true)

                let csv = try await client.call("GET", "/exports/bookings.csv?from=2026-05-04&to=2026-05-05", as: client.manager, headers: ["Accept-Language": "en"])
                #expect(csv.status == 200)
                #expect(csv.header("content-type") == "text/csv; charset=utf-8")
                let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
                #expect(lines.count == 4)
                #expect(lines.first == "code,site,service,counter,start,end,status,channel,booked_at,lead_time_hours")
                #expect(lines[1].hasPrefix(codes[0] + ",Agdal office,Passport,Guichet 1,2026-05-04T09:00:00+01:00"))
                #expect(try await client.call("GET", "/statistics?from=2026-05-04&to=2026-05-05", as: client.deskAgent).status == 403)
                #expect(try await client.call("GET", "/statistics?from=2026-05-04", as: client.manager).status == 422)
            }
        }
    }
}
