import Foundation
import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetPlatform
import GuichetPostgres

/// The throwaway PostgreSQL that `make test` starts, and helpers to use it.
///
/// `scripts/test.sh` exports `GUICHET_TEST_DATABASE_URL` (the runtime role),
/// `GUICHET_TEST_DATABASE_OWNER_URL` (the owner role) and `GUICHET_TEST_DATABASE_ADMIN_URL` (a
/// superuser). Tests isolate themselves by tenant: each makes its own with a random slug.
public enum TestDatabase {
    /// The runtime role's URL.
    public static var url: String { variable("GUICHET_TEST_DATABASE_URL") }
    /// The owner role's URL.
    public static var ownerURL: String { variable("GUICHET_TEST_DATABASE_OWNER_URL") }
    /// A superuser's URL.
    public static var adminURL: String { variable("GUICHET_TEST_DATABASE_ADMIN_URL") }
    /// The repository's root, for scripts.
    public static var repositoryRoot: String {
        ProcessInfo.processInfo.environment["GUICHET_REPO_ROOT"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    private static func variable(_ name: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            fatalError("\(name) is not set: run the tests with `make test`, which starts a throwaway PostgreSQL")
        }
        return value
    }

    /// A service configuration for tests: a free port, two loops, the test database.
    public static func configuration(
        url: String? = nil, ownerURL: String? = nil, poolSize: Int = 4, poolTimeout: Duration = Self.poolTimeout,
        runMigrations: Bool = true
    ) -> ServiceConfiguration {
        ServiceConfiguration(
            server: HTTPServer.Configuration(port: 0),
            eventLoops: 2,
            database: ServiceConfiguration.DatabaseSettings(
                url: url ?? self.url, ownerURL: ownerURL ?? self.ownerURL, poolSize: poolSize, poolTimeout: poolTimeout,
                statementTimeout: statementTimeout),
            logLevel: .error,
            runMigrations: runMigrations)
    }

    /// How long a test's request waits for a database connection: a safety valve, not a timing
    /// check. The suites run in parallel on two cores while tenants are onboarded (each makes some
    /// eighty partitions, one onboarding at a time), so a wait of seconds is normal there; a test
    /// about pool timeouts sets its own.
    public static let poolTimeout: Duration = .seconds(180)

    /// How long a test's statement may run: a safety valve too (an onboarding waits for the ones
    /// before it), far above anything a test does when the machine is not saturated.
    public static let statementTimeout: Duration = .seconds(120)

    /// One group of two loops shared by the tests of a process.
    public static let group: EventLoopGroup = {
        do { return try EventLoopGroup(loopCount: 2) } catch { fatalError("cannot start event loops: \(error)") }
    }()

    /// A pool for the runtime role (or another URL) with test-friendly defaults.
    public static func pool(
        url: String? = nil, loops: EventLoopGroup? = nil, _ adjust: (inout PostgresPool.Configuration) -> Void = { _ in }
    ) -> PostgresPool {
        var configuration = PostgresPool.Configuration(url: url ?? self.url)
        configuration.poolSize = 4
        configuration.poolTimeout = poolTimeout
        configuration.statementTimeout = statementTimeout
        configuration.applicationName = "guichet-tests"
        adjust(&configuration)
        return PostgresPool(configuration: configuration, group: loops ?? group)
    }

    /// Runs `body` with a fresh schema owned by the owner role, whose tables the runtime role may
    /// read and write (through default privileges), then drops it.
    public static func withSchema<Value>(
        _ setup: [String] = [], _ body: (_ schema: String, _ owner: PostgresPool) async throws -> Value
    ) async throws -> Value {
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let owner = pool(url: ownerURL)
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

    /// The platform administrator's password in every test gateway (the first gateway started
    /// against the test database creates the account).
    public static let administratorPassword = "correct horse battery staple"

    /// A quiet logger for tests.
    public static let logger = Logger(configuration: Logger.Configuration(minimumLevel: .error))

    /// A slug no other test uses.
    public static func uniqueSlug(_ prefix: String = "t") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Makes a tenant with a random slug (and its partitions).
    public static func makeTenant(in database: PostgresPool, timeZone: String = "Africa/Casablanca") async throws -> Tenant {
        let slug = uniqueSlug()
        return try await TenantDirectory(database: database).create(
            slug: slug, name: LocalizedText(fr: "Ministère \(slug)", ar: "وزارة \(slug)", en: "Ministry \(slug)"),
            timeZone: timeZone)
    }
}
