import Foundation
@testable import Appointments
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetTestSupport

/// The appointments service on a free port with a clock of its own, called over HTTP with context
/// tokens as the gateway would: the real HTTP stack and PostgreSQL. Each test makes its own
/// fixture (its own clock) and its own tenant.
final class AppointmentsFixture: Sendable {
    let service: RunningService
    let clock: ManualWallClock

    /// A service whose clock shows `now`.
    init(now: String) async throws {
        clock = ManualWallClock(now)
        service = try await RunningService.start(
            Appointments.makeDefinition(Appointments.Configuration(clock: clock, maintenanceInterval: nil)),
            configuration: TestDatabase.configuration(poolSize: 8, poolTimeout: .seconds(60)), group: TestDatabase.group)
        try await TestContextTokens.publish(in: service.runtime.database)
    }

    /// Stops the service.
    func stop() async {
        await service.stop()
    }

    /// Runs `body` with a fixture whose clock shows `now`, and stops it afterwards.
    static func run(now: String, _ body: (AppointmentsFixture) async throws -> Void) async throws {
        let fixture = try await AppointmentsFixture(now: now)
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    /// The messages recorded in the service's outbox for a tenant (emails and SMS, not webhook
    /// events), oldest first: kind, channel, destination, when due (for a cancelled or delivered
    /// one, when that happened), the template's variables and the outbox state.
    func messages(of tenant: TenantReference) async throws -> [RecordedMessage] {
        try await service.runtime.database.query(
            """
            SELECT id, topic, channel, payload->>'to', available_at, (payload->'variables')::text, state
            FROM appointments.outbox_messages
            WHERE tenant_id = \(tenant.id) AND channel IN ('email', 'sms') ORDER BY created_at, available_at, id
            """,
            tenant: tenant.id
        ).map { row in
            let (id, topic, channel, destination, due, variables, state) = try row.decode((UUID, String, String, String, Date, String, String).self)
            let values = (try? JSONDecoder().decode([String: String].self, from: Data(variables.utf8))) ?? [:]
            let kind = topic.dropFirst("appointment.".count).split(separator: ".").first.map(String.init) ?? topic
            return RecordedMessage(
                id: id, kind: kind, template: topic, channel: channel, destination: destination, deliverAfter: due, variables: values,
                status: state)
        }
    }

    /// The webhook events recorded for a tenant (one per subscribed endpoint), oldest first: type and body.
    func events(of tenant: TenantReference) async throws -> [(type: String, body: [String: Any])] {
        try await service.runtime.database.query(
            """
            SELECT topic, payload->>'body' FROM appointments.outbox_messages
            WHERE tenant_id = \(tenant.id) AND channel = 'webhook' ORDER BY created_at, id
            """,
            tenant: tenant.id
        ).map { row in
            let (type, body) = try row.decode((String, String).self)
            return (type, (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:])
        }
    }

    /// A new tenant (and its partitions), with a client acting in it.
    func tenant(timeZone: String = "Africa/Casablanca") async throws -> TenantClient {
        let tenant = try await TestDatabase.makeTenant(in: service.runtime.database, timeZone: timeZone)
        return TenantClient(port: service.address.port, tenant: tenant.reference)
    }

    /// The maintenance pass of the service for a tenant (expired holds, lapsed offers).
    func runMaintenance(for tenant: TenantReference) async throws {
        let database = service.runtime.database
        let dependencies = RouteDependencies(
            configuration: ConfigurationStore(database: database), planning: PlanningStore(database: database),
            bookings: BookingStore(database: database), verifications: VerificationStore(database: database),
            queue: QueueStore(database: database), waitingList: WaitingListStore(database: database),
            statistics: StatisticsStore(database: database), idempotency: IdempotencyStore(database: database, schema: "appointments"),
            clock: clock)
        try await Maintenance(dependencies: dependencies, tenants: TenantDirectory(database: database)).run(tenant: tenant)
    }
}

/// Calls the service in one tenant, as anyone, an agent, a manager or an administrator.
struct TenantClient: Sendable {
    let port: UInt16
    let tenant: TenantReference

    var manager: Principal { TestContextTokens.agent(of: tenant.id, roles: [Roles.appointmentsManager]) }
    var deskAgent: Principal { TestContextTokens.agent(of: tenant.id, roles: [Roles.appointmentsDesk]) }
    var administrator: Principal { TestContextTokens.tenantAdministrator(of: tenant.id) }

