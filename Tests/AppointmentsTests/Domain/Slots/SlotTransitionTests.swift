import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

/// Slots across Morocco's 2026 changes: UTC+1 → UTC+0 on 2026-02-15 at 03:00 (the hour from 02:00
/// repeats) and UTC+0 → UTC+1 on 2026-03-22 at 02:00 (the hour to 03:00 never happens).
@Suite struct SlotTransitionTests {
    let everyDay = Set(Weekday.allCases)
    let now = Fixtures.instant("2026-01-10T12:00:00Z")

    @Test func a0830ScheduleOffers0830EveryDayAcrossBothChanges() throws {
        let counter = Fixtures.counter(1, schedule: WeeklyHours([Fixtures.range("08:30-16:30")], on: everyDay))
        let calculator = Fixtures.calculator(counters: [counter])
        let first = Fixtures.date("2026-02-01")
        let last = Fixtures.date("2026-04-30")
        let slots = calculator.slots(from: first, through: last, now: now)
        let byDate = Dictionary(grouping: slots) { Fixtures.zone.localDate(at: $0.start) }
        var date = first
        while date <= last {
            let day = try #require(byDate[date], "no slot on \(date)")
            let times = Fixtures.times(day)
            #expect(times.first == "08:30", "\(date)")
            #expect(times.count == 16, "\(date): \(times)")
            #expect(Set(times).count == 16, "a time offered twice on \(date)")
            #expect(times.last == "16:00", "\(date)")
            let offset = date < Fixtures.date("2026-02-15") || date >= Fixtures.date("2026-03-22") ? "+01:00" : "+00:00"
            #expect(Fixtures.zone.format(day[0].start) == "\(date)T08:30:00\(offset)")
            date = date.adding(days: 1)
        }
        // Strictly increasing instants: nothing doubled across the whole range.
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.start < $1.start })
        #expect(slots.count == 89 * 16)
        #expect(slots.first { Fixtures.zone.localDate(at: $0.start) == Fixtures.date("2026-02-15") }?.start == Fixtures.instant("2026-02-15T08:30:00Z"))
        #expect(slots.first { Fixtures.zone.localDate(at: $0.start) == Fixtures.date("2026-03-22") }?.start == Fixtures.instant("2026-03-22T07:30:00Z"))
    }

    @Test func theRepeatedHourIsOfferedOnceAtItsFirstOccurrence() {
        let counter = Fixtures.counter(1, schedule: WeeklyHours([Fixtures.range("00:00-24:00")], on: everyDay))
        let site = Fixtures.site(hours: WeeklyHours([Fixtures.range("00:00-24:00")], on: everyDay))
        let day = Fixtures.date("2026-02-15")
        let slots = Fixtures.calculator(site: site, counters: [counter]).slots(from: day, through: day, now: now)
        let wall = Fixtures.wallTimes(slots)
        #expect(slots.count == 48, "every wall time of the day once")
        #expect(Set(Fixtures.times(slots)).count == 48)
        #expect(wall.contains("2026-02-15T02:00+01:00"))
        #expect(wall.contains("2026-02-15T02:30+01:00"))
        #expect(!wall.contains("2026-02-15T02:00+00:00"))
        #expect(!wall.contains("2026-02-15T02:30+00:00"))
        #expect(wall.contains("2026-02-15T03:00+00:00"))
        #expect(wall.last == "2026-02-15T23:30+00:00")
        // The day lasts 25 hours: the counter idles during the second pass of the hour.
        #expect(slots.last?.end == Fixtures.instant("2026-02-16T00:00:00Z"))
    }

    @Test func theSkippedHourOffersNoSlot() {
        let counter = Fixtures.counter(1, schedule: WeeklyHours([Fixtures.range("00:00-24:00")], on: everyDay))
        let site = Fixtures.site(hours: WeeklyHours([Fixtures.range("00:00-24:00")], on: everyDay))
        let day = Fixtures.date("2026-03-22")
        let slots = Fixtures.calculator(site: site, counters: [counter]).slots(from: day, through: day, now: now)
        let wall = Fixtures.wallTimes(slots)
        #expect(slots.count == 46)
        #expect(wall.contains("2026-03-22T01:30+00:00"))
        #expect(!wall.contains { $0.contains("T02:") })
        #expect(wall.contains("2026-03-22T03:00+01:00"))
        // 01:30 ends at the jump, exactly when 03:00 begins.
        #expect(slots.first { Fixtures.zone.format($0.start).hasPrefix("2026-03-22T01:30") }?.end == Fixtures.instant("2026-03-22T02:00:00Z"))
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.end <= $1.start })
    }

    @Test func slotsAfterAForwardJumpNeverOverlapOnOneCounter() {
        // 45 minutes from 00:00: 01:30 (UTC+0) runs to 02:15 UTC = 03:15 new time, so the wall-time
        // start 03:00 is skipped; 03:45 is the next slot.
        let counter = Fixtures.counter(1, schedule: WeeklyHours([Fixtures.range("00:00-06:00")], on: everyDay))
        let site = Fixtures.site(hours: WeeklyHours([Fixtures.range("00:00-24:00")], on: everyDay))
        let day = Fixtures.date("2026-03-22")
        let calculator = Fixtures.calculator(service: Fixtures.service(minutes: 45), site: site, counters: [counter])
        let slots = calculator.slots(from: day, through: day, now: now)
        #expect(Fixtures.times(slots) == ["00:00", "00:45", "01:30", "03:45", "04:30", "05:15"])
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.end <= $1.start })
        #expect(throws: SlotRejection.notOnGrid) {
            try calculator.check(start: Fixtures.instant("2026-03-22T02:00:00Z"), channel: .web, now: now)
        }
    }

    @Test func aBookingMadeBeforeAChangeForADateAfterItKeepsItsWallTime() throws {
        // Booked on 2026-02-01 (UTC+1) for 2026-03-02 08:30, during Ramadan (UTC+0).
        let bookedAt = Fixtures.instant("2026-02-01T10:00:00Z")
        let counter = Fixtures.counter(1, schedule: WeeklyHours([Fixtures.range("08:30-16:30")], on: everyDay))
        let calculator = Fixtures.calculator(counters: [counter])
        let start = Fixtures.instant("2026-03-02T08:30:00+00:00")
        let free = try calculator.check(start: start, channel: .web, now: bookedAt)
        #expect(free.map(\.counterID) == [Fixtures.counterID(1)])
        #expect(Fixtures.zone.format(start) == "2026-03-02T08:30:00+00:00")
        // Computing with the booking day's offset (+01:00) would name 07:30 local: not open.
        #expect(throws: SlotRejection.outsideOpeningHours) {
            try calculator.check(start: Fixtures.instant("2026-03-02T08:30:00+01:00"), channel: .web, now: bookedAt)
        }
        // And back to UTC+1 after Ramadan.
        #expect(try calculator.check(start: Fixtures.instant("2026-03-23T08:30:00+01:00"), channel: .web, now: bookedAt).count == 1)
    }
}
