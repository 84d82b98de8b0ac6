public import FoundationEssentials
public import GuichetCore

/// The messages about one booking, in the person's language and the tenant's wall time: what to
/// record when it is made, reminded, cancelled, moved or rescheduled.
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
    /// `extra` adds placeholders (`hold`, `until_date`, `until_time` of an offer).
    public func messages(_ kind: AppointmentMessage.Kind, deliverAfter: Date, extra: [String: String] = [:]) -> [AppointmentMessage] {
        AppointmentMessage.to(
            booking.contact, bookingID: booking.id, kind: kind, language: language, deliverAfter: deliverAfter,
            payload: payload(kind, extra: extra))
    }

    /// The reminders of a booking made (or moved) at `now`: one message per reminder instant of
    /// `schedule` still ahead, per way of reaching the person.
    public func reminders(_ schedule: ReminderSchedule, now: Date) -> [AppointmentMessage] {
        schedule.reminders(for: booking.start, bookedAt: now).flatMap { messages(.reminder, deliverAfter: $0) }
    }

    /// The facts and texts of a message.
    func payload(_ kind: AppointmentMessage.Kind, extra: [String: String]) -> JSONValue {
        let local = zone.localDateTime(at: booking.start)
        var values: [String: String] = [
            "service": service.name.text(in: language), "site": site.name.text(in: language), "date": local.date.description,
            "time": local.time.description, "code": booking.code.displayed, "phone": site.phone,
        ]
        values.merge(extra) { _, new in new }
        let ordered = values.sorted { $0.key < $1.key }
        var subject = MessageTexts.subjects[kind]?.text(in: language) ?? ""
        var text = MessageTexts.bodies[kind]?.text(in: language) ?? ""
        for (name, value) in ordered {
            subject = subject.replacing("{\(name)}", with: value)
            text = text.replacing("{\(name)}", with: value)
        }
        var members: [String: JSONValue] = [
            "subject": .string(subject), "text": .string(text),
            "start": .string(zone.format(booking.start)), "end": .string(zone.format(booking.end)),
            "local_date": .string(local.date.description), "local_time": .string(local.time.description),
            "site": .string(site.name.text(in: language)), "service": .string(service.name.text(in: language)),
            "address": .string(site.address.text(in: language)),
        ]
        // An offer is for a hold, not yet a booking: it has no code.
        if kind != .waitingListOffer { members["code"] = .string(booking.code.displayed) }
        if let documents = service.requiredDocuments?.text(in: language) { members["required_documents"] = .string(documents) }
        for (name, value) in extra { members[name] = .string(value) }
        return .object(members)
    }
}
