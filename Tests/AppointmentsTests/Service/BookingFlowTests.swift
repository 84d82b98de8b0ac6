import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    @Suite("Appointments over HTTP: availability, a booking, reading it by code")
    struct BookingFlowTests {
        @Test("a citizen sees free slots with offsets, books one, reads it by code and downloads its .ics")
        func bookAndRead() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let query = "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2026-05-05&to=2026-05-05"
                let availability = try await client.call("GET", query)
                #expect(availability.status == 200, "\(availability.text)")
                let slots = try #require(TenantClient.object(availability)["slots"] as? [[String: Any]])
                #expect(slots.count == 16)
                #expect(slots.first?["start"] as? String == "2026-05-05T08:30:00+01:00")
                #expect(slots.first?["end"] as? String == "2026-05-05T09:00:00+01:00")
                #expect(slots.first?["remaining"] as? Int == 1)
                #expect(TenantClient.object(availability)["time_zone"] as? String == "Africa/Casablanca")

                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T08:30:00+01:00"))
                #expect(booked.status == 201, "\(booked.text)")
                let answer = TenantClient.object(booked)
                let code = try #require(answer["code"] as? String)
                #expect(code.range(of: #"^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$"#, options: .regularExpression) != nil)
                #expect(booked.header("location") == "/v1/\(client.tenant.slug)/appointments/bookings/\(code)")
                #expect(answer["status"] as? String == "confirmed")
                #expect(answer["start"] as? String == "2026-05-05T08:30:00+01:00")
                #expect(answer["end"] as? String == "2026-05-05T09:00:00+01:00")
                #expect(answer["cancellable_until"] as? String == "2026-05-04T08:30:00+01:00")

                for spelling in [code, code.lowercased(), code.replacingOccurrences(of: "-", with: "")] {
                    #expect(try await client.call("GET", "/bookings/\(spelling)").status == 200, "\(spelling)")
                }
                let read = try await client.call("GET", "/bookings/\(code)")
                #expect(!read.text.contains("612345678") && !read.text.contains("Amal"))
                let asAgent = try await client.call("GET", "/bookings/\(code)", as: client.deskAgent)
                #expect((TenantClient.object(asAgent)["contact"] as? [String: Any])?["phone"] as? String == "+212612345678")
                #expect(TenantClient.object(asAgent)["counter"] as? String == "Guichet 1")
                for bad in ["abc", String(repeating: "Z", count: 300), "'%20OR%201=1--", "\(code).pdf"] {
                    #expect(try await client.call("GET", "/bookings/\(bad)").status == 404, "\(bad)")
                }

                let calendar = try await client.call("GET", "/bookings/\(code).ics", headers: ["Accept-Language": "en"])
                #expect(calendar.status == 200)
                #expect(calendar.header("content-type") == "text/calendar; charset=utf-8")
                #expect(calendar.header("content-disposition") == "attachment; filename=\"rendez-vous-\(code).ics\"")
                #expect(calendar.text.contains("DTSTART;TZID=Africa/Casablanca:20260505T083000\r\n"))
                #expect(calendar.text.contains("SUMMARY;LANGUAGE=en:Passport — Agdal office\r\n"))

                let after = try await client.call("GET", query)
                let left = try #require(TenantClient.object(after)["slots"] as? [[String: Any]])
                #expect(left.count == 15)
                #expect(left.first?["start"] as? String == "2026-05-05T09:00:00+01:00")

                let messages = try await fixture.messages(of: client.tenant)
                #expect(messages.filter { $0.kind == "confirmation" }.count == 1)
                // Booked 23.5 hours ahead: the 48-hour reminder is past, the 2-hour one is due.
                #expect(messages.filter { $0.kind == "reminder" }.map { RFC3339.formatUTC($0.deliverAfter) } == ["2026-05-05T05:30:00Z"])
            }
        }
    }
}
