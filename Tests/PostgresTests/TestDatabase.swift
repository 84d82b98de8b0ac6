import Foundation
import Glibc
import GuichetIO
@testable import GuichetPostgres
import Testing

/// The throwaway cluster the test scripts start, reached through the URLs they export.
enum TestDatabase {
    /// The runtime role (`guichet_app`: no superuser, no RLS bypass, owns nothing).
    static let url = environment("GUICHET_TEST_DATABASE_URL")
    /// The owner role (`guichet_owner`), for DDL.
    static let ownerURL = environment("GUICHET_TEST_DATABASE_OWNER_URL")
    /// A superuser.
    static let adminURL = environment("GUICHET_TEST_DATABASE_ADMIN_URL")

    /// Whether the scripts exported the URLs (integration tests are skipped otherwise).
    static var isConfigured: Bool { url != nil && ownerURL != nil }

    /// One group of two loops for every test in the process.
    static let group: EventLoopGroup = {
        do { return try EventLoopGroup(loopCount: 2) } catch { fatalError("cannot start event loops: \(error)") }
    }()

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// A pool for the runtime role (or another URL) with test-friendly defaults.
    static func pool(
        url: String? = nil, loops: EventLoopGroup? = nil, _ adjust: (inout PostgresPool.Configuration) -> Void = { _ in }
    ) -> PostgresPool {
        var configuration = PostgresPool.Configuration(url: url ?? self.url!)
        configuration.poolSize = 4
        configuration.applicationName = "guichet-tests"
        adjust(&configuration)
        return PostgresPool(configuration: configuration, group: loops ?? group)
    }

    /// Runs `body` with a fresh schema owned by the owner role, usable (tables read and written) by
    /// the runtime role through default privileges, then drops it.
    static func withSchema<Value>(
        _ setup: [String] = [], _ body: (_ schema: String, _ owner: PostgresPool) async throws -> Value
    ) async throws -> Value {
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let owner = pool(url: ownerURL!)
        var statements: [PostgresQuery] = [
            "CREATE SCHEMA \(unsafeRaw: schema)",
            "GRANT USAGE ON SCHEMA \(unsafeRaw: schema) TO guichet_app",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \(unsafeRaw: schema) GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO guichet_app",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \(unsafeRaw: schema) GRANT USAGE ON SEQUENCES TO guichet_app",
        ]
        statements += setup.map { PostgresQuery(unsafeSQL: $0.replacingOccurrences(of: "$schema", with: schema)) }
        _ = try await owner.transaction(statements, tenant: nil)
        do {
            let value = try await body(schema, owner)
            _ = try await owner.query("DROP SCHEMA \(unsafeRaw: schema) CASCADE", tenant: nil)
            await owner.shutdown()
            return value
        } catch {
            _ = try? await owner.query("DROP SCHEMA \(unsafeRaw: schema) CASCADE", tenant: nil)
            await owner.shutdown()
            throw error
        }
    }
}
