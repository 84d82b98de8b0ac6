import FoundationEssentials

/// The tenant a request acts in, as the gateway resolved it from the path's slug: enough for a
/// service to scope its queries and speak the tenant's time.
public struct TenantReference: Sendable, Hashable, Codable {
    /// The tenant's id, the `tenant_id` of its rows.
    public var id: UUID
    /// The tenant's slug in public paths (`menfp`, `demo`).
    public var slug: String
    /// The tenant's IANA time zone (`Africa/Casablanca`).
    public var timeZone: String

    /// A tenant reference from its parts.
    public init(id: UUID, slug: String, timeZone: String) {
        self.id = id
        self.slug = slug
        self.timeZone = timeZone
    }
}
