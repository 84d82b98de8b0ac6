import FoundationEssentials

/// An endpoint of another system, registered by a tenant's administrator for some of a service's
/// events.
public struct WebhookEndpoint: Sendable, Hashable {
    /// Its id.
    public var id: UUID
    /// Where deliveries go.
    public var url: String
    /// The event types it receives.
    public var eventTypes: [String]
    /// What it is, for people.
    public var description: String?
    /// The secret signing deliveries.
    public var secret: WebhookSecret
    /// The secret it replaced, signing too until `previousSecretExpiresAt`.
    public var previousSecret: WebhookSecret?
    /// When the previous secret stops signing.
    public var previousSecretExpiresAt: Date?
    /// When deliveries stopped (410 Gone, or an administrator), if they did.
    public var disabledAt: Date?
    /// Why they stopped.
    public var disabledReason: String?
    /// When it was registered.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// The secrets signing a delivery made at `now`: the current one, and the previous one during
    /// its overlap.
    public func signingSecrets(at now: Date) -> [WebhookSecret] {
        guard let previousSecret, let expiry = previousSecretExpiresAt, expiry > now else { return [secret] }
        return [secret, previousSecret]
    }
}
