import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    @Suite("Appointments over HTTP: holds, verified contacts, caps, cancelling and moving by code")
    struct BookingChangeTests {
        @Test("a hold keeps its slot from others until confirmed; confirming turns it into the booking on the same counter")
        func holdThenConfirm() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(schedule: ConcurrencyTests.oneSlot)
                let start = "2026-05-05T08:30:00+01:00"
                let hold = try await client.call(
                    "POST", "/holds", json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","start":"\#(start)"}"#)
                #expect(hold.status == 201)
                let holdID = try #require(TenantClient.object(hold)["id"] as? String)
                let again = try await client.call(
                    "POST", "/holds", json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","start":"\#(start)"}"#)
                #expect(again.status == 409)
                let other = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start, phone: "0655555555"))
                #expect(other.status == 409)
                let availability = try await client.call(
                    "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2026-05-05&to=2026-05-05")
                #expect((TenantClient.object(availability)["slots"] as? [Any])?.isEmpty == true)
                // A hold for another start or service is not this one.
                let mismatch = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T08:30:00+01:00", hold: holdID))
                #expect(mismatch.status == 422)
                let confirmed = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start, hold: holdID))
                #expect(confirmed.status == 201, "\(confirmed.text)")
                let reused = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start, phone: "0644444444", hold: holdID))
                #expect(reused.status == 409)
                let bookings = try await fixture.service.runtime.database.query(
                    "SELECT id::text, status FROM appointments.bookings WHERE tenant_id = \(client.tenant.id)", tenant: client.tenant.id
                ).map { try $0.decode((String, String).self) }
                #expect(bookings.count == 1)
                #expect(bookings.first?.0 == holdID && bookings.first?.1 == "confirmed")
            }
        }

        @Test("with verification required: no booking without a verified contact; a code by SMS, wrong then right, then booking")
        func verifiedContact() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(verification: "required")
                let start = "2026-05-05T10:00:00+01:00"
                let unverified = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start))
                #expect(unverified.status == 422)
                #expect(TenantClient.object(unverified)["code"] as? String == "contact_not_verified")

                let started = try await client.call("POST", "/verifications", json: #"{"phone":"06 12 34 56 78","language":"ar"}"#)
                #expect(started.status == 201, "\(started.text)")
                let verification = try #require(TenantClient.object(started)["id"] as? String)
                #expect(TenantClient.object(started)["channel"] as? String == "sms")
                #expect(TenantClient.object(started)["destination"] as? String == "+2126••••••78")
                let sent = try await fixture.messages(of: client.tenant).filter { $0.kind == "verification_code" }
                #expect(sent.count == 1)
                #expect(sent.first?.destination == "+212612345678" && sent.first?.channel == "sms")
                let code = try #require(sent.first?.variables["code"])
                #expect(code.count == 6)
                #expect(sent.first?.text(in: .ar).contains("رمز التحقق") == true)
                // The code is stored as a keyed digest only.
                let stored = try await fixture.service.runtime.database.query(
                    "SELECT encode(code_digest, 'escape') FROM appointments.verifications WHERE tenant_id = \(client.tenant.id)",
                    tenant: client.tenant.id
                ).single(String.self)
                #expect(!stored.contains(code))

                let wrongCode = code == "000000" ? "111111" : "000000"
                let wrong = try await client.call("POST", "/verifications/\(verification)/confirm", json: #"{"code":"\#(wrongCode)"}"#)
                #expect(wrong.status == 422)
                #expect(TenantClient.object(wrong)["code"] as? String == "verification_code_invalid")
                let right = try await client.call("POST", "/verifications/\(verification)/confirm", json: #"{"code":"\#(code)"}"#)
                #expect(right.status == 200, "\(right.text)")
                #expect(TenantClient.object(right)["verified_until"] as? String == "2026-05-04T09:30:00+01:00")

                // The verified phone only: another contact with the same verification is refused.
                let otherPhone = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start, phone: "0699999999", verification: verification))
                #expect(TenantClient.object(otherPhone)["code"] as? String == "contact_not_verified")
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start, verification: verification))
                #expect(booked.status == 201, "\(booked.text)")
                // An agent at the desk books for a visitor without a code.
                let desk = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T11:00:00+01:00", phone: "0688888888", channel: "desk"),
                    as: client.deskAgent)
                #expect(desk.status == 201, "\(desk.text)")
                // A citizen cannot claim the desk channel.
                let claimed = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T12:00:00+01:00", phone: "0677777777", channel: "desk"))
                #expect(claimed.status == 422)
                #expect((TenantClient.object(claimed)["errors"] as? [[String: Any]])?.first?["field"] as? String == "/channel")
            }
        }

        @Test("a code expires after five wrong tries or ten minutes; a destination gets at most five codes an hour")
        func verificationLimits() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                _ = try await client.configure(verification: "required")
                let started = try await client.call("POST", "/verifications", json: #"{"email":"Amal@Example.ma"}"#)
                #expect(TenantClient.object(started)["channel"] as? String == "email")
                let id = try #require(TenantClient.object(started)["id"] as? String)
                let code = try #require(try await fixture.messages(of: client.tenant).last?.variables["code"])
                let wrong = code == "000000" ? "111111" : "000000"
                var statuses: [Int] = []
                for _ in 0..<5 {
                    statuses.append(try await client.call("POST", "/verifications/\(id)/confirm", json: #"{"code":"\#(wrong)"}"#).status)
                }
                #expect(statuses == [422, 422, 422, 422, 410])
                let late = try await client.call("POST", "/verifications/\(id)/confirm", json: #"{"code":"\#(code)"}"#)
                #expect(late.status == 410)

                let second = try await client.call("POST", "/verifications", json: #"{"email":"amal@example.ma"}"#)
                let secondID = try #require(TenantClient.object(second)["id"] as? String)
                let secondCode = try #require(try await fixture.messages(of: client.tenant).last?.variables["code"])
                fixture.clock.advance(by: .seconds(601))
                let expired = try await client.call("POST", "/verifications/\(secondID)/confirm", json: #"{"code":"\#(secondCode)"}"#)
                #expect(expired.status == 410)

                for _ in 0..<3 { _ = try await client.call("POST", "/verifications", json: #"{"email":"amal@example.ma"}"#) }
                let tooMany = try await client.call("POST", "/verifications", json: #"{"email":"amal@example.ma"}"#)
                #expect(tooMany.status == 429)
                #expect(try await client.call("POST", "/verifications/\(UUID().uuidString)/confirm", json: #"{"code":"123456"}"#).status == 404)
                #expect(try await client.call("POST", "/verifications", json: #"{"phone":"12"}"#).status == 422)
                #expect(try await client.call("POST", "/verifications", json: #"{}"#).status == 422)
            }
        }

        @Test("one upcoming booking per person and service; a manager's override lifts the cap with a logged reason")
        func perPersonCapAndOverride() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let first = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T10:00:00+01:00"))
                #expect(first.status == 201)
                // Same person by phone, written another way.
                let second = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T10:00:00+01:00", phone: "+212 612-345-678"))
                #expect(second.status == 409)
                #expect(TenantClient.object(second)["code"] as? String == "booking_limit_reached")
                #expect(TenantClient.object(second)["cap"] as? Int == 1)
                let noReason = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T10:00:00+01:00", extra: #""override":{"reason":"  "}"#),
                    as: client.manager)
                #expect(noReason.status == 422)
                let desk = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T10:00:00+01:00", extra: #""override":{"reason":"Urgence"}"#),
                    as: client.deskAgent)
                #expect(desk.status == 403)
                #expect(TenantClient.object(desk)["code"] as? String == "override_not_allowed")
                let manager = client.manager
                let overridden = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(
                        site: setup.site, service: setup.services[0], start: "2026-05-06T10:00:00+01:00", channel: "phone",
                        extra: #""override":{"reason":"Dossier urgent, accord du chef de service"}"#),
                    as: manager)
                #expect(overridden.status == 201, "\(overridden.text)")
                let logged = try await fixture.service.runtime.database.query(
                    "SELECT action, reason, agent_subject FROM appointments.overrides WHERE tenant_id = \(client.tenant.id)", tenant: client.tenant.id
                ).map { try $0.decode((String, String, String).self) }
                #expect(logged.count == 1)
                #expect(logged.first?.0 == "book" && logged.first?.1 == "Dossier urgent, accord du chef de service")
                #expect(logged.first?.2 == manager.subject)
            }
        }

        @Test("cancel and move by code with the second factor; the freed slot is free again; the .ics sequence grows")
        func cancelAndMove() async throws {
            // Years ahead of the database's clock: its reminders stay due in the future, whatever
            // dispatcher with an email channel runs meanwhile (the end-to-end tests' does).
            try await AppointmentsFixture.run(now: "2031-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let booked = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2031-05-07T10:00:00+01:00", email: "amal@example.ma"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                let noFactor = try await client.call("POST", "/bookings/\(code)/move", json: #"{"start":"2031-05-07T11:00:00+01:00"}"#)
                #expect(noFactor.status == 422)
                let wrongFactor = try await client.call(
                    "POST", "/bookings/\(code)/move", json: #"{"start":"2031-05-07T11:00:00+01:00","phone_or_email":"0600000000"}"#)
                #expect(wrongFactor.status == 403)
                #expect(TenantClient.object(wrongFactor)["code"] as? String == "contact_mismatch")
                let moved = try await client.call(
                    "POST", "/bookings/\(code)/move", json: #"{"start":"2031-05-07T10:30:00+01:00","phone_or_email":"AMAL@example.ma"}"#)
                #expect(moved.status == 200, "\(moved.text)")
                #expect(TenantClient.object(moved)["start"] as? String == "2031-05-07T10:30:00+01:00")
                let ics = try await client.call("GET", "/bookings/\(code).ics")
                #expect(ics.text.contains("SEQUENCE:1\r\n"))
                let free = try await client.call(
                    "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2031-05-07&to=2031-05-07")
                let starts = (TenantClient.object(free)["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
                #expect(starts.contains("2031-05-07T10:00:00+01:00") && !starts.contains("2031-05-07T10:30:00+01:00"))
                let messages = try await fixture.messages(of: client.tenant)
                // The first reminders are cancelled; the move's replace them.
                #expect(messages.filter { $0.kind == "reminder" && $0.status == "cancelled" }.count == 4)
                #expect(messages.filter { $0.kind == "reminder" && $0.status == "pending" }.count == 4)
                #expect(messages.contains { $0.kind == "moved" })

                let cancelled = try await client.call("POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"+212612345678"}"#)
                #expect(cancelled.status == 200, "\(cancelled.text)")
                #expect(TenantClient.object(cancelled)["status"] as? String == "cancelled")
                let twice = try await client.call("POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"+212612345678"}"#)
                #expect(twice.status == 409)
                #expect(TenantClient.object(twice)["code"] as? String == "booking_status_conflict")
                let cancelledICS = try await client.call("GET", "/bookings/\(code).ics")
                #expect(cancelledICS.text.contains("STATUS:CANCELLED\r\n") && cancelledICS.text.contains("SEQUENCE:2\r\n"))
                let all = try await fixture.messages(of: client.tenant)
                #expect(all.filter { $0.kind == "reminder" && $0.status == "pending" }.isEmpty)
                #expect(all.filter { $0.kind == "cancellation" }.count == 2)
                // The cap counts upcoming bookings only: the person may book again.
                let again = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2031-05-07T10:30:00+01:00"))
                #expect(again.status == 201)
            }
        }

        @Test("an Idempotency-Key retry returns the first answer and books once")
        func idempotency() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let body = client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T10:00:00+01:00")
                let key = UUID().uuidString
                let first = try await client.call("POST", "/bookings", json: body, headers: ["Idempotency-Key": key])
                let retry = try await client.call("POST", "/bookings", json: body, headers: ["Idempotency-Key": key])
                #expect(first.status == 201 && retry.status == 201)
                #expect(first.body == retry.body)
                #expect(retry.header("idempotent-replayed") == "true")
                let count = try await fixture.service.runtime.database.query(
                    "SELECT count(*) FROM appointments.bookings WHERE tenant_id = \(client.tenant.id)", tenant: client.tenant.id
                ).single(Int.self)
                #expect(count == 1)
            }
        }
    }
}
