public import FoundationEssentials
public import GuichetCore

/// The messages about one booking, in the person's language and the tenant's wall time: what to
/// record when it is made, reminded, cancelled, moved or rescheduled. It computes the values of the
/// templates' variables; the words are the templates' (``MessageTexts``).
public struct BookingNotice: Sendable {
    /// The booking.
    public var booking: Booking
    /// Its site.
    public var site: Site
    /// Its service.
    public var service: AppointmentService
    /// The tenant's zone: dates and times in the texts are its wall time at the booking's start.
    public var zone: TenantTimeZone
    /// The person's language.
    public var language: Language

    /// A notice from its parts.
    public init(booking: Booking, site: Site, service: AppointmentService, zone: TenantTimeZone, language: Language) {
        self.booking = booking
        self.site = site
        self.service = service
        self.zone = zone
        self.language = language
    }

    /// The messages of `kind` to every way of reaching the person, to be sent from `deliverAfter`;
    /// `extra` adds variables (`hold`, `until_date`, `until_time` of an offer).
    public func messages(_ kind: AppointmentMessage.Kind, deliverAfter: Date, extra: [String: String] = [:]) -> [AppointmentMessage] {
        AppointmentMessage.to(
            booking.contact, bookingID: booking.id, kind: kind, language: language, deliverAfter: deliverAfter,
            variables: variables(kind, extra: extra))
    }

    /// The reminders of a booking made (or moved) at `now`, the booking being at `sequence` once
    /// the change commits: one message per reminder instant of `schedule` still ahead, per way of
    /// reaching the person, each with its ``ReminderIdentity`` id (so that the next change can
    /// withdraw them without reading them).
    public func reminders(_ schedule: ReminderSchedule, now: Date, sequence: Int) -> [AppointmentMessage] {
        let values = variables(.reminder, extra: [:])
        return schedule.reminders(for: booking.start, bookedAt: now).enumerated().flatMap { rank, instant in
            AppointmentMessage.to(
                booking.contact, bookingID: booking.id, kind: .reminder, language: language, deliverAfter: instant, variables: values,
                makeID: { ReminderIdentity.id(booking: booking.id, sequence: sequence, channel: $0, rank: rank) })
        }
    }

    /// The values of the variables of a message of `kind`: `service`, `site`, `address`, `phone`,
    /// `date` and `time` (the tenant's wall time, `23/03/2026` and `08:30`), `start` and `end`
    /// (RFC 3339 with the offset), `code` (not for an offer: a hold has none), `name` and
    /// `required_documents` when known, and `extra`.
    func variables(_ kind: AppointmentMessage.Kind, extra: [String: String]) -> [String: String] {
        let local = zone.localDateTime(at: booking.start)
        var values: [String: String] = [
            "service": service.name.text(in: language), "site": site.name.text(in: language),
            "address": site.address.text(in: language), "phone": site.phone,
            "date": Self.humanDate(local.date), "time": local.time.description,
            "start": zone.format(booking.start), "end": zone.format(booking.end),
        ]
        if kind != .waitingListOffer { values["code"] = booking.code.displayed }
        if let name = booking.contact.name, !name.isEmpty { values["name"] = name }
        if let documents = service.requiredDocuments?.text(in: language) { values["required_documents"] = documents }
        values.merge(extra) { _, new in new }
        return values
    }

    /// `23/03/2026`: how people read a date here, in every language.
    public static func humanDate(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }
}
