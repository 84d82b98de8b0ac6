import Foundation
@testable import Appointments
import GuichetCore
import GuichetPostgres
import GuichetTestSupport
import Testing

extension ServiceSuite {
    /// The guarantee the database gives: a counter is never booked twice for overlapping times, and a
    /// group session never takes more people than its capacity — whatever the concurrency.
    @Suite("Appointments: no double booking under contention")
    struct ConcurrencyTests {
        /// A schedule with one slot a day (08:30–09:00) every day.
        static let oneSlot = #"{"monday":["08:30-09:00"],"tuesday":["08:30-09:00"],"wednesday":["08:30-09:00"],"thursday":["08:30-09:00"],"friday":["08:30-09:00"],"saturday":["08:30-09:00"],"sunday":["08:30-09:00"]}"#

        /// `count` booking attempts at once, each with its own phone number (no per-person cap in play).
        static func attempts(
            _ count: Int, client: TenantClient, site: String, service: (Int) -> String, start: (Int) -> String
        ) async throws -> [RawResponse] {
            let bodies = (0..<count).map { index in
                client.bookingJSON(site: site, service: service(index), start: start(index), phone: "06" + String(10_000_000 + index))
            }
            return try await withThrowingTaskGroup(of: RawResponse.self) { group in
                for body in bodies {
                    group.addTask { try await client.call("POST", "/bookings", json: body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }

        /// Pairs of live bookings on one counter whose busy ranges overlap (must be none), counted by
        /// the database itself.
        static func overlaps(_ fixture: AppointmentsFixture, tenant: TenantReference) async throws -> Int {
            try await fixture.service.runtime.database.query(
                """
                SELECT count(*) FROM appointments.bookings a JOIN appointments.bookings b
                  ON a.tenant_id = b.tenant_id AND a.counter_id = b.counter_id AND a.id < b.id AND a.occupancy_key <> b.occupancy_key
                 AND tstzrange(a.starts_at, a.occupied_until) && tstzrange(b.starts_at, b.occupied_until)
                WHERE a.tenant_id = \(tenant.id) AND b.tenant_id = \(tenant.id)
                  AND a.status IN ('held', 'confirmed', 'checked_in') AND b.status IN ('held', 'confirmed', 'checked_in')
                """,
                tenant: tenant.id
            ).single(Int.self)
        }

        @Test("200 attempts at once on a counter's last free slot: exactly one 201, every other a 409 with next_slots")
        func lastSlot() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(schedule: Self.oneSlot)
                let answers = try await Self.attempts(
                    200, client: client, site: setup.site, service: { _ in setup.services[0] }, start: { _ in "2026-05-05T08:30:00+01:00" })
                #expect(answers.filter { $0.status == 201 }.count == 1)
                let refused = answers.filter { $0.status != 201 }
                #expect(refused.count == 199)
                #expect(refused.allSatisfy { $0.status == 409 && TenantClient.object($0)["code"] as? String == "slot_taken" })
                for answer in refused.prefix(5) {
                    let next = try #require(TenantClient.object(answer)["next_slots"] as? [[String: Any]])
                    #expect(next.first?["start"] as? String == "2026-05-06T08:30:00+01:00")
                }
                let booked = try await fixture.service.runtime.database.query(
                    "SELECT count(*) FROM appointments.bookings WHERE tenant_id = \(client.tenant.id) AND status = 'confirmed'",
                    tenant: client.tenant.id
                ).single(Int.self)
                #expect(booked == 1)
                #expect(try await Self.overlaps(fixture, tenant: client.tenant) == 0)
            }
        }

        @Test("a group session of capacity 5: 200 attempts at once give exactly 5 bookings")
        func groupCapacity() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(
                    services: [#"{"name":{"fr":"Séance d'information"},"duration_minutes":30,"capacity":5}"#], schedule: Self.oneSlot)
                let answers = try await Self.attempts(
                    200, client: client, site: setup.site, service: { _ in setup.services[0] }, start: { _ in "2026-05-05T08:30:00+01:00" })
                #expect(answers.filter { $0.status == 201 }.count == 5)
                #expect(answers.filter { $0.status == 409 }.count == 195)
                let seats = try await fixture.service.runtime.database.query(
                    "SELECT seats_taken, capacity FROM appointments.sessions WHERE tenant_id = \(client.tenant.id)", tenant: client.tenant.id
                ).single((Int, Int).self)
                #expect(seats.0 == 5 && seats.1 == 5)
                let availability = try await client.call(
                    "GET", "/availability?site=\(setup.site)&service=\(setup.services[0])&from=2026-05-05&to=2026-05-05")
                #expect((TenantClient.object(availability)["slots"] as? [Any])?.isEmpty == true)
                #expect(try await Self.overlaps(fixture, tenant: client.tenant) == 0)
            }
        }

        @Test("partial overlaps between services of different durations are refused the same way")
        func partialOverlaps() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(services: [
                    #"{"name":{"fr":"Passeport"},"duration_minutes":30}"#, #"{"name":{"fr":"Carte nationale"},"duration_minutes":45}"#,
                ])
                // 45 minutes at 09:15 (until 10:00) overlaps 30 minutes at 09:30 (until 10:00).
                let answers = try await Self.attempts(
                    200, client: client, site: setup.site, service: { setup.services[$0 % 2] },
                    start: { $0 % 2 == 0 ? "2026-05-05T09:30:00+01:00" : "2026-05-05T09:15:00+01:00" })
                #expect(answers.filter { $0.status == 201 }.count == 1)
                #expect(answers.filter { $0.status == 409 }.count == 199)
                #expect(try await Self.overlaps(fixture, tenant: client.tenant) == 0)

                // Sequentially, both ways: the 45-minute slot at 08:30 blocks the 30-minute one at 09:00.
                let long = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[1], start: "2026-05-06T08:30:00+01:00", phone: "0611111111"))
                #expect(long.status == 201)
                let short = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T09:00:00+01:00", phone: "0622222222"))
                #expect(short.status == 409)
                let shortAt = try await client.call(
                    "POST", "/bookings",
                    json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-06T09:30:00+01:00", phone: "0622222222"))
                #expect(shortAt.status == 201)
            }
        }

