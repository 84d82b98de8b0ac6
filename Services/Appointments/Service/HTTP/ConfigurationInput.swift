import FoundationEssentials
import GuichetCore

/// Turns configuration bodies into domain values, or a `validation_failed` problem listing every
/// invalid field with its JSON pointer.
enum ConfigurationInput {
    static func site(_ body: SiteBody, id: UUID, language: Language) throws(Problem) -> Site {
        var errors: [FieldError] = []
        let hours = WeeklyHours.parse(body.openingHours, at: "/opening_hours", errors: &errors)
        let location = body.location.flatMap { location in
            GeoPoint.parse(
                latitude: location.latitude, longitude: location.longitude, latitudeField: "/location/latitude",
                longitudeField: "/location/longitude", errors: &errors)
        }
        var site = Site(id: id, name: body.name, address: body.address, location: location, phone: body.phone, openingHours: hours)
        errors += site.validate()
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
        var ignored: [FieldError] = []
        site.name = Site.textRule.clean(body.name, field: "", errors: &ignored) ?? body.name
        site.address = Site.textRule.clean(body.address, field: "", errors: &ignored) ?? body.address
        site.phone = String(body.phone.trimmingWhitespace())
        return site
    }

    static func service(_ body: ServiceBody, id: UUID, language: Language) throws(Problem) -> AppointmentService {
        var errors: [FieldError] = []
        var channels: Set<Channel> = Set(Channel.allCases)
        if let names = body.channels {
            channels = []
            for (index, name) in names.enumerated() {
                if let channel = Channel(rawValue: name) {
                    channels.insert(channel)
                } else {
                    errors.append(.unknownValue("/channels/\(index)", allowed: Channel.allCases.map(\.rawValue)))
                }
            }
        }
        let defaults = AppointmentService(id: id, name: body.name, duration: .seconds(1800), siteIDs: [])
        let window = BookingWindow(
            minimumNotice: body.bookingWindow?.minimumNoticeMinutes.map(minutes) ?? defaults.bookingWindow.minimumNotice,
            maximumHorizon: body.bookingWindow?.maximumHorizonMinutes.map(minutes) ?? defaults.bookingWindow.maximumHorizon)
        var service = AppointmentService(
            id: id, name: body.name, duration: minutes(body.durationMinutes), bufferAfter: body.bufferMinutes.map(minutes) ?? .zero,
            capacity: body.capacity ?? 1, requiredDocuments: body.requiredDocuments, bookingWindow: window,
            cancellationCutoff: body.cancellationCutoffMinutes.map(minutes) ?? defaults.cancellationCutoff,
            moveCutoff: body.moveCutoffMinutes.map(minutes) ?? defaults.moveCutoff, channels: channels,
            perPersonCap: body.perPersonCap ?? 1, siteIDs: Set(body.sites), ticketPrefix: body.ticketPrefix ?? "A")
        errors += service.validate()
        if Set(body.sites).count != body.sites.count { errors.append(.duplicateValue("/sites")) }
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
        var ignored: [FieldError] = []
        service.name = AppointmentService.nameRule.clean(body.name, field: "", errors: &ignored) ?? body.name
        service.requiredDocuments = body.requiredDocuments.map {
            AppointmentService.requiredDocumentsRule.clean($0, field: "", errors: &ignored) ?? $0
        }
        return service
    }

    static func counter(_ body: CounterBody, id: UUID, language: Language) throws(Problem) -> SiteCounter {
        var errors: [FieldError] = []
        let schedule = WeeklyHours.parse(body.schedule, at: "/schedule", errors: &errors)
        var counter = SiteCounter(
            id: id, siteID: body.site, label: body.label, agentID: body.agent, serviceIDs: Set(body.services ?? []), schedule: schedule)
        errors += counter.validate()
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
        counter.label = String(body.label.trimmingWhitespace())
        return counter
    }

    static func exception(_ body: ExceptionBody, date: LocalDate, language: Language) throws(Problem) -> ScheduleException {
        var errors: [FieldError] = []
        let ranges = LocalTimeRange.parse(body.hours ?? [], at: "/hours", errors: &errors)
        let closed = body.closed ?? ranges.isEmpty
        if closed && !(body.hours ?? []).isEmpty { errors.append(.notAllowed("/hours")) }
        if !closed && (body.hours ?? []).isEmpty { errors.append(.required("/hours")) }
        let exception = ScheduleException(date: date, change: closed ? .closed : .hours(ranges), reason: body.reason)
        errors += exception.validate(at: "")
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
        return exception
    }

    static func settings(_ body: SettingsBody, language: Language) throws(Problem) -> TenantSettings {
        var errors: [FieldError] = []
        var settings = TenantSettings.defaults
        if let zone = body.timeZone {
            errors += TenantTimeZone.validate(zone, at: "/time_zone")
            settings.pinnedTimeZone = zone
        }
        if let reminders = body.reminderMinutes { settings.reminders = ReminderSchedule(offsets: reminders.map(minutes)) }
        if let hold = body.holdMinutes { settings.holdLifetime = minutes(hold) }
        if let grace = body.noShowGraceMinutes { settings.noShowGrace = minutes(grace) }
        if let offer = body.waitingListOfferMinutes { settings.waitingListOfferLifetime = minutes(offer) }
        switch body.contactVerification {
        case nil, "required"?: settings.requiresVerifiedContact = true
        case "optional"?: settings.requiresVerifiedContact = false
        default: errors.append(.unknownValue("/contact_verification", allowed: ["required", "optional"]))
        }
        var domain = settings.domainSettings(tenantZone: "Africa/Casablanca")
        domain.timeZoneIdentifier = settings.pinnedTimeZone ?? "Africa/Casablanca"
        errors += domain.validate().filter { $0.field != "/time_zone" }
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
        return settings
    }

    /// Minutes as a duration (the domain checks the ranges).
    static func minutes(_ value: Int) -> Duration {
        .seconds(Int64(clamping: value) * 60)
    }
}
