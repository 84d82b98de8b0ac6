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
        url: String? = nil, ownerURL: String? = nil, poolSize: Int = 4, poolTimeout: Duration = .seconds(2),
        runMigrations: Bool = true
    ) -> ServiceConfiguration {
        ServiceConfiguration(
            server: HTTPServer.Configuration(port: 0),
            eventLoops: 2,
            database: ServiceConfiguration.DatabaseSettings(
                url: url ?? self.url, ownerURL: ownerURL ?? self.ownerURL, poolSize: poolSize, poolTimeout: poolTimeout),
            logLevel: .error,
            runMigrations: runMigrations)
    }

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
