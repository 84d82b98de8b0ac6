import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    /// Africa/Casablanca moves from UTC+1 to UTC+0 for Ramadan (2026-02-15 at 03:00 local) and back
    /// (2026-03-22 at 02:00 local): a weekly 08:30–16:30 schedule still opens at 08:30 on the wall
    /// clock every day, stored instants follow, and reminders and calendar files speak local time.
    @Suite("Appointments over HTTP: Morocco's Ramadan offset changes")
    struct TimeTransitionTests {
        @Test("08:30 is offered every day across both changes, nothing missing or doubled, with the offset of each day")
        func eightThirtyEveryDay() async throws {
            try await AppointmentsFixture.run(now: "2026-02-01T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let answer = try await client.call(
                    "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2026-02-10&to=2026-03-28")
                #expect(answer.status == 200, "\(answer.text)")
                let slots = try #require(TenantClient.object(answer)["slots"] as? [[String: Any]])
                let starts = slots.compactMap { $0["start"] as? String }
                #expect(Set(starts).count == starts.count)
                var byDay: [String: [String]] = [:]
                for start in starts { byDay[String(start.prefix(10)), default: []].append(start) }
                var date = try #require(LocalDate("2026-02-10"))
                let last = try #require(LocalDate("2026-03-28"))
                while date <= last {
                    let day = try #require(byDay[date.description], "no slot on \(date)")
                    let offset = date >= LocalDate("2026-02-15")! && date < LocalDate("2026-03-22")! ? "+00:00" : "+01:00"
                    #expect(day.count == 16, "\(date)")
                    #expect(day.first == "\(date)T08:30:00\(offset)", "\(date)")
                    #expect(day.last == "\(date)T16:00:00\(offset)", "\(date)")
                    date = date.adding(days: 1)
                }
                #expect(byDay.count == 47)
            }
        }

        @Test("bookings made before a change for dates after it: right instants, local times in the answers, reminders and .ics")
        func bookingAcrossTheChange() async throws {
            try await AppointmentsFixture.run(now: "2026-02-10T10:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let site = setup.site
                let service = setup.services[0]

                // During Ramadan (UTC+0): 08:30 local is 08:30Z.
                let ramadan = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: site, service: service, start: "2026-02-20T08:30:00+00:00", phone: "0611111111"))
                #expect(ramadan.status == 201, "\(ramadan.text)")
                #expect(TenantClient.object(ramadan)["start"] as? String == "2026-02-20T08:30:00+00:00")
                // After Ramadan (UTC+1 again), booked while the clocks still show UTC+1 before the first
                // change: 08:30 local is 07:30Z. The same instant written in UTC is the same slot.
                let after = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: site, service: service, start: "2026-03-23T07:30:00Z", phone: "0622222222"))
                #expect(after.status == 201, "\(after.text)")
                #expect(TenantClient.object(after)["start"] as? String == "2026-03-23T08:30:00+01:00")
                let code = try #require(TenantClient.object(after)["code"] as? String)

                // The offset of the day of booking, wrongly kept for a date during Ramadan, names 07:30
                // local: before the counter opens.
                let wrongOffset = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: site, service: service, start: "2026-02-21T08:30:00+01:00", phone: "0633333333"))
                #expect(wrongOffset.status == 422)
                #expect(TenantClient.object(wrongOffset)["code"] as? String == "slot_outside_opening_hours")

                let stored = try await fixture.service.runtime.database.query(
                    "SELECT starts_at FROM appointments.bookings WHERE tenant_id = \(client.tenant.id) ORDER BY starts_at",
                    tenant: client.tenant.id
                ).map { try $0.decode(Date.self) }
                #expect(stored == [RFC3339.parse("2026-02-20T08:30:00Z")!, RFC3339.parse("2026-03-23T07:30:00Z")!])

                let read = try await client.call("GET", "/bookings/\(code)")
                #expect(TenantClient.object(read)["start"] as? String == "2026-03-23T08:30:00+01:00")

                // Reminders 48 h and 2 h before, as instants, with the local time of the appointment.
                let reminders = try await fixture.messages(of: client.tenant).filter { $0.kind == "reminder" }
                let due = reminders.map { RFC3339.formatUTC($0.deliverAfter) }
                #expect(due == ["2026-02-18T08:30:00Z", "2026-02-20T06:30:00Z", "2026-03-21T07:30:00Z", "2026-03-23T05:30:00Z"])
                for reminder in reminders.suffix(2) {
                    #expect(reminder.variables["time"] == "08:30")
                    #expect(reminder.variables["date"] == "23/03/2026")
                    #expect(reminder.text().contains("23/03/2026 à 08:30"))
                }
                #expect(reminders.prefix(2).allSatisfy { $0.variables["time"] == "08:30" })

                let calendar = try await client.call("GET", "/bookings/\(code).ics")
                let ics = calendar.text
                #expect(ics.contains("DTSTART;TZID=Africa/Casablanca:20260323T083000\r\n"))
                #expect(ics.contains("DTEND;TZID=Africa/Casablanca:20260323T090000\r\n"))
                #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Africa/Casablanca\r\n"))
                #expect(ics.contains("DTSTART:20260322T020000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n"))
                #expect(ics.contains("TRIGGER:-P2D\r\n") && ics.contains("TRIGGER:-PT2H\r\n"))
            }
        }

        @Test("a night schedule on the days of change: the skipped hour gives no slot, the repeated hour one slot")
        func nightsOfTheChanges() async throws {
            try await AppointmentsFixture.run(now: "2026-02-10T10:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(
                    services: [#"{"name":{"fr":"Permanence de nuit"},"duration_minutes":60,"booking_window":{"minimum_notice_minutes":0}}"#],
                    schedule: #"{"sunday":["01:00-04:00"]}"#, siteHours: #"{"sunday":["00:00-24:00"]}"#)
                func starts(_ date: String) async throws -> [String] {
                    let answer = try await client.call(
                        "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=\(date)&to=\(date)")
                    return (TenantClient.object(answer)["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
                }
                // 15 February: at 03:00 (UTC+1) the clocks go back to 02:00 (UTC+0); 02:00 happens twice.
                #expect(try await starts("2026-02-15") == ["2026-02-15T01:00:00+01:00", "2026-02-15T02:00:00+01:00", "2026-02-15T03:00:00+00:00"])
                // 22 March: at 02:00 (UTC+0) the clocks jump to 03:00 (UTC+1); 02:00 never happens.
                #expect(try await starts("2026-03-22") == ["2026-03-22T01:00:00+00:00", "2026-03-22T03:00:00+01:00"])
                // 02:00 written with the old offset is the instant the clocks show 03:00: that slot. A
                // wall time inside the skipped hour names an instant of the hour before, off the grid.
                let jumped = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-03-22T02:00:00+00:00"))
                #expect(jumped.status == 201)
                #expect(TenantClient.object(jumped)["start"] as? String == "2026-03-22T03:00:00+01:00")
                let skipped = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-03-22T02:30:00+01:00", phone: "0699999999"))
                #expect(skipped.status == 422)
                #expect(TenantClient.object(skipped)["code"] as? String == "slot_not_on_grid")
            }
        }
    }
}
