import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// What the outbox holds for one delivery of an event to one endpoint.
struct WebhookPayload: Codable, Sendable {
    /// The endpoint.
    let endpointId: UUID
    /// The tenant's slug (for the private-network allowance).
    let tenant: String
    /// The body to send, exactly.
    let body: String
}

/// The outbox channel `webhook`: posts an event to one endpoint, signed in the manner of the
/// Standard Webhooks specification with the endpoint's secret(s) of the moment, through
/// ``OutboundHTTP`` (redirects not followed, one timeout for the whole call, addresses checked
/// against the SSRF guard at every attempt).
///
/// 2xx is delivered. 410 Gone disables the endpoint and parks the message. Any other answer, a
/// timeout or a dropped connection is retried with back-off (`Retry-After` respected). A removed or
/// disabled endpoint, or one whose address is not allowed, refuses the message for good.
public final class WebhookChannel: OutboxChannel {
    /// The channel's name in the outbox.
    public static let name = "webhook"
    /// The channel's name in the outbox.
    public var name: String { Self.name }

    private let store: WebhookStore
    private let http: OutboundHTTP
    private let policy: WebhookPolicy
    private let clock: @Sendable () -> Date

    /// A channel for the endpoints in `store`.
    public init(store: WebhookStore, policy: WebhookPolicy, clock: @escaping @Sendable () -> Date = { Date() }) throws(TransportError) {
        self.store = store
        self.policy = policy
        self.http = try OutboundHTTP(configuration: policy.http)
        self.clock = clock
    }

    /// The call's timeout, and a margin for reading the endpoint.
    public var maximumDeliveryTime: Duration { policy.http.timeout + .seconds(5) }

    public func deliver(_ envelope: OutboxEnvelope) async -> DeliveryResult {
        let payload: WebhookPayload
        do {
            payload = try envelope.decodePayload(WebhookPayload.self)
        } catch {
            return .rejected("unreadable webhook payload: \(error)")
        }
        let endpoint: WebhookEndpoint
        do {
            guard let found = try await store.endpoint(payload.endpointId, tenant: envelope.tenant) else {
                return .rejected("the endpoint was removed")
            }
            endpoint = found
        } catch {
            return .failed("endpoint lookup failed: \(error)")
        }
        if endpoint.disabledAt != nil { return .rejected("the endpoint is disabled: \(endpoint.disabledReason ?? "by an administrator")") }
        guard let url = OutboundURL(endpoint.url), url.isSecure || policy.allowsPlainHTTP else {
            return .rejected("the endpoint's URL is not allowed")
        }
        let now = clock()
        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        let body = Array(payload.body.utf8)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("User-Agent", "Guichet-Webhooks/1.0")
        headers.add(WebhookSignature.idHeader, envelope.messageID)
        headers.add(WebhookSignature.timestampHeader, String(timestamp))
        headers.add(WebhookSignature.signatureHeader, WebhookSignature.sign(
            id: envelope.messageID, timestamp: timestamp, body: body, secrets: endpoint.signingSecrets(at: now)))
        let addressPolicy = policy.privateNetworks.policy(tenant: envelope.tenant, slug: payload.tenant)
        let response: OutboundHTTP.Response
        do {
            response = try await http.send(.post, to: url, headers: headers, body: body, policy: addressPolicy)
        } catch {
            if case .addressNotAllowed = error { return .rejected(error.description) }
            return .failed(error.description)
        }
        let summary = "HTTP \(response.status)" + (response.body.isEmpty ? "" : " " + String(decoding: response.body.prefix(200), as: UTF8.self))
        switch response.status {
        case 200..<300:
            return .delivered(summary, statusCode: response.status)
        case 410:
            try? await store.disable(endpoint.id, tenant: envelope.tenant, reason: "the endpoint answered 410 Gone")
            return .rejected("\(summary): the endpoint is disabled", statusCode: 410)
        case 300..<400:
            return .failed("\(summary): redirects are not followed; update the endpoint's URL", statusCode: response.status)
        default:
            return .failed(summary, statusCode: response.status, retryAfter: RetryAfter.parse(response.headers["retry-after"]))
        }
    }
}
