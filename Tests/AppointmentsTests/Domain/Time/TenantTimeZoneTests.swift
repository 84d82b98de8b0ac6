import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct TenantTimeZoneTests {
    let zone = TenantTimeZone.casablanca

    private func wall(_ date: String, _ time: String) -> LocalDateTime {
        LocalDateTime(Fixtures.date(date), Fixtures.time(time))
    }

    @Test func acceptsOnlyExactIANANames() {
        #expect(TenantTimeZone(identifier: "Africa/Casablanca")?.identifier == "Africa/Casablanca")
        #expect(TenantTimeZone(identifier: "Europe/Paris") != nil)
        #expect(TenantTimeZone(identifier: "UTC") != nil)
        #expect(TenantTimeZone(identifier: "Etc/UTC") != nil)
        for bad in [
            "", "africa/casablanca", "Africa/Casablanca ", "Mars/Olympus_Mons", "GMT+1", "+01:00", "Africa/../etc/passwd",
            "Africa/Casablanca\u{0}", String(repeating: "A", count: 100), "الدار_البيضاء",
        ] {
            #expect(TenantTimeZone(identifier: bad) == nil, "\(bad)")
        }
        #expect(TenantTimeZone.validate("", at: "/time_zone").map(\.code) == ["required"])
        #expect(TenantTimeZone.validate("Europe/Nowhere", at: "/time_zone").map(\.code) == ["invalid_time_zone"])
        #expect(TenantTimeZone.validate("Europe/Nowhere", at: "/time_zone").first?.field == "/time_zone")
        #expect(TenantTimeZone.validate("Africa/Casablanca", at: "/time_zone").isEmpty)
    }

    @Test func listsThe2026RamadanTransitions() {
        let transitions = zone.transitions(from: Fixtures.instant("2026-01-01T00:00:00Z"), to: Fixtures.instant("2027-01-01T00:00:00Z"))
        #expect(transitions.count == 2)
        #expect(transitions.first?.instant == Fixtures.instant("2026-02-15T02:00:00Z"))
        #expect(transitions.first?.offsetBefore == 3600)
        #expect(transitions.first?.offsetAfter == 0)
        #expect(transitions.first?.isFallBack == true)
        #expect(transitions.last?.instant == Fixtures.instant("2026-03-22T02:00:00Z"))
        #expect(transitions.last?.offsetBefore == 0)
        #expect(transitions.last?.offsetAfter == 3600)
        #expect(transitions.last?.isFallBack == false)
        let utc = TenantTimeZone(identifier: "UTC")
        #expect(utc?.transitions(from: Fixtures.instant("2026-01-01T00:00:00Z"), to: Fixtures.instant("2027-01-01T00:00:00Z")).isEmpty == true)
    }

    @Test func fallBackHourHappensTwice() {
        // 2026-02-15: at 03:00 (UTC+1) the clocks go back to 02:00 (UTC+0).
        #expect(zone.resolve(wall("2026-02-15", "02:30"))
            == .repeated(earlier: Fixtures.instant("2026-02-15T01:30:00Z"), later: Fixtures.instant("2026-02-15T02:30:00Z")))
        #expect(zone.resolve(wall("2026-02-15", "02:00")).firstOccurrence == Fixtures.instant("2026-02-15T01:00:00Z"))
        #expect(zone.resolve(wall("2026-02-15", "01:59")) == .unique(Fixtures.instant("2026-02-15T00:59:00Z")))
        #expect(zone.resolve(wall("2026-02-15", "03:00")) == .unique(Fixtures.instant("2026-02-15T03:00:00Z")))
        #expect(zone.resolve(wall("2026-02-15", "08:30")) == .unique(Fixtures.instant("2026-02-15T08:30:00Z")))
        #expect(zone.resolve(wall("2026-02-14", "08:30")) == .unique(Fixtures.instant("2026-02-14T07:30:00Z")))
    }

    @Test func springForwardHourNeverHappens() {
        // 2026-03-22: at 02:00 (UTC+0) the clocks jump to 03:00 (UTC+1).
        let jump = Fixtures.instant("2026-03-22T02:00:00Z")
        #expect(zone.resolve(wall("2026-03-22", "02:00")) == .skipped(transition: jump))
        #expect(zone.resolve(wall("2026-03-22", "02:59")) == .skipped(transition: jump))
        #expect(zone.resolve(wall("2026-03-22", "02:30")).firstOccurrence == nil)
        #expect(zone.resolve(wall("2026-03-22", "02:30")).boundary == jump)
        #expect(zone.resolve(wall("2026-03-22", "01:59")) == .unique(Fixtures.instant("2026-03-22T01:59:00Z")))
        #expect(zone.resolve(wall("2026-03-22", "03:00")) == .unique(jump))
        #expect(zone.resolve(wall("2026-03-22", "08:30")) == .unique(Fixtures.instant("2026-03-22T07:30:00Z")))
    }

    @Test func formatsEachInstantWithItsOwnOffset() {
        #expect(zone.format(Fixtures.instant("2026-02-14T07:30:00Z")) == "2026-02-14T08:30:00+01:00")
        #expect(zone.format(Fixtures.instant("2026-02-15T08:30:00Z")) == "2026-02-15T08:30:00+00:00")
        #expect(zone.format(Fixtures.instant("2026-03-21T08:30:00Z")) == "2026-03-21T08:30:00+00:00")
        #expect(zone.format(Fixtures.instant("2026-03-22T07:30:00Z")) == "2026-03-22T08:30:00+01:00")
        // Both passes of the repeated hour are written distinctly.
        #expect(zone.format(Fixtures.instant("2026-02-15T01:30:00Z")) == "2026-02-15T02:30:00+01:00")
        #expect(zone.format(Fixtures.instant("2026-02-15T02:30:00Z")) == "2026-02-15T02:30:00+00:00")
    }

    @Test func localWallTimesOfInstants() {
        #expect(zone.localDateTime(at: Fixtures.instant("2026-02-15T01:30:59Z")) == wall("2026-02-15", "02:30"))
        #expect(zone.localDateTime(at: Fixtures.instant("2026-02-15T02:30:00Z")) == wall("2026-02-15", "02:30"))
        #expect(zone.localDate(at: Fixtures.instant("2026-03-21T23:30:00Z")) == Fixtures.date("2026-03-21"))
        #expect(zone.localDate(at: Fixtures.instant("2026-04-01T23:30:00Z")) == Fixtures.date("2026-04-02"))
        #expect(zone.startOfDay(Fixtures.date("2026-04-02")) == Fixtures.instant("2026-04-01T23:00:00Z"))
        // A zone whose clocks skipped midnight: the day starts at the jump (Santiago, 2026-09-06).
        if let santiago = TenantTimeZone(identifier: "America/Santiago") {
            let start = santiago.startOfDay(Fixtures.date("2026-09-06"))
            #expect(santiago.format(start) == "2026-09-06T01:00:00-03:00")
        }
    }

    @Test func resolutionAgreesWithFoundationEveryQuarterHourOf2026() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.timeZone
        var date = Fixtures.date("2026-01-01")
        var repeated = 0
        var skipped = 0
        while date.year == 2026 {
            for minute in stride(from: 0, to: 1440, by: 15) {
                let local = LocalDateTime(date, try #require(LocalTime(minuteOfDay: minute)))
                let resolution = zone.resolve(local)
                switch resolution {
                case .unique(let instant), .repeated(let instant, _):
                    // Each occurrence shows the wall time again.
                    #expect(zone.localDateTime(at: instant) == local)
                    let components = DateComponents(
                        year: date.year, month: date.month, day: date.day, hour: minute / 60, minute: minute % 60)
                    if case .unique = resolution { #expect(calendar.date(from: components) == instant, "\(local)") }
                    if case .repeated(_, let later) = resolution {
                        repeated += 1
                        #expect(zone.localDateTime(at: later) == local)
                        #expect(later.timeIntervalSince(instant) == 3600)
                    }
                case .skipped(let transition):
                    skipped += 1
                    #expect(zone.offset(at: transition) > zone.offset(at: transition.addingTimeInterval(-1)))
                }
            }
            date = date.adding(days: 1)
        }
        #expect(repeated == 4, "02:00, 02:15, 02:30, 02:45 on 2026-02-15")
        #expect(skipped == 4, "02:00, 02:15, 02:30, 02:45 on 2026-03-22")
    }
}
