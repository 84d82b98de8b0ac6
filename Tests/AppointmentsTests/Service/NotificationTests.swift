import Foundation
@testable import Appointments
import GuichetCore
import GuichetNotifications
import GuichetTestSupport
import Testing

extension ServiceSuite {
    @Suite("Appointments' messages in the kit outbox: confirmations, reminders at their instant, withdrawals, webhook events")
    struct NotificationTests {
        // The clocks here are years ahead of the database's: every message stays due in its future,
        // whatever dispatcher with an email channel runs meanwhile (the end-to-end tests' does).
        /// Subscribes an endpoint of the tenant to every booking event (never reachable: `.invalid`).
        func subscribe(_ fixture: AppointmentsFixture, _ client: TenantClient) async throws {
            _ = try await WebhookStore(database: fixture.service.runtime.database, outbox: MessageOutbox.outbox).create(
                url: "https://hooks.invalid/appointments", eventTypes: AppointmentEvents.catalog.names, description: nil,
                secret: WebhookSecret.generate(), tenant: client.tenant.id)
        }

        /// The id of the booking `code` (the citizens' view of a booking does not show it).
        func bookingID(_ code: String, _ fixture: AppointmentsFixture, _ client: TenantClient) async throws -> UUID {
            let canonical = try #require(BookingCode(code)?.canonical)
            return try await fixture.service.runtime.database.query(
                "SELECT id FROM appointments.bookings WHERE tenant_id = \(client.tenant.id) AND code = \(canonical)", tenant: client.tenant.id
            ).single(UUID.self)
        }

        @Test("a booking records its confirmation now and its reminders at their instants, by email and SMS, in the person's language")
        func confirmationAndReminders() async throws {
            try await AppointmentsFixture.run(now: "2031-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                try await subscribe(fixture, client)
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(
                        site: setup.site, service: setup.services[0], start: "2031-05-07T10:00:00+01:00", email: "amal@example.ma",
                        extra: #""language":"ar""#))
                #expect(booked.status == 201, "\(booked.text)")
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                let bookingID = try await bookingID(code, fixture, client)

                let messages = try await fixture.messages(of: client.tenant)
                let confirmations = messages.filter { $0.kind == "confirmation" }
                #expect(confirmations.map(\.template).sorted() == ["appointment.confirmation", "appointment.confirmation.sms"])
                #expect(Set(confirmations.map(\.destination)) == ["amal@example.ma", "+212612345678"])
                #expect(confirmations.allSatisfy { $0.deliverAfter == fixture.clock.now && $0.status == "pending" })
                let email = try #require(confirmations.first { $0.channel == "email" })
                #expect(email.variables["code"] == code)
                #expect(email.variables["date"] == "07/05/2031" && email.variables["time"] == "10:00")
                #expect(email.variables["site"] == "وكالة أكدال" && email.variables["address"] == "1 avenue de France, Rabat")
                #expect(email.variables["start"] == "2031-05-07T10:00:00+01:00")
                #expect(email.text(in: .ar).contains("تم تأكيد موعدك: جواز السفر، وكالة أكدال، يوم 07/05/2031 على الساعة 10:00. الرمز: \(code)."))

                // 48 hours and 2 hours before 10:00 local (UTC+1): 09:00Z two days before, and 07:00Z.
                let reminders = messages.filter { $0.kind == "reminder" }
                #expect(reminders.map { RFC3339.formatUTC($0.deliverAfter) }.sorted()
                    == ["2031-05-05T09:00:00Z", "2031-05-05T09:00:00Z", "2031-05-07T07:00:00Z", "2031-05-07T07:00:00Z"])
                #expect(Set(reminders.map(\.id)).isSubset(of: ReminderIdentity.all(booking: bookingID, sequence: 0)))
                #expect(reminders.allSatisfy { $0.status == "pending" && $0.variables["code"] == code })

                let events = try await fixture.events(of: client.tenant)
                #expect(events.map(\.type) == ["appointment.booked"])
                let data = try #require(events.first?.body["data"] as? [String: Any])
                #expect(data["id"] as? String == bookingID.lowercaseString && data["by"] as? String == "holder")
                #expect(data["start"] as? String == "2031-05-07T10:00:00+01:00" && data["sequence"] as? Int == 0)
                #expect(data["code"] == nil && data["contact"] == nil)
            }
        }

