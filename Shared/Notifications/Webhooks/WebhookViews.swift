import FoundationEssentials
import GuichetCore
import GuichetPlatform

/// The JSON shapes of the webhook routes.
enum WebhookViews {
    struct EventType: Encodable {
        let name: String
        let summary: String
    }

    struct EventTypes: Encodable {
        let eventTypes: [EventType]
    }

    /// A registration or a change (every member optional in a change). `description` may be
    /// `null` to remove it.
    struct Input: Decodable {
        let url: String?
        let eventTypes: [String]?
        let description: String??
        let disabled: Bool?

        enum CodingKeys: String, CodingKey {
            case url, eventTypes, description, disabled
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            eventTypes = try container.decodeIfPresent([String].self, forKey: .eventTypes)
            description = container.contains(.description) ? .some(try container.decodeIfPresent(String.self, forKey: .description)) : .none
            disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled)
        }
    }

    struct Rotation: Decodable {
        let overlapSeconds: Int?
    }

    struct Endpoint: Encodable {
        let id: String
        let url: String
        let eventTypes: [String]
        let description: String?
        let disabled: Bool
        let disabledAt: String?
        let disabledReason: String?
        /// Present only when the secret was just made (registration, rotation).
        let secret: String?
        /// Until when the previous secret signs too.
        let previousSecretExpiresAt: String?
        let createdAt: String
        let updatedAt: String

        init(_ endpoint: WebhookEndpoint, secret: String?, timeZone: TimeZone) {
            id = endpoint.id.lowercaseString
            url = endpoint.url
            eventTypes = endpoint.eventTypes
            description = endpoint.description
            disabled = endpoint.disabledAt != nil
            disabledAt = endpoint.disabledAt.map { RFC3339.format($0, in: timeZone) }
            disabledReason = endpoint.disabledReason
            self.secret = secret
            previousSecretExpiresAt = endpoint.previousSecretExpiresAt.flatMap { $0 > Date() ? RFC3339.format($0, in: timeZone) : nil }
            createdAt = RFC3339.format(endpoint.createdAt, in: timeZone)
            updatedAt = RFC3339.format(endpoint.updatedAt, in: timeZone)
        }
    }

    struct EndpointList: Encodable {
        let endpoints: [Endpoint]
    }

    struct Attempt: Encodable {
        let startedAt: String
        let durationMs: Int
        let outcome: String
        let statusCode: Int?
        let detail: String?
    }

    struct Delivery: Encodable {
        let id: String
        let eventType: String
        let state: String
        let attemptCount: Int
        let nextAttemptAt: String?
        let lastError: String?
        let createdAt: String
        let deliveredAt: String?
        let attempts: [Attempt]

        init(_ message: OutboxMessageRecord, attempts: [OutboxAttemptRecord], timeZone: TimeZone) {
            id = message.id.lowercaseString
            eventType = message.topic
            state = message.state.rawValue
            attemptCount = message.attempts
            nextAttemptAt = message.state == .pending ? RFC3339.format(message.availableAt, in: timeZone) : nil
            lastError = message.lastError
            createdAt = RFC3339.format(message.createdAt, in: timeZone)
            deliveredAt = message.deliveredAt.map { RFC3339.format($0, in: timeZone) }
            self.attempts = attempts.map {
                Attempt(
                    startedAt: RFC3339.format($0.startedAt, in: timeZone, precision: .milliseconds), durationMs: $0.durationMilliseconds,
                    outcome: $0.outcome.rawValue, statusCode: $0.statusCode, detail: $0.detail)
            }
        }
    }

    struct DeliveryList: Encodable {
        let deliveries: [Delivery]
        let nextBefore: String?
    }
}
