import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: deadlines in working days, reminders and overdue alerts once each")
struct DeadlineTests {
    @Test("an urgent request received on a Friday is due three working days later; its reminder and overdue alert are raised once")
    func alertsOnce() async throws {
        // Friday 5 June 2026, 10:00 in Casablanca: weekends do not count.
        let clock = ManualWallClock("2026-06-05T10:00:00+01:00")
        let harness = try await MailHarness(clock: clock)
        let tenant = try await harness.makeTenant()
        let unit = UUID()
        let registrar = MailHarness.registrar(tenant)
        let urgent = try await harness.register(in: tenant, extra: #","priority":"urgent""#)
        #expect(urgent["due_on"]?.stringValue == "2026-06-10")
        let normal = try await harness.register(in: tenant)
        #expect(normal["due_on"]?.stringValue == "2026-07-06")  // 17 June (Islamic New Year) does not count
        let none = try await harness.register(in: tenant, type: "invitation")
        #expect(none["due_on"] == JSONValue.null)
        let id = try #require(urgent["id"]?.stringValue)
        _ = try await harness.call("POST", "/v1/\(tenant.slug)/mail/items/\(id)/routing", as: registrar, in: tenant,
            json: #"{"principal_unit":"\#(unit)"}"#)
        let view = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(id)", as: registrar, in: tenant).json()
        #expect(view["remind_on"]?.stringValue == "2026-06-08")

        let key = try AuditSigningKey.load(seed: nil, directory: harness.keysDirectory)
        let jobs = MailJobs(
            store: MailStore(database: MailHarness.database, clock: clock), audit: AuditLog(database: MailHarness.database), key: key,
            logger: TestDatabase.logger)
        func run(at instant: String) async throws -> MailJobs.Outcome {
            clock.set(to: RFC3339.parse(instant)!)
            return try await jobs.run(for: tenant.reference, now: clock.now)
        }
        #expect(try await run(at: "2026-06-05T18:00:00+01:00").reminders == 0)
        let monday = try await run(at: "2026-06-08T08:00:00+01:00")
        #expect(monday.reminders == 1 && monday.overdue == 0)
        #expect(monday.heads == 1)
        #expect(try await run(at: "2026-06-08T09:00:00+01:00") == MailJobs.Outcome())
        #expect(try await run(at: "2026-06-10T17:00:00+01:00").overdue == 0)
        let late = try await run(at: "2026-06-11T08:00:00+01:00")
        #expect(late.overdue == 1 && late.reminders == 0)
        #expect(try await run(at: "2026-06-12T08:00:00+01:00").overdue == 0)

        let processor = MailHarness.processor(tenant, units: [unit])
        let alerts = try await harness.call("GET", "/v1/\(tenant.slug)/mail/alerts", as: processor, in: tenant).json()
        #expect(alerts["items"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } == ["overdue", "reminder"])
        let overdue = try await harness.call("GET", "/v1/\(tenant.slug)/mail/baskets/overdue", as: processor, in: tenant).json()
        #expect(overdue["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
        let elsewhere = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/alerts", as: MailHarness.processor(tenant, units: [UUID()]), in: tenant).json()
        #expect(elsewhere["items"]?.arrayValue?.isEmpty == true)
        // The registry office sees the alerts of mail nobody was given yet.
        let office = try await harness.call("GET", "/v1/\(tenant.slug)/mail/alerts", as: registrar, in: tenant).json()
        #expect(office["items"]?.arrayValue?.count == 0)
        let heads = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/audit/heads", as: MailHarness.supervisor(tenant), in: tenant).json()
        #expect(heads["items"]?.arrayValue?.compactMap { $0["day"]?.stringValue }.contains("2026-06-07") == true)
        await harness.stop()
    }
}
