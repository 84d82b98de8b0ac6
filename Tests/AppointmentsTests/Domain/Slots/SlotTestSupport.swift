import FoundationEssentials
import GuichetCore

@testable import Appointments

extension Fixtures {
    /// Local wall times of slots with their offsets, `YYYY-MM-DDTHH:MM±HH:MM`.
    static func wallTimes(_ slots: [Slot]) -> [String] {
        slots.map { slot in
            let text = zone.format(slot.start)
            return String(text.prefix(16)) + String(text.suffix(6))
        }
    }

    /// Local times of day (`HH:MM`) of slots.
    static func times(_ slots: [Slot]) -> [String] {
        slots.map { String(zone.format($0.start).dropFirst(11).prefix(5)) }
    }

    static func calculator(
        service: AppointmentService = Fixtures.service(), site: Site = Fixtures.site(),
        counters: [SiteCounter] = [Fixtures.counter(1)], holidays: [Holiday] = [], absences: [Absence] = [],
        occupancies: [Occupancy] = []
    ) -> SlotCalculator {
        SlotCalculator(
            zone: zone, site: site, service: service, counters: counters, holidays: TenantHolidays(holidays),
            absences: absences, occupancies: occupancies)
    }

    /// A Monday in May 2026 (UTC+1), well away from Ramadan.
    static let monday = date("2026-05-04")
    /// A clock reading long before the dates tested.
    static let earlyNow = instant("2026-01-05T06:00:00Z")
}
