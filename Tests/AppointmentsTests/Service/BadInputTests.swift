import Foundation
@testable import Appointments
import GuichetCore
import GuichetTestSupport
import Testing

extension ServiceSuite {
    /// Every bad input of the issue, through the API: a clear problem with a stable code, in French,
    /// Arabic and English.
    @Suite("Appointments over HTTP: bad input gives clear problems in fr, ar and en")
    struct BadInputTests {
        /// Sends `method path json` in each language and checks the status, the code and the title of
        /// `kind` in that language.
        static func expectProblem(
            _ client: TenantClient, _ method: String, _ path: String, json: String? = nil, as principal: Principal = .anonymous,
            status: Int, code: String, title: LocalizedText? = nil, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            for language in Language.allCases {
                let answer = try await client.call(method, path, json: json, as: principal, headers: ["Accept-Language": language.rawValue])
                let problem = TenantClient.object(answer)
                #expect(answer.status == status, "\(language): \(answer.text)", sourceLocation: sourceLocation)
                #expect(problem["code"] as? String == code, "\(language): \(answer.text)", sourceLocation: sourceLocation)
                #expect(answer.header("content-type") == "application/problem+json", sourceLocation: sourceLocation)
                #expect(answer.header("content-language") == language.rawValue, sourceLocation: sourceLocation)
                if let title {
                    #expect(problem["title"] as? String == title.text(in: language), "\(language)", sourceLocation: sourceLocation)
                }
                #expect((problem["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
            }
        }