        @Test("two counters: 200 attempts on one start give exactly two bookings, one per counter")
        func twoCounters() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure(counters: 2, schedule: Self.oneSlot)
                let answers = try await Self.attempts(
                    200, client: client, site: setup.site, service: { _ in setup.services[0] }, start: { _ in "2026-05-05T08:30:00+01:00" })
                #expect(answers.filter { $0.status == 201 }.count == 2)
                let counters = try await fixture.service.runtime.database.query(
                    """
                    SELECT count(DISTINCT counter_id) FROM appointments.bookings
                    WHERE tenant_id = \(client.tenant.id) AND status = 'confirmed'
                    """,
                    tenant: client.tenant.id
                ).single(Int.self)
                #expect(counters == 2)
            }
        }

        @Test("the database refuses an overlapping booking even when the service's own check is bypassed")
        func constraintHoldsWithoutTheService() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                let client = try await fixture.tenant()
                let setup = try await client.configure()
                let booked = try await client.call(
                    "POST", "/bookings", json: client.bookingJSON(site: setup.site, service: setup.services[0], start: "2026-05-05T10:00:00+01:00"))
                #expect(booked.status == 201)
                let database = fixture.service.runtime.database
                let tenant = client.tenant.id
                // A second row on the same counter, 15 minutes later, straight into the table.
                await #expect {
                    _ = try await database.query(
                        """
                        INSERT INTO appointments.bookings (
                            tenant_id, id, code, site_id, service_id, counter_id, starts_at, ends_at, occupied_until, occupancy_key, status,
                            channel, created_at, updated_at)
                        SELECT tenant_id, \(UUID.timeOrdered()), 'ABCDE12345', site_id, service_id, counter_id,
                               starts_at + interval '15 minutes', ends_at + interval '15 minutes', occupied_until + interval '15 minutes',
                               gen_random_uuid(), 'confirmed', 'desk', now(), now()
                        FROM appointments.bookings WHERE tenant_id = \(tenant)
                        """,
                        tenant: tenant)
                } throws: { error in
                    (error as? PostgresError)?.isExclusionViolation == true
                }
            }
        }

        @Test("every tenant partition of bookings carries the exclusion constraint, and provisioning restores a missing one")
        func everyPartitionHasTheConstraint() async throws {
            try await AppointmentsFixture.run(now: "2026-05-04T09:00:00+01:00") { fixture in
                _ = try await fixture.tenant()
                _ = try await fixture.tenant()
                let database = fixture.service.runtime.database
                let missing: PostgresQuery = """
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'appointments.bookings'::regclass
                      AND NOT EXISTS (
                        SELECT 1 FROM pg_constraint k
                        WHERE k.conrelid = c.oid AND k.contype = 'x' AND k.conname = c.relname || '_no_overlap'
                          AND pg_get_constraintdef(k.oid) LIKE '%counter_id WITH =%tstzrange(starts_at, occupied_until) WITH &&%')
                    """
                let partitions = try await database.query(
                    "SELECT count(*) FROM pg_inherits WHERE inhparent = 'appointments.bookings'::regclass", tenant: nil
                ).single(Int.self)
                #expect(partitions >= 2)
                #expect(try await database.query(missing, tenant: nil).isEmpty)

                // A partition that lost it (a tenant provisioned before the constraint existed) gets it
                // back from provision_all_tenants, which the kit runs after every service's migrations.
                let extra = try await fixture.tenant()
                let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
                let partition = try await owner.query(
                    """
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'appointments.bookings'::regclass
                      AND pg_get_expr(c.relpartbound, c.oid) LIKE '%' || \(extra.tenant.id.lowercaseString) || '%'
                    """,
                    tenant: nil
                ).single(String.self)
                _ = try await owner.query(
                    PostgresQuery(unsafeSQL: "ALTER TABLE appointments.\(partition) DROP CONSTRAINT \(partition)_no_overlap"), tenant: nil)
                let stripped = try await database.query(missing, tenant: nil).map { try $0.decode(String.self) }
                #expect(stripped == [partition])
                _ = try await owner.query("SELECT platform.provision_all_tenants()", tenant: nil)
                #expect(try await database.query(missing, tenant: nil).isEmpty)
                await owner.shutdown()
            }
        }
    }
}
