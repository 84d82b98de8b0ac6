import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

/// Shared test data: a Casablanca tenant with one site, services and counters.
enum Fixtures {
    static let zone = TenantTimeZone.casablanca
    static let siteID = UUID(uuidString: "00000000-0000-7000-8000-000000000001")!
    static let otherSiteID = UUID(uuidString: "00000000-0000-7000-8000-000000000002")!
    static let serviceID = UUID(uuidString: "00000000-0000-7000-8000-0000000000a1")!
    static let otherServiceID = UUID(uuidString: "00000000-0000-7000-8000-0000000000a2")!

    static func counterID(_ index: Int) -> UUID {
        let digits = String(index)
        return UUID(uuidString: "00000000-0000-7000-8000-0000000c" + String(repeating: "0", count: 4 - digits.count) + digits)!
    }

    static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(text) else { preconditionFailure("bad date \(text)") }
        return date
    }

    static func time(_ text: String) -> LocalTime {
        guard let time = LocalTime(parsing: text) else { preconditionFailure("bad time \(text)") }
        return time
    }

    static func range(_ text: String) -> LocalTimeRange {
        guard let range = LocalTimeRange(parsing: text) else { preconditionFailure("bad range \(text)") }
        return range
    }

    static func instant(_ text: String) -> Date {
        guard let date = RFC3339.parse(text) else { preconditionFailure("bad instant \(text)") }
        return date
    }

    static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    static func site(hours: WeeklyHours = WeeklyHours([range("08:00-18:00")], on: Set(Weekday.allCases))) -> Site {
        Site(
            id: siteID, name: LocalizedText(fr: "Préfecture de Rabat", ar: "عمالة الرباط", en: "Rabat prefecture"),
            address: LocalizedText(fr: "1 avenue Mohammed V, Rabat"), location: GeoPoint(latitude: 34.02, longitude: -6.83),
            phone: "+212 5 37 00 00 00", openingHours: hours)
    }

    static func service(
        minutes: Int = 30, buffer: Int = 0, capacity: Int = 1, notice: Duration = .zero,
        horizon: Duration = .seconds(400 * 86_400), id: UUID = serviceID
    ) -> AppointmentService {
        AppointmentService(
            id: id, name: LocalizedText(fr: "Passeport", ar: "جواز السفر", en: "Passport"),
            duration: .seconds(minutes * 60), bufferAfter: .seconds(buffer * 60), capacity: capacity,
            bookingWindow: BookingWindow(minimumNotice: notice, maximumHorizon: horizon), siteIDs: [siteID])
    }

    static func counter(
        _ index: Int, schedule: WeeklyHours = WeeklyHours([range("08:30-12:00"), range("14:00-16:30")], on: weekdays),
        exceptions: [ScheduleException] = [], services: Set<UUID> = []
    ) -> SiteCounter {
        SiteCounter(
            id: counterID(index), siteID: siteID, label: "Guichet \(index)", serviceIDs: services, schedule: schedule,
            exceptions: exceptions)
    }
}
