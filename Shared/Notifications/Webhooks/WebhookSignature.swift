import FoundationEssentials
import GuichetCrypto

/// A webhook endpoint's signing secret: 32 random bytes, shown to the tenant once as
/// `whsec_<base64>` (the Standard Webhooks form), kept in the service's schema to sign deliveries.
public struct WebhookSecret: Sendable, Hashable {
    /// The HMAC-SHA256 key.
    public let key: [UInt8]

    /// A new random secret.
    public static func generate() -> WebhookSecret {
        WebhookSecret(checked: SecureRandom.bytes(count: 32))
    }

    private init(checked key: [UInt8]) {
        self.key = key
    }

    /// A secret from its key bytes (24 to 64 of them).
    public init?(key: [UInt8]) {
        guard (24...64).contains(key.count) else { return nil }
        self.init(checked: key)
    }

    /// Parses `whsec_<base64>`.
    public init?(_ text: String) {
        guard text.hasPrefix("whsec_"), let key = Base64.decode(text.dropFirst(6)) else { return nil }
        self.init(key: key)
    }

    /// `whsec_<base64>`, as given to the tenant.
    public var text: String { "whsec_" + Base64.encode(key) }
}

/// Signatures in the manner of the Standard Webhooks specification: the headers `webhook-id`
/// (the message's stable id), `webhook-timestamp` (Unix seconds of this attempt) and
/// `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
/// — one per secret in force, so that during a rotation both the new and the previous secret sign.
///
/// Receivers verify with ``verify(id:timestamp:signature:body:secrets:tolerance:now:)``.
public enum WebhookSignature {
    /// The header carrying the message id.
    public static let idHeader = "webhook-id"
    /// The header carrying the attempt's time.
    public static let timestampHeader = "webhook-timestamp"
    /// The header carrying the signatures.
    public static let signatureHeader = "webhook-signature"

    /// The `webhook-signature` value for `body` sent as message `id` at `timestamp` (Unix seconds),
    /// signed with each of `secrets`.
    public static func sign(id: String, timestamp: Int64, body: [UInt8], secrets: [WebhookSecret]) -> String {
        let content = Array("\(id).\(timestamp).".utf8) + body
        return secrets.map { "v1," + Base64.encode(HMAC.sha256(key: $0.key, data: content)) }.joined(separator: " ")
    }

    /// Whether a delivery is authentic: its timestamp within `tolerance` of `now`, and one of the
    /// `v1` signatures made with one of `secrets` (compared in constant time).
    public static func verify(
        id: String, timestamp: String, signature: String, body: [UInt8], secrets: [WebhookSecret],
        tolerance: Duration = .seconds(300), now: Date = Date()
    ) -> Bool {
        guard !id.isEmpty, !id.contains("."), let seconds = Int64(timestamp),
            abs(Double(seconds) - now.timeIntervalSince1970) <= tolerance.timeInterval
        else { return false }
        let content = Array("\(id).\(seconds).".utf8) + body
        let expected = secrets.map { HMAC.sha256(key: $0.key, data: content) }
        for entry in signature.split(separator: " ") {
            guard entry.hasPrefix("v1,"), let candidate = Base64.decode(entry.dropFirst(3)) else { continue }
            if expected.contains(where: { constantTimeEquals($0, candidate) }) { return true }
        }
        return false
    }
}
