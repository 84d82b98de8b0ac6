import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The columns read for each configuration object and how a row becomes the domain's value: one
/// place for the SQL select lists and their decoding, shared by every statement that reads them.
enum ConfigurationRows {
    static let settingsColumns =
        "time_zone, reminder_minutes, hold_minutes, no_show_grace_minutes, waiting_list_offer_minutes, contact_verification, version"

    static func settings(_ rows: PostgresRows) throws -> TenantSettings {
        guard let row = rows.first else { return .defaults }
        let (zone, reminders, hold, grace, offer, verification, version) = try row.decode(
            (String?, [Int32], Int, Int, Int, String, Int).self)
        return TenantSettings(
            pinnedTimeZone: zone, reminders: ReminderSchedule(offsets: reminders.map { .seconds(Int64($0) * 60) }),
            holdLifetime: .seconds(hold * 60), noShowGrace: .seconds(grace * 60), waitingListOfferLifetime: .seconds(offer * 60),
            requiresVerifiedContact: verification == "required", version: version)
    }

    static let siteColumns = "id, name, address, latitude, longitude, phone, opening_hours, version"

    static func site(_ row: PostgresRow) throws -> (site: Site, version: Int) {
        let (id, name, address, latitude, longitude, phone, hours, version) = try row.decode(
            (UUID, PostgresJSON<LocalizedText>, PostgresJSON<LocalizedText>, Double?, Double?, String,
             PostgresJSON<[String: [String]]>, Int).self)
        var ignored: [FieldError] = []
        let location = latitude.flatMap { latitude in longitude.flatMap { GeoPoint(latitude: latitude, longitude: $0) } }
        let site = Site(
            id: id, name: name.value, address: address.value, location: location, phone: phone,
            openingHours: WeeklyHours.parse(hours.value, at: "", errors: &ignored))
        return (site, version)
    }

    /// The service's columns; `s` is the services table, its sites come from `offers`.
    static let serviceColumns = """
        s.id, s.name, s.duration_minutes, s.buffer_minutes, s.capacity, s.required_documents, s.minimum_notice_minutes,
        s.maximum_horizon_minutes, s.cancellation_cutoff_minutes, s.move_cutoff_minutes, s.channels, s.per_person_cap,
        s.ticket_prefix, s.version,
        ARRAY(SELECT o.site_id FROM appointments.offers o WHERE o.tenant_id = s.tenant_id AND o.service_id = s.id)
        """

    static func service(_ row: PostgresRow) throws -> (service: AppointmentService, version: Int) {
        let (id, name, duration, buffer, capacity, documents, notice, horizon, cancellation, move, channels, cap, prefix, version, sites) =
            try row.decode(
                (UUID, PostgresJSON<LocalizedText>, Int, Int, Int, PostgresJSON<LocalizedText>?, Int, Int, Int, Int, [String], Int,
                 String, Int, [UUID]).self)
        let service = AppointmentService(
            id: id, name: name.value, duration: .seconds(duration * 60), bufferAfter: .seconds(buffer * 60), capacity: capacity,
            requiredDocuments: documents?.value,
            bookingWindow: BookingWindow(minimumNotice: .seconds(notice * 60), maximumHorizon: .seconds(horizon * 60)),
            cancellationCutoff: .seconds(cancellation * 60), moveCutoff: .seconds(move * 60),
            channels: Set(channels.compactMap(Channel.init(rawValue:))), perPersonCap: cap, siteIDs: Set(sites), ticketPrefix: prefix)
        return (service, version)
    }

    static let counterColumns = "id, site_id, label, agent_id, service_ids, schedule, version"

    static func counter(_ row: PostgresRow) throws -> (counter: SiteCounter, version: Int) {
        let (id, site, label, agent, services, schedule, version) = try row.decode(
            (UUID, UUID, String, UUID?, [UUID], PostgresJSON<[String: [String]]>, Int).self)
        var ignored: [FieldError] = []
        let counter = SiteCounter(
            id: id, siteID: site, label: label, agentID: agent, serviceIDs: Set(services),
            schedule: WeeklyHours.parse(schedule.value, at: "", errors: &ignored))
        return (counter, version)
    }

    static let exceptionColumns = "counter_id, day::text, hours, reason"

    static func exception(_ row: PostgresRow) throws -> (counterID: UUID, exception: ScheduleException) {
        let (counter, day, hours, reason) = try row.decode((UUID, String, [String], String?).self)
        var ignored: [FieldError] = []
        let ranges = LocalTimeRange.parse(hours, at: "", errors: &ignored)
        let date = LocalDate(day) ?? .earliest
        return (counter, ScheduleException(date: date, change: ranges.isEmpty ? .closed : .hours(ranges), reason: reason))
    }

    static let absenceColumns = "id, counter_id, starts_at, ends_at, reason"

    static func absence(_ row: PostgresRow) throws -> (id: UUID, absence: Absence) {
        let (id, counter, start, end, reason) = try row.decode((UUID, UUID, Date, Date, String?).self)
        return (id, Absence(counterID: counter, start: start, end: end, reason: reason))
    }

    static let holidayColumns = "id, definition, closed_hours"

    static func holiday(_ row: PostgresRow) throws -> (id: UUID, holiday: Holiday) {
        let (id, definition, closedHours) = try row.decode((UUID, PostgresJSON<PublicHoliday>, [String]).self)
        var ignored: [FieldError] = []
        let ranges = LocalTimeRange.parse(closedHours, at: "", errors: &ignored)
        return (id, Holiday(definition.value, closure: ranges.isEmpty ? .wholeDay : .partial(ranges)))
    }
}
