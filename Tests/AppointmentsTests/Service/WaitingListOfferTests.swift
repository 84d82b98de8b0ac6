import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    @Suite("Appointments over HTTP: the waiting list of a full day")
    struct WaitingListOfferTests {
        @Test("a freed slot goes to the first person waiting, held for them; an offer not taken goes to the next")
        func firstComeFirstServed() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(schedule: ConcurrencyTests.oneSlot)
                let booked = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T08:30:00+01:00"))
                let code = try #require(TenantClient.object(booked)["code"] as? String)
                func join(_ phone: String) async throws -> [String: Any] {
                    let answer = try await client.call(
                        "POST", "/waiting-list",
                        json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","date":"2026-05-06","contact":{"phone":"\#(phone)"}}"#)
                    #expect(answer.status == 201, "\(answer.text)")
                    return TenantClient.object(answer)
                }
                let first = try await join("0633333333")
                fixture.clock.advance(by: .seconds(1))
                let second = try await join("0644444444")
                #expect(first["position"] as? Int == 1 && second["position"] as? Int == 2)
                // Joining twice keeps one place.
                #expect(try await join("+212633333333")["id"] as? String == first["id"] as? String)

                let cancelled = try await client.call("POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"0612345678"}"#)
                #expect(cancelled.status == 200)
                let offers = try await fixture.messages(of: client.tenant).filter { $0.kind == "waiting_list_offer" }
                #expect(offers.count == 1)
                #expect(offers.first?.destination == "+212633333333")
                let hold = try #require(offers.first?.variables["hold"])
                // Held for the first person: nobody else can book it.
                let someoneElse = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T08:30:00+01:00", phone: "0655555555"))
                #expect(someoneElse.status == 409)

                // The offer lapses (2 hours); the maintenance pass offers the slot to the second person.
                fixture.clock.advance(by: .seconds(2 * 3600 + 1))
                try await fixture.runMaintenance(for: client.tenant)
                let next = try await fixture.messages(of: client.tenant).filter { $0.kind == "waiting_list_offer" }
                #expect(next.count == 2)
                #expect(next.last?.destination == "+212644444444")
                let secondHold = try #require(next.last?.variables["hold"])
                #expect(secondHold != hold)
                let late = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T08:30:00+01:00", phone: "0633333333", hold: hold))
                #expect(late.status == 410)
                let taken = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T08:30:00+01:00", phone: "0644444444", hold: secondHold))
                #expect(taken.status == 201, "\(taken.text)")
                let entries = try await fixture.service.runtime.database.query(
                    "SELECT status FROM appointments.waiting_list WHERE tenant_id = \(client.tenant.id) ORDER BY seq", tenant: client.tenant.id
                ).map { try $0.decode(String.self) }
                #expect(entries == ["lapsed", "accepted"])
            }
        }

        @Test("withdrawing needs the contact; a past day or a service not offered is refused")
        func withdrawAndRefusals() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let joined = try await client.call(
                    "POST", "/waiting-list",
                    json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","date":"2026-05-06","contact":{"email":"amal@example.ma"}}"#)
                let id = try #require(TenantClient.object(joined)["id"] as? String)
                #expect(try await client.call("POST", "/waiting-list/\(id)/withdraw", json: #"{"phone_or_email":"x@example.ma"}"#).status == 403)
                #expect(try await client.call("POST", "/waiting-list/\(id)/withdraw", json: #"{"phone_or_email":"amal@example.ma"}"#).status == 204)
                #expect(try await client.call("POST", "/waiting-list/\(id)/withdraw", json: #"{"phone_or_email":"amal@example.ma"}"#).status == 409)
                let past = try await client.call(
                    "POST", "/waiting-list",
                    json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","date":"2026-05-01","contact":{"email":"amal@example.ma"}}"#)
                #expect(past.status == 422)
                #expect(TenantClient.object(past)["code"] as? String == "slot_in_past")
                let elsewhere = try await client.call(
                    "POST", "/waiting-list",
                    json: #"{"site":"\#(UUID().uuidString)","service":"\#(setup.services[0])","date":"2026-05-06","contact":{"email":"amal@example.ma"}}"#)
                #expect(TenantClient.object(elsewhere)["code"] as? String == "service_not_offered")
            }
        }
    }
}
