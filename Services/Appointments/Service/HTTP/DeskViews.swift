import FoundationEssentials
import GuichetCore

/// The JSON shapes of the desk: the day's agenda and the queue.
enum DeskViews {
    struct AgendaEntry: Encodable {
        let code: String
        let status: String
        let start: String
        let end: String
        let service: String
        let counter: String
        let counterLabel: String
        let channel: String
        let contact: BookingViews.Contact
        let checkedInAt: String?
    }

    struct Agenda: Encodable {
        let site: String
        let date: String
        let bookings: [AgendaEntry]
    }

    struct Ticket: Encodable {
        let id: String
        let label: String
        let service: String
        let status: String
        let booking: String?
        let issuedAt: String
        let calledAt: String?
        let counter: String?
        /// The place in line among those waiting for the same service (1 is next), while waiting.
        let position: Int?

        init(_ record: TicketRecord, queue: SiteQueue?, zone: TenantTimeZone, now: Date) {
            let ticket = record.ticket
            id = record.id.lowercaseString
            label = ticket.label
            service = ticket.serviceID.lowercaseString
            status = ticket.status.rawValue
            if case .appointment(let booking, _) = ticket.origin { self.booking = booking.lowercaseString } else { booking = nil }
            issuedAt = zone.format(ticket.issuedAt)
            calledAt = ticket.calledAt.map(zone.format)
            counter = ticket.counterID?.lowercaseString
            position = queue?.position(of: ticket.label, at: now)
        }
    }

    struct ServiceCount: Encodable {
        let service: String
        let waiting: Int
    }

    struct Called: Encodable {
        let label: String
        let counter: String
    }

    /// The live state of a site's queue: counts for everyone (a screen in the hall), the tickets for
    /// the desk.
    struct Queue: Encodable {
        let site: String
        let date: String
        let waiting: Int
        let services: [ServiceCount]
        let called: [Called]
        let tickets: [Ticket]?
    }

    struct CheckedIn: Encodable {
        let booking: BookingViews.BookingView
        let ticket: Ticket
    }
}
