import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// Where the service records what must be sent (``AppointmentMessage``): statements to add to the
/// transaction of the change that causes the message, so a message exists exactly when its change
/// committed. The notification outbox of the platform kit delivers them; until it is wired in, they
/// wait in `appointments.messages` with status `pending`.
struct MessageOutbox: Sendable {
    /// The statement that records `messages` (none: nil).
    func recording(_ messages: [AppointmentMessage], tenant: UUID, now: Date) -> PostgresQuery? {
        guard !messages.isEmpty else { return nil }
        return """
            INSERT INTO appointments.messages (
                tenant_id, id, booking_id, kind, channel, destination, language, payload, deliver_after, created_at)
            SELECT \(tenant), m.id, m.booking_id, m.kind, m.channel, m.destination, m.language, m.payload, m.deliver_after, \(now)
            FROM unnest(
                \(messages.map(\.id)), \(messages.map { $0.bookingID?.lowercaseString ?? "" }),
                \(messages.map(\.kind.rawValue)), \(messages.map(\.channel.rawValue)), \(messages.map(\.destination)),
                \(messages.map(\.language.rawValue)), \(messages.map { String(decoding: $0.payload.encodedJSON, as: UTF8.self) }),
                \(messages.map(\.deliverAfter))
            ) AS u(id, booking, kind, channel, destination, language, payload, deliver_after),
            LATERAL (SELECT u.id, NULLIF(u.booking, '')::uuid AS booking_id, u.kind, u.channel, u.destination, u.language,
                            u.payload::jsonb AS payload, u.deliver_after) AS m
            """
    }

    /// The statement that cancels the messages of `kinds` still waiting for a booking (the reminders
    /// of a booking moved or cancelled).
    func cancellingPending(bookingID: UUID, kinds: [AppointmentMessage.Kind], tenant: UUID) -> PostgresQuery {
        """
        UPDATE appointments.messages SET status = 'cancelled'
        WHERE tenant_id = \(tenant) AND booking_id = \(bookingID) AND status = 'pending' AND kind = ANY(\(kinds.map(\.rawValue)))
        """
    }
}
