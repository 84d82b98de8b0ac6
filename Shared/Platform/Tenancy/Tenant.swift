import FoundationEssentials
import GuichetCore

/// A tenant of the platform: a ministry or public body, with its slug, names and time zone.
public struct Tenant: Sendable, Hashable, Codable {
    /// Where a tenant is in its life.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Serving.
        case active
        /// Temporarily closed: its paths answer 404, its data stays.
        case suspended
        /// Gone: partitions detached for export, then dropped.
        case offboarded
    }

    /// The tenant's id (`tenant_id` in every tenant-owned row).
    public var id: UUID
    /// The slug in public paths.
    public var slug: String
    /// The names in French, Arabic and English.
    public var name: LocalizedText
    /// The IANA time zone.
    public var timeZone: String
    /// The status.
    public var status: Status
    /// When the tenant was onboarded.
    public var createdAt: Date

    /// A tenant from its parts.
    public init(id: UUID, slug: String, name: LocalizedText, timeZone: String, status: Status, createdAt: Date) {
        self.id = id
        self.slug = slug
        self.name = name
        self.timeZone = timeZone
        self.status = status
        self.createdAt = createdAt
    }

    /// The reference a request in this tenant carries.
    public var reference: TenantReference {
        TenantReference(id: id, slug: slug, timeZone: timeZone)
    }
}
