import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The tenants in `platform.tenants`: onboarding (a tenant row and its partitions in every
/// service schema, in one transaction), lookups by slug and id, and status changes.
public struct TenantDirectory: Sendable {
    private let database: PostgresPool

    /// A directory over `database` (the runtime role).
    public init(database: PostgresPool) {
        self.database = database
    }

    /// Why onboarding failed.
    public enum OnboardingError: Error, Sendable, Equatable {
        /// Another tenant already has this slug.
        case slugTaken
    }

    /// Creates a tenant and its partitions of every tenant-owned table, then runs `statements` in
    /// the same transaction with the new tenant set (its first rows: an administrator, settings).
    public func create(
        slug: String, name: LocalizedText, timeZone: String, id: UUID = .timeOrdered(), alongWith statements: [PostgresQuery] = []
    ) async throws -> Tenant {
        do {
            let rows = try await database.transaction(
                [
                    """
                    INSERT INTO platform.tenants (id, slug, name_fr, name_ar, name_en, time_zone)
                    VALUES (\(id), \(slug), \(name.fr), \(name.ar), \(name.en), \(timeZone))
                    RETURNING created_at
                    """,
                    "SELECT platform.provision_tenant(\(id))",
                ] + statements,
                tenant: statements.isEmpty ? nil : id)
            let createdAt = try rows[0].single(Date.self)
            return Tenant(id: id, slug: slug, name: name, timeZone: timeZone, status: .active, createdAt: createdAt)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw OnboardingError.slugTaken
        }
    }

    /// The tenant with `slug`, whatever its status, or nil.
    public func tenant(slug: String) async throws -> Tenant? {
        let rows = try await database.query(
            """
            SELECT id, slug, name_fr, name_ar, name_en, time_zone, status, created_at
            FROM platform.tenants WHERE slug = \(slug)
            """,
            tenant: nil)
        return try rows.first.map(Self.tenant(from:))
    }

    /// The active tenants, by slug.
    public func activeTenants() async throws -> [Tenant] {
        let rows = try await database.query(
            """
            SELECT id, slug, name_fr, name_ar, name_en, time_zone, status, created_at
            FROM platform.tenants WHERE status = 'active' ORDER BY slug
            """,
            tenant: nil)
        return try rows.map(Self.tenant(from:))
    }

    /// Changes a tenant's status; false when no tenant has that id.
    public func setStatus(_ status: Tenant.Status, of id: UUID) async throws -> Bool {
        let rows = try await database.query(
            "UPDATE platform.tenants SET status = \(status.rawValue), updated_at = now() WHERE id = \(id)", tenant: nil)
        return rows.rowsAffected == 1
    }

    private static func tenant(from row: PostgresRow) throws -> Tenant {
        let (id, slug, fr, ar, en, timeZone, status, createdAt) = try row.decode(
            (UUID, String, String, String?, String?, String, String, Date).self)
        return Tenant(
            id: id, slug: slug, name: LocalizedText(fr: fr, ar: ar, en: en), timeZone: timeZone,
            status: Tenant.Status(rawValue: status) ?? .suspended, createdAt: createdAt)
    }
}
