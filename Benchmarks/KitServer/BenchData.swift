import FoundationEssentials
import GuichetCore
import GuichetPlatform
import GuichetPostgres

/// The data the kit benchmark reads, made at start when missing (idempotent): `tenants` tenants
/// `bench-01`, `bench-02`, … and, in `benchkit.items`, ids 1…`items` for `bench-01` and
/// 1…`itemsPerOtherTenant` for each of the others — written as the runtime role with the tenant
/// set, as any service writes.
struct BenchData {
    /// How much to make; read from `KIT_BENCH_TENANTS`, `KIT_BENCH_ITEMS` and
    /// `KIT_BENCH_OTHER_ITEMS`.
    struct Configuration {
        /// The number of tenants (default 20).
        var tenants: Int
        /// The rows of the first tenant, `bench-01`, the one the benchmark reads (default 100,000).
        var items: Int
        /// The rows of every other tenant (default 1,000).
        var itemsPerOtherTenant: Int

        /// Reads the configuration, recording malformed values in `environment`.
        init(reading environment: inout Environment) {
            tenants = environment.int("KIT_BENCH_TENANTS", default: 20, range: 1...999)
            items = environment.int("KIT_BENCH_ITEMS", default: 100_000, range: 0...100_000_000)
            itemsPerOtherTenant = environment.int("KIT_BENCH_OTHER_ITEMS", default: 1_000, range: 0...100_000_000)
        }
    }

    let configuration: Configuration
    let database: PostgresPool

    /// The slug of tenant number `index` (1-based).
    static func slug(_ index: Int) -> String {
        index < 10 ? "bench-0\(index)" : "bench-\(index)"
    }

    /// Makes the missing tenants and rows; returns every active tenant's id by slug.
    func prepare(logger: Logger) async throws -> [String: UUID] {
        let directory = TenantDirectory(database: database)
        for index in 1...configuration.tenants {
            let slug = Self.slug(index)
            let tenant: Tenant
            if let existing = try await directory.tenant(slug: slug) {
                tenant = existing
            } else {
                tenant = try await directory.create(
                    slug: slug, name: LocalizedText(fr: "Banc d'essai \(index)", en: "Bench \(index)"), timeZone: "Africa/Casablanca")
            }
            let count = index == 1 ? configuration.items : configuration.itemsPerOtherTenant
            let rows = try await database.query(
                """
                INSERT INTO benchkit.items (tenant_id, id, name)
                SELECT \(tenant.id), g, 'item ' || g FROM generate_series(1::bigint, \(Int64(count))) AS g
                ON CONFLICT DO NOTHING
                """,
                tenant: tenant.id)
            if rows.rowsAffected > 0 {
                logger.info("bench rows made", ["tenant": .string(slug), "rows": .number(Double(rows.rowsAffected))])
            }
        }
        var tenants: [String: UUID] = [:]
        for tenant in try await directory.activeTenants() {
            tenants[tenant.slug] = tenant.id
        }
        return tenants
    }
}