        @Test("cancelling withdraws the pending reminders, keeps the confirmation, and tells the person and the tenant's systems")
        func cancellationWithdrawsReminders() async throws {
            try await AppointmentsFixture.run(now: "2031-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                try await subscribe(fixture, client)
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2031-05-07T10:00:00+01:00"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                #expect(try await fixture.messages(of: client.tenant).filter { $0.kind == "reminder" && $0.status == "pending" }.count == 2)

                let cancelled = try await client.call("POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"0612345678"}"#)
                #expect(cancelled.status == 200, "\(cancelled.text)")
                let messages = try await fixture.messages(of: client.tenant)
                #expect(messages.filter { $0.kind == "reminder" }.map(\.status) == ["cancelled", "cancelled"])
                #expect(messages.filter { $0.kind == "confirmation" }.map(\.status) == ["pending"])
                let told = try #require(messages.first { $0.kind == "cancellation" })
                #expect(told.status == "pending" && told.channel == "sms" && told.text().contains("est annulé. Code : \(code)."))
                let events = try await fixture.events(of: client.tenant)
                #expect(events.map(\.type) == ["appointment.booked", "appointment.cancelled"])
                #expect((events.last?.body["data"] as? [String: Any])?["status"] as? String == "cancelled")

                // Cancelling again is refused and withdraws or records nothing more.
                let twice = try await client.call("POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"0612345678"}"#)
                #expect(twice.status == 409)
                #expect(try await fixture.messages(of: client.tenant).count == messages.count)
            }
        }

        @Test("a move withdraws the old reminders and records new ones at the next sequence, and appointment.moved says from where")
        func moveReplacesReminders() async throws {
            try await AppointmentsFixture.run(now: "2031-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                try await subscribe(fixture, client)
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2031-05-07T10:00:00+01:00"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                let bookingID = try await bookingID(code, fixture, client)
                let moved = try await client.call(
                    "POST", "/bookings/\(code)/move", json: #"{"start":"2031-05-08T11:00:00+01:00","phone_or_email":"0612345678"}"#)
                #expect(moved.status == 200, "\(moved.text)")
                let reminders = try await fixture.messages(of: client.tenant).filter { $0.kind == "reminder" }
                let old = reminders.filter { $0.status == "cancelled" }
                let new = reminders.filter { $0.status == "pending" }
                #expect(Set(old.map(\.id)).isSubset(of: ReminderIdentity.all(booking: bookingID, sequence: 0)) && old.count == 2)
                #expect(Set(new.map(\.id)).isSubset(of: ReminderIdentity.all(booking: bookingID, sequence: 1)) && new.count == 2)
                #expect(new.map { RFC3339.formatUTC($0.deliverAfter) }.sorted() == ["2031-05-06T10:00:00Z", "2031-05-08T08:00:00Z"])
                let event = try #require(try await fixture.events(of: client.tenant).last)
                #expect(event.type == "appointment.moved")
                let data = try #require(event.body["data"] as? [String: Any])
                #expect(data["previous_start"] as? String == "2031-05-07T10:00:00+01:00" && data["sequence"] as? Int == 1)
            }
        }

        @Test("a no-show withdraws the reminders still waiting (a provider down kept them back) and tells the person nothing")
        func noShowWithdrawsReminders() async throws {
            try await AppointmentsFixture.run(now: "2031-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2031-05-07T10:00:00+01:00"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                fixture.clock.set(to: RFC3339.parse("2031-05-07T10:15:00+01:00")!)
                let noShow = try await client.call("POST", "/bookings/\(code)/no-show", as: client.deskAgent)
                #expect(noShow.status == 200, "\(noShow.text)")
                let messages = try await fixture.messages(of: client.tenant)
                #expect(messages.filter { $0.kind == "reminder" }.map(\.status) == ["cancelled", "cancelled"])
                #expect(messages.map(\.kind).sorted() == ["confirmation", "reminder", "reminder"])
            }
        }
    }
}
