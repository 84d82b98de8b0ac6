import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

@Suite("Appointments over HTTP: availability, holds, bookings by code")
struct BookingFlowTests {
    @Test("a citizen sees free slots with offsets, books one, reads it by code and downloads its .ics")
    func bookAndRead() async throws {
        try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
        let client = try await fixture.tenant()
        let setup = try await client.configure()
        let availability = try await client.call(
            "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2026-05-05&to=2026-05-05")
        #expect(availability.status == 200, "\(availability.text)")
        let slots = try #require(TenantClient.object(availability)["slots"] as? [[String: Any]])
        #expect(slots.count == 16)
        #expect(slots.first?["start"] as? String == "2026-05-05T08:30:00+01:00")
        #expect(slots.first?["end"] as? String == "2026-05-05T09:00:00+01:00")
        #expect(slots.first?["remaining"] as? Int == 1)

        let booked = try await client.call(
            "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T08:30:00+01:00"))
        #expect(booked.status == 201, "\(booked.text)")
        let answer = TenantClient.object(booked)
        let code = try #require(answer["code"] as? String)
        #expect(answer["status"] as? String == "confirmed")
        #expect(answer["start"] as? String == "2026-05-05T08:30:00+01:00")
        #expect(answer["end"] as? String == "2026-05-05T09:00:00+01:00")

        let read = try await client.call("GET", "/bookings/\(code)")
        #expect(read.status == 200)
        #expect(!read.text.contains("612345678") && !read.text.contains("Amal"))
        let calendar = try await client.call("GET", "/bookings/\(code).ics")
        #expect(calendar.status == 200)
        #expect(calendar.header("content-type")?.hasPrefix("text/calendar") == true)
        #expect(calendar.text.contains("DTSTART;TZID=Africa/Casablanca:20260505T083000"))

        let after = try await client.call(
            "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2026-05-05&to=2026-05-05")
        let left = try #require(TenantClient.object(after)["slots"] as? [[String: Any]])
        #expect(left.count == 15)
        #expect(left.first?["start"] as? String == "2026-05-05T09:00:00+01:00")
        }
    }
}
