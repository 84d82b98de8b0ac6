import FoundationEssentials
import GuichetCore
import GuichetNotifications

/// What the appointments service tells the tenant's other systems through webhooks: a booking was
/// made, cancelled or moved. The data is thin — ids, times, status, channel, who acted — and never
/// the person's contact details nor the booking code (which lets its holder move or cancel it).
enum AppointmentEvents {
    /// Every event.
    static let catalog = WebhookEventCatalog([booked, cancelled, moved])

    /// Who made a change.
    enum Actor: String, Encodable {
        /// The person holding the booking (with its code and contact).
        case holder
        /// An agent of the tenant.
        case agent
        /// The service itself, when the administration's schedule changed (an absence, a closure).
        case administration
    }

    /// The `data` of every booking event.
    struct BookingData: Encodable {
        let id: String
        let site: String
        let service: String
        let start: String
        let end: String
        let status: String
        let channel: String
        let language: String
        let sequence: Int
        let by: String
        /// Where a moved booking was before.
        let previousStart: String?

        init(_ booking: Booking, language: Language, sequence: Int, by actor: Actor, previousStart: Date? = nil, zone: TenantTimeZone) {
            id = booking.id.lowercaseString
            site = booking.siteID.lowercaseString
            service = booking.serviceID.lowercaseString
            start = zone.format(booking.start)
            end = zone.format(booking.end)
            status = booking.status.rawValue
            channel = booking.channel.rawValue
            self.language = language.rawValue
            self.sequence = sequence
            by = actor.rawValue
            self.previousStart = previousStart.map(zone.format)
        }
    }

    static let booked = WebhookEventType(
        name: "appointment.booked", summary: "An appointment was booked (on the web, the app, by phone or at the desk).",
        dataSchema: schema(moved: false), example: example(status: "confirmed", by: "holder", previousStart: nil))
    static let cancelled = WebhookEventType(
        name: "appointment.cancelled", summary: "An appointment was cancelled by its holder or an agent.",
        dataSchema: schema(moved: false), example: example(status: "cancelled", by: "agent", previousStart: nil))
    static let moved = WebhookEventType(
        name: "appointment.moved",
        summary: "An appointment was moved to another time or counter: by its holder, an agent, or the administration (an absence, a closure).",
        dataSchema: schema(moved: true), example: example(status: "confirmed", by: "administration", previousStart: "2026-05-05T09:00:00+01:00"))

    private static func schema(moved: Bool) -> JSONValue {
        var required: [JSONValue] = ["id", "site", "service", "start", "end", "status", "channel", "language", "sequence", "by"]
        if moved { required.append("previous_start") }
        var properties: [String: JSONValue] = [
            "id": ["type": "string", "format": "uuid", "description": "The booking's id."],
            "site": ["type": "string", "format": "uuid"],
            "service": ["type": "string", "format": "uuid"],
            "start": ["type": "string", "format": "date-time"],
            "end": ["type": "string", "format": "date-time"],
            "status": ["type": "string", "enum": ["confirmed", "cancelled"]],
            "channel": ["type": "string", "enum": ["web", "mobile", "phone", "desk"], "description": "How it was booked."],
            "language": ["type": "string", "enum": ["fr", "ar", "en"]],
            "sequence": ["type": "integer", "minimum": 0, "description": "Bumped by every move and cancellation (the .ics SEQUENCE)."],
            "by": ["type": "string", "enum": ["holder", "agent", "administration"], "description": "Who made the change."],
        ]
        if moved { properties["previous_start"] = ["type": "string", "format": "date-time", "description": "Where it was before."] }
        return ["type": "object", "required": .array(required), "properties": .object(properties)]
    }

    private static func example(status: String, by: String, previousStart: String?) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": "01a2427a-cce5-712d-b770-8d6efec68b8b", "site": "01a2427a-0000-7000-8000-000000000001",
            "service": "01a2427a-0000-7000-8000-000000000002", "start": "2026-05-06T10:30:00+01:00", "end": "2026-05-06T11:00:00+01:00",
            "status": .string(status), "channel": "web", "language": "fr", "sequence": previousStart == nil ? 0 : 1, "by": .string(by),
        ]
        if let previousStart { members["previous_start"] = .string(previousStart) }
        return .object(members)
    }
}
