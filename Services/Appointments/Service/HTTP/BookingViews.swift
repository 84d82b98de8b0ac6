import FoundationEssentials
import GuichetCore

/// The JSON shapes of bookings, holds and verifications.
enum BookingViews {
    struct Reference: Encodable {
        let id: String
        let name: LocalizedText
    }

    struct Contact: Encodable {
        let name: String?
        let phone: String?
        let email: String?

        init(_ contact: ContactDetails) {
            name = contact.name
            phone = contact.phone?.e164
            email = contact.email?.value
        }
    }

    struct Links: Encodable {
        let `self`: String
        let ics: String
    }

    /// A booking as its holder (or an agent, with `counter` and `contact`) sees it.
    struct BookingView: Encodable {
        let code: String
        let status: String
        let start: String
        let end: String
        let site: Reference
        let service: Reference
        let channel: String
        let cancellableUntil: String
        let movableUntil: String
        let requiredDocuments: LocalizedText?
        let counter: String?
        let contact: Contact?
        let links: Links

        init(
            _ booking: Booking, site: Site, service: AppointmentService, zone: TenantTimeZone, tenantSlug: String,
            counterLabel: String? = nil, showContact: Bool = false
        ) {
            code = booking.code.displayed
            status = booking.status.rawValue
            start = zone.format(booking.start)
            end = zone.format(booking.end)
            self.site = Reference(id: site.id.lowercaseString, name: site.name)
            self.service = Reference(id: service.id.lowercaseString, name: service.name)
            channel = booking.channel.rawValue
            cancellableUntil = zone.format(booking.cancellationDeadline(cutoff: service.cancellationCutoff))
            movableUntil = zone.format(booking.cancellationDeadline(cutoff: service.moveCutoff))
            requiredDocuments = service.requiredDocuments
            counter = counterLabel
            contact = showContact ? Contact(booking.contact) : nil
            let path = "/v1/\(tenantSlug)/appointments/bookings/\(booking.code.displayed)"
            links = Links(self: path, ics: path + ".ics")
        }
    }

    struct HoldView: Encodable {
        let id: String
        let site: String
        let service: String
        let start: String
        let end: String
        let expiresAt: String
    }

    struct VerificationView: Encodable {
        let id: String
        let channel: String
        /// The destination, partly masked (`+2126••••••78`).
        let destination: String
        let expiresAt: String
        let verifiedUntil: String?
    }

    /// `+212612345678` → `+2126••••••78`; `amal@example.ma` → `a•••@example.ma`.
    static func masked(_ destination: String) -> String {
        if let at = destination.firstIndex(of: "@") {
            return String(destination.prefix(1)) + "•••" + String(destination[at...])
        }
        guard destination.count > 7 else { return String(repeating: "•", count: destination.count) }
        return String(destination.prefix(5)) + String(repeating: "•", count: destination.count - 7) + String(destination.suffix(2))
    }
}