        @Test("slots outside the hours, outside the window, in the past, on a holiday, off the grid; a service not offered here")
        func badSlots() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(services: [
                    #"{"name":{"fr":"Passeport"},"duration_minutes":30,"booking_window":{"minimum_notice_minutes":120,"maximum_horizon_minutes":43200}}"#
                ])
                let site = setup.site
                let service = setup.services[0]
                func booking(_ start: String) -> String { client.bookingJSON(site: site, service: service, start: start) }
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-05-05T17:00:00+01:00"), status: 422, code: "slot_outside_opening_hours",
                    title: ProblemKind.slotOutsideOpeningHours.title)
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-05-04T10:00:00+01:00"), status: 422, code: "slot_outside_window",
                    title: ProblemKind.slotOutsideWindow.title)
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-06-10T09:00:00+01:00"), status: 422, code: "slot_outside_window")
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-05-03T09:00:00+01:00"), status: 422, code: "slot_in_past",
                    title: ProblemKind.slotInPast.title)
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-05-05T08:45:00+01:00"), status: 422, code: "slot_not_on_grid",
                    title: ProblemKind.slotNotOnGrid.title)
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-05-05T08:30:17+01:00"), status: 422, code: "slot_not_on_grid")

                let holiday = try await client.call(
                    "POST", "/holidays", json: #"{"name":{"fr":"Fête du Travail","ar":"عيد الشغل","en":"Labour Day"},"month":5,"day":12}"#,
                    as: client.manager)
                #expect(holiday.status == 201, "\(holiday.text)")
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: booking("2026-05-12T09:00:00+01:00"), status: 422, code: "slot_on_holiday",
                    title: ProblemKind.slotOnHoliday.title)
                let closed = try await client.call("GET", "/availability?site=\(site)&service=\(service)&from=2026-05-12&to=2026-05-12")
                #expect((TenantClient.object(closed)["slots"] as? [Any])?.isEmpty == true)

                let otherSite = try await client.call(
                    "POST", "/sites",
                    json: #"{"name":{"fr":"Annexe"},"address":{"fr":"Salé"},"phone":"0537000001","opening_hours":{"monday":["08:00-18:00"]}}"#,
                    as: client.manager)
                let other = try #require(TenantClient.object(otherSite)["id"] as? String)
                try await Self.expectProblem(
                    client, "POST", "/bookings", json: client.bookingJSON(site: other, service: service, start: "2026-05-05T09:00:00+01:00"),
                    status: 422, code: "service_not_offered", title: ProblemKind.serviceNotOffered.title)
                try await Self.expectProblem(
                    client, "GET", "/availability?site=\(other)&service=\(service)&from=2026-05-05&to=2026-05-06", status: 422,
                    code: "service_not_offered")
            }
        }

        @Test("an expired hold, a booking code of another tenant, cancelling after the cut-off")
        func expiredHoldOtherTenantCutoff() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let hold = try await client.call(
                    "POST", "/holds", json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","start":"2026-05-06T10:00:00+01:00"}"#)
                #expect(hold.status == 201, "\(hold.text)")
                let holdID = try #require(TenantClient.object(hold)["id"] as? String)
                #expect(TenantClient.object(hold)["expires_at"] as? String == "2026-05-04T09:10:00+01:00")
                fixture.clock.advance(by: .seconds(11 * 60))
                try await Self.expectProblem(
                    client, "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T10:00:00+01:00", hold: holdID),
                    status: 410, code: "hold_expired", title: ProblemKind.holdExpired.title)
                // The slot is free again for anyone.
                let taken = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T10:00:00+01:00", phone: "0677777777"))
                #expect(taken.status == 201, "\(taken.text)")
                let code = try #require(TenantClient.object(taken)["code"] as? String)

                let other = try await fixture.tenant()
                try await Self.expectProblem(other, "GET", "/bookings/\(code)", status: 404, code: "not_found")
                try await Self.expectProblem(
                    other, "POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"0677777777"}"#, status: 404, code: "not_found")

                // 24 hours before 10:00 on the 6th is 10:00 on the 5th.
                fixture.clock.set(to: RFC3339.parse("2026-05-05T10:00:00+01:00")!)
                try await Self.expectProblem(
                    client, "POST", "/bookings/\(code)/cancel", json: #"{"phone_or_email":"0677777777"}"#, status: 409,
                    code: "cancellation_cutoff_passed", title: ProblemKind.cancellationCutoffPassed.title)
                try await Self.expectProblem(
                    client, "POST", "/bookings/\(code)/move", json: #"{"phone_or_email":"0677777777","start":"2026-05-07T10:00:00+01:00"}"#,
                    status: 409, code: "move_cutoff_passed")
            }
        }

        @Test("a malformed time zone or date, and other malformed fields, name every invalid field")
        func malformedZoneAndDates() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                for zone in ["Mars/Olympus", "africa/casablanca", "GMT+1", "+01:00", "Africa/Casablanca; DROP TABLE"] {
                    let answer = try await client.call("PUT", "/settings", json: #"{"time_zone":"\#(zone)"}"#, as: client.manager)
                    #expect(answer.status == 422, "\(zone)")
                    let errors = TenantClient.object(answer)["errors"] as? [[String: Any]] ?? []
                    #expect(errors.first?["field"] as? String == "/time_zone", "\(zone)")
                    #expect(errors.first?["code"] as? String == "invalid_time_zone", "\(zone)")
                }
                let base = "/availability?site=\(setup.site)&service=\(setup.services[0])"
                for (query, field) in [
                    ("&from=2026-02-30&to=2026-03-01", "/from"), ("&from=2026-05-05&to=05/06/2026", "/to"), ("&from=2026-05-05", "/to"),
                    ("&from=2026-05-06&to=2026-05-05", "/to"), ("&from=2026-05-05&to=2026-12-31", "/to"),
                ] {
                    let answer = try await client.call("GET", base + query, headers: ["Accept-Language": "ar"])
                    #expect(answer.status == 422, "\(query)")
                    let errors = TenantClient.object(answer)["errors"] as? [[String: Any]] ?? []
                    #expect(errors.contains { $0["field"] as? String == field }, "\(query): \(answer.text)")
                    #expect(TenantClient.object(answer)["title"] as? String == ProblemKind.validationFailed.title.text(in: .ar))
                }
                let badSite = try await client.call("GET", "/availability?site=nope&service=\(setup.services[0])&from=2026-05-05&to=2026-05-05")
                #expect(badSite.status == 422)
                for start in ["2026-05-05 08:30", "2026-05-05T08:30:00", "tomorrow", "2026-13-05T08:30:00+01:00"] {
                    let answer = try await client.call(
                        "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: start))
                    #expect(answer.status == 422, "\(start)")
                    #expect((TenantClient.object(answer)["errors"] as? [[String: Any]])?.first?["field"] as? String == "/start", "\(start)")
                }
                let everything = try await client.call(
                    "POST", "/bookings",
                    json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","start":"soon","contact":{"phone":"12","email":"no"},"channel":"fax","language":"de"}"#)
                let fields = Set((TenantClient.object(everything)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["/start", "/channel", "/language", "/contact/phone", "/contact/email"])
                let noContact = try await client.call(
                    "POST", "/bookings", json: #"{"site":"\#(setup.site)","service":"\#(setup.services[0])","start":"2026-05-05T09:00:00+01:00","contact":{}}"#)
                #expect(noContact.status == 422)
                for body in ["", "{", "[]", #"{"site":"x"}"#] {
                    let answer = try await client.call("POST", "/bookings", json: body.isEmpty ? nil : body)
                    #expect(answer.status == 400 || answer.status == 422, "\(body)")
                }
            }
        }

        @Test("configuration errors name their fields: hours, durations, channels, unknown sites")
        func configurationErrors() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let site = try await client.call(
                    "POST", "/sites",
                    json: #"{"name":{"fr":""},"address":{"fr":"Rabat"},"location":{"latitude":91,"longitude":0},"phone":"abc","opening_hours":{"monday":["08:00-12:00","11:00-13:00"],"funday":[],"tuesday":["25:00-26:00"]}}"#,
                    as: client.manager)
                #expect(site.status == 422)
                let siteFields = Set((TenantClient.object(site)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(siteFields == ["/name/fr", "/location/latitude", "/phone", "/opening_hours/monday/1", "/opening_hours/funday", "/opening_hours/tuesday/0"])
                let service = try await client.call(
                    "POST", "/services",
                    json: #"{"name":{"fr":"X"},"duration_minutes":3,"capacity":0,"channels":["web","pigeon"],"sites":["\#(UUID().uuidString)"],"ticket_prefix":"a1"}"#,
                    as: client.manager)
                #expect(service.status == 422)
                let serviceFields = Set((TenantClient.object(service)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(serviceFields == ["/duration_minutes", "/capacity", "/channels/1", "/ticket_prefix"])
                let unknownSite = try await client.call(
                    "POST", "/services", json: #"{"name":{"fr":"X"},"duration_minutes":30,"sites":["\#(UUID().uuidString)"]}"#, as: client.manager)
                #expect(unknownSite.status == 422)
                #expect((TenantClient.object(unknownSite)["errors"] as? [[String: Any]])?.first?["code"] as? String == "unknown_reference")
            }
        }
    }
}
