import Foundation
@testable import GuichetPostgres
import Testing

@Suite("Smoke", .enabled(if: TestDatabase.isConfigured))
struct SmokeTests {
    @Test func selectOne() async throws {
        let pool = TestDatabase.pool()
        let rows = try await pool.query("SELECT 1::int4 AS one, \("x") AS text", tenant: nil)
        let (one, text) = try rows.single((Int32, String).self)
        #expect(one == 1)
        #expect(text == "x")
        let tenant = UUID()
        let value = try await pool.query("SELECT current_setting('app.tenant_id', true)", tenant: tenant)
        let setting = try value.single(String?.self)
        #expect(setting == tenant.uuidString.lowercased())
        await pool.shutdown()
    }
}
