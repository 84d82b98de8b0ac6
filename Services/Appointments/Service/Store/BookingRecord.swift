import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A booking as stored: the domain's booking, and what the store keeps around it.
struct BookingRecord: Sendable {
    var booking: Booking
    /// The end of the time the counter is busy (end plus the service's buffer).
    var occupiedUntil: Date
    /// The group session's id, or the booking's own id.
    var occupancyKey: UUID
    /// The person's language.
    var language: Language
    /// Incremented on each change people see (the .ics SEQUENCE).
    var sequence: Int
    /// Who booked: an agent's subject for phone and desk bookings.
    var bookedBy: String?
    /// When the visitor checked in.
    var checkedInAt: Date?

    /// Whether the booking takes a seat of a group session.
    var isGroupSeat: Bool { occupancyKey != booking.id }

    static let columns = """
        id, code, site_id, service_id, counter_id, starts_at, ends_at, occupied_until, occupancy_key, seats, status,
        contact_name, contact_email, contact_phone, language, channel, booked_by, sequence, created_at, checked_in_at
        """

    /// The columns above with the table's alias `b.` in front of each.
    static let qualifiedColumns = columns.split(separator: ",").map { "b." + $0.trimmingWhitespace() }.joined(separator: ", ")

    /// A record from a row of ``columns``; nil for a hold (no code yet).
    static func decode(_ row: PostgresRow) throws -> BookingRecord? {
        let (
            id, code, site, service, counter, start, end, occupiedUntil, key, seats, status, name, email, phone, language, channel,
            bookedBy, sequence, createdAt, checkedInAt
        ) = try row.decode(
            (UUID, String?, UUID, UUID, UUID, Date, Date, Date, UUID, Int, String, String?, String?, String?, String, String, String?,
             Int, Date, Date?).self)
        guard let code = code.flatMap(BookingCode.init), let status = BookingStatus(rawValue: status) else { return nil }
        let contact = ContactDetails(name: name, email: email.flatMap(EmailAddress.init), phone: phone.flatMap { PhoneNumber($0) })
        let booking = Booking(
            id: id, code: code, siteID: site, serviceID: service, counterID: counter, start: start, end: end, seats: seats,
            contact: contact, channel: Channel(rawValue: channel) ?? .web, status: status, createdAt: createdAt)
        return BookingRecord(
            booking: booking, occupiedUntil: occupiedUntil, occupancyKey: key, language: Language(rawValue: language) ?? .fr,
            sequence: sequence, bookedBy: bookedBy, checkedInAt: checkedInAt)
    }
}

/// A hold as stored (a booking row in status `held`, or `expired` once it lapsed).
struct HoldRecord: Sendable {
    var id: UUID
    var siteID: UUID
    var serviceID: UUID
    var counterID: UUID
    var start: Date
    var end: Date
    var seats: Int
    /// `held`, `expired`, or the status of the booking it became.
    var status: String
    var expiresAt: Date?
    /// The waiting-list entry it was offered to, if any.
    var waitingEntryID: UUID?

    /// Whether it still holds its slot at `now`.
    func isLive(at now: Date) -> Bool {
        status == "held" && (expiresAt.map { $0 > now } ?? false)
    }
}
