import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

/// A citizen's whole way through the gateway — sites, services, availability, a one-time code,
/// booking, reading, the calendar file, cancelling — against the real services and PostgreSQL, with
/// every answer's status documented in the appointments service's OpenAPI document.
@Suite("End to end: an appointment booked, read and cancelled through the gateway")
struct AppointmentsThroughGatewayTests {
    /// Configures a tenant as its manager would (straight to the service, with a context token:
    /// the gateway does not sign agents in yet). Returns the site's and the service's ids.
    static func configure(_ stack: Stack, slug: String) async throws -> (tenant: TenantReference, site: String, service: String) {
        let database = stack.appointments.runtime.database
        try await TestContextTokens.publish(in: database)
        guard let tenant = try await TenantDirectory(database: database).tenant(slug: slug)?.reference else {
            throw StackError("no tenant \(slug)")
        }
        let manager = try TestContextTokens.token(
            for: TestContextTokens.agent(of: tenant.id, roles: [Roles.appointmentsManager]), in: tenant)
        let port = stack.appointments.address.port
        func post(_ path: String, _ json: String, method: String = "POST") async throws -> [String: Any] {
            let answer = try await stack.request(
                method, "/v1/\(slug)/appointments\(path)",
                headers: ["X-Guichet-Context": manager, "Content-Type": "application/json"], body: json, port: port)
            guard answer.status == 201 || answer.status == 200 else { throw StackError("\(path): \(answer.status) \(answer.text)") }
            return try Stack.json(answer)
        }
        let every = #"["08:00-18:00"]"#
        let hours = #"{"monday":\#(every),"tuesday":\#(every),"wednesday":\#(every),"thursday":\#(every),"friday":\#(every),"saturday":\#(every),"sunday":\#(every)}"#
        let site = try await post(
            "/sites", #"{"name":{"fr":"Agence centrale"},"address":{"fr":"Rabat"},"phone":"0537000000","opening_hours":\#(hours)}"#)
        let siteID = site["id"] as? String ?? ""
        let service = try await post(
            "/services", #"{"name":{"fr":"Passeport"},"duration_minutes":30,"booking_window":{"minimum_notice_minutes":0},"sites":["\#(siteID)"]}"#)
        _ = try await post("/counters", #"{"site":"\#(siteID)","label":"Guichet 1","schedule":\#(hours)}"#)
        return (tenant, siteID, service["id"] as? String ?? "")
    }

    /// Whether the appointments document declares `status` for `method` on the route `template`.
    static func documented(_ stack: Stack, _ method: String, _ template: String, _ status: Int) throws -> Bool {
        let document = try #require(stack.appointments.parts.openAPIDocument)
        return document["paths"]?[template]?[method.lowercased()]?["responses"]?[String(status)] != nil
    }

    @Test("sites, services, availability, a verified phone, a booking, its .ics and its cancellation, all documented")
    func citizenJourney() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let (tenant, site, service) = try await Self.configure(stack, slug: slug)
        let base = "/v1/\(slug)/appointments"
        let template = "/v1/{tenant}/appointments"
        var checked: [(String, String, Int)] = []
        func call(_ method: String, _ path: String, _ route: String, json: String? = nil) async throws -> RawResponse {
            let answer = json.map { _ in () } == nil
                ? try await stack.request(method, base + path)
                : try await stack.post(base + path, json: json ?? "")
            checked.append((method, template + route, answer.status))
            return answer
        }

        let sites = try await call("GET", "/sites", "/sites")
        #expect((try Stack.json(sites)["sites"] as? [[String: Any]])?.first?["services"] as? [String] == [service])
        #expect(try await call("GET", "/services", "/services").status == 200)

        let zone = TimeZone(identifier: tenant.timeZone) ?? .casablanca
        // Three days ahead: well before the 24-hour cancellation cut-off.
        let day = LocalDate(Date().addingTimeInterval(3 * 86_400), in: zone)
        let availability = try await call(
            "GET", "/availability?site=\(site)&service=\(service)&from=\(day)&to=\(day)", "/availability")
        let slots = try #require(try Stack.json(availability)["slots"] as? [[String: Any]])
        #expect(slots.count == 20)
        let start = try #require(slots.first?["start"] as? String)
        #expect(start.hasPrefix("\(day)T08:00:00"))

        let started = try await call("POST", "/verifications", "/verifications", json: #"{"email":"amal@example.ma","language":"en"}"#)
        #expect(started.status == 201)
        let verification = try #require(try Stack.json(started)["id"] as? String)
        let code = try await stack.appointments.runtime.database.query(
            """
            SELECT payload->'variables'->>'code' FROM appointments.outbox_messages
            WHERE tenant_id = \(tenant.id) AND topic = 'appointment.verification_code' ORDER BY created_at DESC LIMIT 1
            """,
            tenant: tenant.id
        ).single(String.self)
        let confirmed = try await call(
            "POST", "/verifications/\(verification)/confirm", "/verifications/{verification}/confirm", json: #"{"code":"\#(code)"}"#)
        #expect(confirmed.status == 200)

        let booking = #"{"site":"\#(site)","service":"\#(service)","start":"\#(start)","contact":{"name":"Amal","email":"amal@example.ma"},"verification":"\#(verification)","language":"en"}"#
        let booked = try await call("POST", "/bookings", "/bookings", json: booking)
        #expect(booked.status == 201, "\(booked.text)")
        let bookingCode = try #require(try Stack.json(booked)["code"] as? String)
        let twice = try await call("POST", "/bookings", "/bookings", json: booking)
        #expect(twice.status == 409)

        let read = try await call("GET", "/bookings/\(bookingCode)", "/bookings/{code}")
        #expect(try Stack.json(read)["start"] as? String == start)
        let calendar = try await call("GET", "/bookings/\(bookingCode).ics", "/bookings/{code}")
        #expect(calendar.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(try await call("GET", "/bookings/\(bookingCode)", "/bookings/{code}").status == 200)

        let other = try await stack.onboardTenant()
        #expect(try await stack.request("GET", "/v1/\(other)/appointments/bookings/\(bookingCode)").status == 404)

        let cancelled = try await call(
            "POST", "/bookings/\(bookingCode)/cancel", "/bookings/{code}/cancel", json: #"{"phone_or_email":"amal@example.ma"}"#)
        #expect(cancelled.status == 200)
        #expect(try await call("POST", "/holds", "/holds", json: #"{"site":"\#(site)","service":"\#(service)","start":"\#(start)"}"#).status == 201)
        #expect(try await call("GET", "/agenda?site=\(site)", "/agenda").status == 401)

        for (method, route, status) in checked {
            #expect(try Self.documented(stack, method, route, status), "\(method) \(route) \(status) is not documented")
        }
    }
}
