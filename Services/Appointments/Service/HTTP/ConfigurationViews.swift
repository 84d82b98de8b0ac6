import FoundationEssentials
import GuichetCore

/// The JSON shapes of configuration objects (snake_case on the wire through `JSONCoding`).
enum ConfigurationViews {
    struct LocationView: Encodable {
        let latitude: Double
        let longitude: Double
    }

    struct SiteView: Encodable {
        let id: String
        let name: LocalizedText
        let address: LocalizedText
        let location: LocationView?
        let phone: String
        let openingHours: [String: [String]]
        /// The services offered at the site.
        let services: [String]

        init(_ site: Site, services: [String]) {
            id = site.id.lowercaseString
            name = site.name
            address = site.address
            location = site.location.map { LocationView(latitude: $0.latitude, longitude: $0.longitude) }
            phone = site.phone
            openingHours = site.openingHours.text
            self.services = services
        }
    }

    struct SiteListView: Encodable {
        let sites: [SiteView]
    }

    struct BookingWindowView: Encodable {
        let minimumNoticeMinutes: Int
        let maximumHorizonMinutes: Int
    }

    struct ServiceView: Encodable {
        let id: String
        let name: LocalizedText
        let durationMinutes: Int
        let bufferMinutes: Int
        let capacity: Int
        let requiredDocuments: LocalizedText?
        let bookingWindow: BookingWindowView
        let cancellationCutoffMinutes: Int
        let moveCutoffMinutes: Int
        let channels: [String]
        let perPersonCap: Int
        let ticketPrefix: String
        /// The sites that offer it.
        let sites: [String]

        init(_ service: AppointmentService) {
            id = service.id.lowercaseString
            name = service.name
            durationMinutes = service.duration.minutes
            bufferMinutes = service.bufferAfter.minutes
            capacity = service.capacity
            requiredDocuments = service.requiredDocuments
            bookingWindow = BookingWindowView(
                minimumNoticeMinutes: service.bookingWindow.minimumNotice.minutes,
                maximumHorizonMinutes: service.bookingWindow.maximumHorizon.minutes)
            cancellationCutoffMinutes = service.cancellationCutoff.minutes
            moveCutoffMinutes = service.moveCutoff.minutes
            channels = service.channels.map(\.rawValue).sorted()
            perPersonCap = service.perPersonCap
            ticketPrefix = service.ticketPrefix
            sites = service.siteIDs.map(\.lowercaseString).sorted()
        }
    }

    struct ServiceListView: Encodable {
        let services: [ServiceView]
    }

    struct ExceptionView: Encodable {
        let date: String
        let closed: Bool
        let hours: [String]
        let reason: String?

        init(_ exception: ScheduleException) {
            date = exception.date.description
            hours = exception.openRanges.map(\.description)
            closed = hours.isEmpty
            reason = exception.reason
        }
    }

    struct CounterView: Encodable {
        let id: String
        let site: String
        let label: String
        let agent: String?
        let services: [String]
        let schedule: [String: [String]]
        let exceptions: [ExceptionView]?

        init(_ counter: SiteCounter, exceptions: [ScheduleException]? = nil) {
            id = counter.id.lowercaseString
            site = counter.siteID.lowercaseString
            label = counter.label
            agent = counter.agentID?.lowercaseString
            services = counter.serviceIDs.map(\.lowercaseString).sorted()
            schedule = counter.schedule.text
            self.exceptions = exceptions?.map(ExceptionView.init)
        }
    }

    struct CounterListView: Encodable {
        let counters: [CounterView]
    }

    struct AbsenceView: Encodable {
        let id: String
        let counter: String
        let start: String
        let end: String
        let reason: String?

        init(id: UUID, absence: Absence, zone: TenantTimeZone) {
            self.id = id.lowercaseString
            counter = absence.counterID.lowercaseString
            start = zone.format(absence.start)
            end = zone.format(absence.end)
            reason = absence.reason
        }
    }

    struct AbsenceListView: Encodable {
        let absences: [AbsenceView]
    }

    struct HolidayView: Encodable {
        let id: String
        let holiday: PublicHoliday
        let closedHours: [String]

        init(id: UUID, holiday: Holiday) {
            self.id = id.lowercaseString
            self.holiday = holiday.publicHoliday
            switch holiday.closure {
            case .wholeDay: closedHours = []
            case .partial(let ranges): closedHours = ranges.map { $0.description }
            }
        }
    }

    struct HolidayListView: Encodable {
        let holidays: [HolidayView]
    }

    struct SettingsView: Encodable {
        let timeZone: String
        let timeZonePinned: Bool
        let reminderMinutes: [Int]
        let holdMinutes: Int
        let noShowGraceMinutes: Int
        let waitingListOfferMinutes: Int
        let contactVerification: String

        init(_ settings: TenantSettings, tenantZone: String) {
            timeZone = settings.pinnedTimeZone ?? tenantZone
            timeZonePinned = settings.pinnedTimeZone != nil
            reminderMinutes = settings.reminders.offsets.map(\.minutes)
            holdMinutes = settings.holdLifetime.minutes
            noShowGraceMinutes = settings.noShowGrace.minutes
            waitingListOfferMinutes = settings.waitingListOfferLifetime.minutes
            contactVerification = settings.requiresVerifiedContact ? "required" : "optional"
        }
    }
}
