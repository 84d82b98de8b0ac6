import FoundationEssentials
import GuichetCore

/// What tenants may register as webhook endpoints, and how deliveries go.
public struct WebhookPolicy: Sendable {
    /// Which tenants may reach non-public addresses (their own private network): none by default.
    public enum PrivateNetworks: Sendable, Hashable {
        /// No tenant: only public addresses (the SSRF guard).
        case none
        /// Every tenant (development, tests).
        case all
        /// These tenants, by slug or id.
        case tenants(Set<String>)

        /// Reads `none` (or empty), `*`, or a comma-separated list of tenant slugs and ids.
        public init(parsing text: String) {
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed == "none" {
                self = .none
            } else if trimmed == "*" {
                self = .all
            } else {
                self = .tenants(Set(trimmed.split(separator: ",").map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }))
            }
        }

        /// The address policy for `tenant` (id and slug).
        public func policy(tenant: UUID, slug: String) -> AddressPolicy {
            switch self {
            case .none: .publicOnly
            case .all: .anyAddress
            case .tenants(let allowed):
                allowed.contains(slug.lowercased()) || allowed.contains(tenant.lowercaseString) ? .anyAddress : .publicOnly
            }
        }
    }

    /// Which tenants may reach non-public addresses (`GUICHET_WEBHOOK_PRIVATE_NETWORKS`).
    public var privateNetworks: PrivateNetworks
    /// Whether `http://` endpoints are accepted besides `https://` (`GUICHET_WEBHOOK_ALLOW_HTTP`).
    public var allowsPlainHTTP: Bool
    /// Timeouts of a delivery (`GUICHET_WEBHOOK_TIMEOUT_MS`) and TLS verification.
    public var http: OutboundHTTP.Configuration
    /// How long a replaced secret keeps signing when the rotation names no overlap.
    public var defaultOverlap: Duration
    /// The longest overlap an administrator may ask for.
    public var maximumOverlap: Duration

    /// The defaults: public addresses only, https only, 15 s per delivery, a day of overlap.
    public init(
        privateNetworks: PrivateNetworks = .none, allowsPlainHTTP: Bool = false, http: OutboundHTTP.Configuration = .init(),
        defaultOverlap: Duration = .seconds(86_400), maximumOverlap: Duration = .seconds(7 * 86_400)
    ) {
        self.privateNetworks = privateNetworks
        self.allowsPlainHTTP = allowsPlainHTTP
        self.http = http
        self.defaultOverlap = defaultOverlap
        self.maximumOverlap = maximumOverlap
    }
}
