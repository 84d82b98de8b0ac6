import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// An event a service tells other systems about (`complaint.submitted`), declared in code with
/// what its `data` holds: the catalogue tenants subscribe from, and the `webhooks` section of the
/// service's OpenAPI document.
public struct WebhookEventType: Sendable, Hashable {
    /// The event's name: full-stop delimited identifiers of `[a-z0-9_]` (`complaint.submitted`).
    public let name: String
    /// What happened, for people.
    public let summary: String
    /// The JSON Schema of the event's `data` member.
    public let dataSchema: JSONValue
    /// An example of `data`.
    public let example: JSONValue

    /// Declares an event type; a malformed name is a programming error and traps.
    public init(name: String, summary: String, dataSchema: JSONValue, example: JSONValue) {
        precondition(Self.isValidName(name), "invalid webhook event type \(name)")
        self.name = name
        self.summary = summary
        self.dataSchema = dataSchema
        self.example = example
    }

    /// Whether `name` is a valid event type name.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        guard (3...100).contains(name.utf8.count) else { return false }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "_")
            }
        }
    }
}

/// The events a service emits, by name.
public struct WebhookEventCatalog: Sendable {
    /// The declarations, by name.
    public let types: [String: WebhookEventType]

    /// A catalogue; two events of one name are a programming error and trap.
    public init(_ types: [WebhookEventType]) {
        var byName: [String: WebhookEventType] = [:]
        for type in types {
            precondition(byName.updateValue(type, forKey: type.name) == nil, "webhook event \(type.name) declared twice")
        }
        self.types = byName
    }

    /// The names, sorted.
    public var names: [String] { types.keys.sorted() }

    /// Whether the service emits `name`.
    public func contains(_ name: String) -> Bool { types[name] != nil }
}

/// One occurrence of an event, as sent: the Standard Webhooks payload `{type, timestamp, data}`,
/// with the event's id and the tenant's slug.
public struct WebhookEvent: Sendable {
    /// The event's id.
    public let id: UUID
    /// Its type.
    public let type: String
    /// When it happened.
    public let timestamp: Date
    /// The body sent to every subscribed endpoint (JSON, members in a stable order).
    public let body: [UInt8]

    private struct Envelope<Data: Encodable>: Encodable {
        let id: String
        let type: String
        let timestamp: String
        let tenant: String
        let data: Data
    }

    /// An event of `type` that happened at `timestamp` in `tenant`, with `data` (encoded with the
    /// house conventions: snake_case members).
    public init<Data: Encodable>(
        type: WebhookEventType, tenant: TenantReference, data: Data, timestamp: Date = Date(), id: UUID = .timeOrdered()
    ) throws {
        self.id = id
        self.type = type.name
        self.timestamp = timestamp
        body = try JSONCoding.encode(Envelope(
            id: id.lowercaseString, type: type.name,
            timestamp: RFC3339.format(timestamp, in: TimeZone.named(tenant.timeZone) ?? .casablanca, precision: .milliseconds),
            tenant: tenant.slug, data: data))
    }
}
