import Foundation
import GuichetCore
@testable import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Tenancy: partitions and row-level security")
struct TenancyTests {
    @Test("inside tenant A's transaction a query without a tenant filter sees only A's rows")
    func isolation() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let a = try await TestDatabase.makeTenant(in: database)
        let b = try await TestDatabase.makeTenant(in: database)
        try await NotesService.addNote("A1", tenant: a.id, database: database)
        try await NotesService.addNote("A2", tenant: a.id, database: database)
        try await NotesService.addNote("B1", tenant: b.id, database: database)

        let seenByA = try await database.query("SELECT tenant_id, body FROM rlstest.notes ORDER BY body", tenant: a.id)
        #expect(try seenByA.map { try $0.decode((UUID, String).self).1 } == ["A1", "A2"])
        #expect(try seenByA.allSatisfy { try $0.decode((UUID, String).self).0 == a.id })

        let seenByNobody = try await database.query("SELECT body FROM rlstest.notes", tenant: nil)
        #expect(seenByNobody.isEmpty)
    }

    @Test("a setting left by an earlier transaction on the same connection shows nothing")
    func settingDoesNotLeak() async throws {
        let service = try await NotesService.shared.value
        var configuration = PostgresPool.Configuration(url: TestDatabase.url)
        configuration.poolSize = 1
        let pool = PostgresPool(configuration: configuration, group: service.runtime.group)
        let tenant = try await TestDatabase.makeTenant(in: pool)
        try await NotesService.addNote("kept", tenant: tenant.id, database: pool)
        #expect(try await pool.query("SELECT count(*) FROM rlstest.notes", tenant: tenant.id).single(Int.self) == 1)
        // Same (only) connection, no tenant: the setting reads back as '' and NULLIF fails closed.
        let leftover = try await pool.query("SELECT current_setting('app.tenant_id', true)", tenant: nil).single(String?.self)
        #expect(leftover == "" || leftover == nil)
        #expect(try await pool.query("SELECT count(*) FROM rlstest.notes", tenant: nil).single(Int.self) == 0)
        await pool.shutdown()
    }

    @Test("the runtime role cannot read a partition directly")
    func partitionsAreNotGranted() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let partition = try await database.query(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'rlstest.notes'::regclass
              AND pg_get_expr(c.relpartbound, c.oid) LIKE '%' || \(tenant.id.lowercaseString) || '%'
            """,
            tenant: nil
        ).single(String.self)
        await #expect {
            _ = try await database.query(PostgresQuery(unsafeSQL: "SELECT * FROM rlstest.\(partition)"), tenant: tenant.id)
        } throws: { error in
            (error as? PostgresError)?.isInsufficientPrivilege == true
        }
    }

    @Test("a row for another tenant than the transaction's is refused")
    func withCheck() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let a = try await TestDatabase.makeTenant(in: database)
        let b = try await TestDatabase.makeTenant(in: database)
        await #expect {
            _ = try await database.query(
                "INSERT INTO rlstest.notes (tenant_id, id, body) VALUES (\(b.id), \(UUID.timeOrdered()), 'smuggled')",
                tenant: a.id)
        } throws: { error in
            (error as? PostgresError)?.isInsufficientPrivilege == true
        }
    }

    @Test("a write for a tenant without partitions fails loudly")
    func noPartitionNoWrite() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let id = UUID.timeOrdered()
        // A tenant row without partitions: an offboarded tenant, whose partitions were detached (and
        // which provisioning, run by every service's start, leaves alone).
        _ = try await database.query(
            """
            INSERT INTO platform.tenants (id, slug, name_fr, status)
            VALUES (\(id), \(TestDatabase.uniqueSlug("np")), 'Sans partitions', 'offboarded')
            """,
            tenant: nil)
        await #expect(throws: PostgresError.self) {
            try await NotesService.addNote("lost?", tenant: id, database: database)
        }
    }

    @Test("provisioning is idempotent and gives every partition its per-partition objects")
    func provisioning() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let again = try await database.query("SELECT platform.provision_tenant(\(tenant.id))", tenant: nil).single(Int.self)
        #expect(again == 0)
        let missing = try await database.query(
            """
            SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'rlstest.notes'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.conname = c.relname || '_body_length')
            """,
            tenant: nil
        ).single(Int.self)
        #expect(missing == 0)
        await #expect(throws: PostgresError.self) {
            try await NotesService.addNote(String(repeating: "x", count: 2000), tenant: tenant.id, database: database)
        }
    }

    @Test("a tenant foreign key is made on each tenant's pair of partitions: no row refers to a missing one or to another tenant's")
    func tenantForeignKeys() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let first = try await TestDatabase.makeTenant(in: database)
        let second = try await TestDatabase.makeTenant(in: database)
        let note = try await NotesService.addNote("linked", tenant: first.id, database: database)
        func link(_ note: UUID, tenant: UUID) async throws {
            _ = try await database.query(
                "INSERT INTO rlstest.note_links (tenant_id, note_id, url) VALUES (\(tenant), \(note), 'https://example.org')", tenant: tenant)
        }
        try await link(note, tenant: first.id)
        for (missing, tenant) in [(UUID.timeOrdered(), first.id), (note, second.id)] {
            await #expect {
                try await link(missing, tenant: tenant)
            } throws: { error in
                (error as? PostgresError)?.isForeignKeyViolation == true
            }
        }
        // ON DELETE CASCADE holds too; and no key joins the parents (each onboarding would lock every tenant's partitions).
        _ = try await database.query("DELETE FROM rlstest.notes WHERE tenant_id = \(first.id) AND id = \(note)", tenant: first.id)
        #expect(try await database.query("SELECT count(*) FROM rlstest.note_links", tenant: first.id).single(Int.self) == 0)
        let parentKeys = try await database.query(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'rlstest.note_links'::regclass AND contype = 'f'", tenant: nil
        ).single(Int.self)
        #expect(parentKeys == 0)
    }

    @Test("the operators the GIN and GiST indexes serve are leakproof, so row-level security leaves those indexes usable")
    func indexOperatorsAreLeakproof() async throws {
        let service = try await NotesService.shared.value
        let rows = try await service.runtime.database.query(
            """
            SELECT p.oid::regprocedure::text FROM pg_proc p
            WHERE p.oid IN (
                'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure, 'pg_catalog.arrayoverlap(anyarray, anyarray)'::regprocedure,
                'pg_catalog.arraycontains(anyarray, anyarray)'::regprocedure,
                'public.geometry_overlaps(public.geometry, public.geometry)'::regprocedure,
                'public.geometry_contains(public.geometry, public.geometry)'::regprocedure,
                'public.geography_overlaps(public.geography, public.geography)'::regprocedure)
              AND NOT p.proleakproof
            """,
            tenant: nil)
        let notLeakproof: [String] = try rows.map { try $0.decode(String.self) }
        #expect(notLeakproof.isEmpty, "deploy/postgres/bootstrap.sql marks them: \(notLeakproof)")
    }

    @Test("every tenant-owned table follows the data rules")
    func dataRules() async throws {
        let service = try await NotesService.shared.value
        let violations = try await service.runtime.database.query(
            "SELECT table_name || ': ' || problem FROM platform.tenant_table_violations()", tenant: nil)
        let findings: [String] = try violations.map { try $0.decode(String.self) }
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test("the runtime role is no superuser, cannot bypass RLS and owns nothing")
    func runtimeRole() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let (superuser, bypass) = try await database.query(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user", tenant: nil
        ).single((Bool, Bool).self)
        #expect(!superuser && !bypass)
        let owned = try await database.query(
            "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)",
            tenant: nil
        ).single(Int.self)
        #expect(owned == 0)
    }
}
