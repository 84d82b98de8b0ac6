@testable import Gateway
@testable import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Gateway: migrations and the kit's tables")
struct MigrationTests {
    @Test("its own tables in platform, the kit's in the gateway schema, then the nil tenant's outbox partition, in that order")
    func streams() throws {
        let streams = try KitMigrations.streams(for: Gateway.definition)
        #expect(streams.map(\.name) == ["platform", "gateway", "gateway.kit", "gateway.after-kit"])
        #expect(streams.map(\.searchPath) == [nil, "gateway", "gateway", "gateway"])
        // The gateway's own migrations name their schema everywhere: what they create lands in
        // platform whatever the search path (the last one makes the gateway schema itself).
        let own = try #require(streams.first { $0.name == "gateway" })
        for migration in own.migrations.dropLast() {
            for line in migration.sql.split(separator: "\n") where line.hasPrefix("CREATE TABLE ") || line.hasPrefix("CREATE FUNCTION ") {
                #expect(line.contains(" platform."), "\(migration.name): \(line)")
            }
        }
    }

    @Test("the gateway's outbox has a partition for the platform's nil tenant, and its tables follow the data rules")
    func partitions() async throws {
        let database = try await OutboxFixture.shared.value.database
        let bounds = try await database.query(
            """
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'gateway' AND c.relname LIKE '%\\_platform' ORDER BY 1
            """,
            tenant: nil)
        let rows = try bounds.map { try $0.decode((String, String).self) }
        #expect(rows.map(\.0) == ["outbox_attempts_platform", "outbox_messages_platform"])
        #expect(rows.allSatisfy { $0.1.contains("00000000-0000-0000-0000-000000000000") })
        let violations = try await database.query(
            "SELECT table_name, problem FROM platform.tenant_table_violations() WHERE table_name LIKE 'gateway.%'", tenant: nil)
        #expect(try violations.map { try $0.decode((String, String).self) }.isEmpty)
    }
}
