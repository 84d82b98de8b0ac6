import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

/// Reports how long availability takes for 30 days × 10 counters; asserts only the result's shape,
/// never a duration.
@Suite struct SlotBenchmarkTests {
    @Test func thirtyDaysTenCountersReportsItsDuration() {
        let counters = (1...10).map { Fixtures.counter($0, schedule: WeeklyHours([Fixtures.range("08:30-12:00"), Fixtures.range("14:00-16:30")], on: Set(Weekday.allCases))) }
        let service = Fixtures.service(minutes: 15, horizon: .seconds(90 * 86_400))
        // About a third of the slots booked, spread over counters, plus a few absences.
        var occupancies: [Occupancy] = []
        var start = Fixtures.instant("2026-03-01T08:30:00Z")
        for index in 0..<3000 {
            occupancies.append(
                Occupancy(
                    counterID: Fixtures.counterID(index % 10 + 1), serviceID: Fixtures.serviceID, start: start,
                    end: start.addingTimeInterval(900)))
            start = start.addingTimeInterval(index % 10 == 9 ? 2700 : 0)
        }
        let absences = (1...10).map {
            Absence(counterID: Fixtures.counterID($0), start: Fixtures.instant("2026-03-1\($0 % 10)T10:00:00Z"), end: Fixtures.instant("2026-03-1\($0 % 10)T12:00:00Z"))
        }
        let now = Fixtures.instant("2026-02-28T12:00:00Z")
        let clock = ContinuousClock()
        var slots: [Slot] = []
        var best = Duration.seconds(1000)
        for _ in 0..<20 {
            let elapsed = clock.measure {
                let calculator = SlotCalculator(
                    zone: Fixtures.zone, site: Fixtures.site(), service: service, counters: counters, absences: absences,
                    occupancies: occupancies)
                slots = calculator.slots(from: Fixtures.date("2026-03-01"), through: Fixtures.date("2026-03-30"), now: now)
            }
            best = min(best, elapsed)
        }
        // Crossing the end of Ramadan (2026-03-22) on the way.
        #expect(slots.count > 30 * 20)
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.start < $1.start })
        print("availability, 30 days × 10 counters, 3000 bookings: \(slots.count) slots, best of 20 runs \(best) (debug build)")
    }
}