    /// Sends a request to `/v1/<slug>/appointments<path>`.
    func call(
        _ method: String, _ path: String, json: String? = nil, as principal: Principal = .anonymous,
        headers: [String: String] = [:]
    ) async throws -> RawResponse {
        let token = try TestContextTokens.token(for: principal, in: tenant)
        let connection = try RawConnection(port: port)
        var head = "\(method) /v1/\(tenant.slug)/appointments\(path) HTTP/1.1\r\nHost: appointments\r\n"
        head += "X-Guichet-Context: \(token)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let json { head += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n" }
        try connection.send(head + "\r\n" + (json ?? ""))
        guard let response = await connection.readResponse() else { throw FixtureError("no answer to \(method) \(path)") }
        return response
    }

    /// A JSON object from an answer (empty when the body is not one).
    static func object(_ response: RawResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// Creates what a tenant needs to take bookings, as a manager: one site open every day
    /// 08:00–18:00, and the given services and counters. Returns the ids.
    func configure(
        services: [String] = [#"{"name":{"fr":"Passeport","ar":"جواز السفر","en":"Passport"},"duration_minutes":30}"#],
        counters: Int = 1, schedule: String = #"{"monday":["08:30-16:30"],"tuesday":["08:30-16:30"],"wednesday":["08:30-16:30"],"thursday":["08:30-16:30"],"friday":["08:30-16:30"],"saturday":["08:30-16:30"],"sunday":["08:30-16:30"]}"#,
        verification: String = "optional",
        siteHours: String = #"{"monday":["08:00-18:00"],"tuesday":["08:00-18:00"],"wednesday":["08:00-18:00"],"thursday":["08:00-18:00"],"friday":["08:00-18:00"],"saturday":["08:00-18:00"],"sunday":["08:00-18:00"]}"#
    ) async throws -> Setup {
        let site = try await created(
            call(
                "POST", "/sites",
                json: #"{"name":{"fr":"Agence Agdal","ar":"وكالة أكدال","en":"Agdal office"},"address":{"fr":"1 avenue de France, Rabat"},"location":{"latitude":34.0,"longitude":-6.85},"phone":"+212 5 37 00 00 00","opening_hours":\#(siteHours)}"#,
                as: manager))
        var serviceIDs: [String] = []
        for service in services {
            var object = try JSONSerialization.jsonObject(with: Data(service.utf8)) as? [String: Any] ?? [:]
            object["sites"] = [site]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            serviceIDs.append(try await created(call("POST", "/services", json: json, as: manager)))
        }
        var counterIDs: [String] = []
        for index in 0..<counters {
            counterIDs.append(
                try await created(
                    call("POST", "/counters", json: #"{"site":"\#(site)","label":"Guichet \#(index + 1)","schedule":\#(schedule)}"#, as: manager)))
        }
        let settings = try await call("PUT", "/settings", json: #"{"contact_verification":"\#(verification)"}"#, as: manager)
        guard settings.status == 200 else { throw FixtureError("settings: \(settings.status) \(settings.text)") }
        return Setup(site: site, services: serviceIDs, counters: counterIDs)
    }

    private func created(_ response: RawResponse) throws -> String {
        guard response.status == 201, let id = Self.object(response)["id"] as? String else {
            throw FixtureError("creation: \(response.status) \(response.text)")
        }
        return id
    }

    /// A booking request body.
    func bookingJSON(
        site: String, service: String, start: String, phone: String = "0612345678", email: String? = nil, channel: String? = nil,
        hold: String? = nil, verification: String? = nil, extra: String = ""
    ) -> String {
        var members = [#""site":"\#(site)""#, #""service":"\#(service)""#, #""start":"\#(start)""#]
        var contact = [#""name":"Amal""#, #""phone":"\#(phone)""#]
        if let email { contact.append(#""email":"\#(email)""#) }
        members.append(#""contact":{"# + contact.joined(separator: ",") + "}")
        if let channel { members.append(#""channel":"\#(channel)""#) }
        if let hold { members.append(#""hold":"\#(hold)""#) }
        if let verification { members.append(#""verification":"\#(verification)""#) }
        if !extra.isEmpty { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// A message in the service's outbox.
struct RecordedMessage: Sendable {
    let id: UUID
    /// The kind (`confirmation`, `reminder`…), from the template's name.
    let kind: String
    let template: String
    let channel: String
    let destination: String
    let deliverAfter: Date
    let variables: [String: String]
    /// The outbox state (`pending`, `cancelled`…).
    let status: String

    /// The text the person reads, from the template's default words in `language`.
    func text(in language: Language = .fr) -> String {
        guard let wording = AppointmentTemplates.catalog[template]?.defaults[language] else { return "" }
        return TemplateRenderer.render(wording, language: language, values: variables).text
    }
}

/// The ids a configured tenant has.
struct Setup: Sendable {
    let site: String
    let services: [String]
    let counters: [String]
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
