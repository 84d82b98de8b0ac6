import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct SlotCalculatorTests {
    let now = Fixtures.earlyNow

    @Test func cutsEachScheduleRangeOnTheServiceGrid() {
        let slots = Fixtures.calculator().slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(
            Fixtures.times(slots) == [
                "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30", "15:00", "15:30", "16:00",
            ])
        #expect(slots.allSatisfy { $0.remaining == 1 && $0.end.timeIntervalSince($0.start) == 1800 })
        #expect(slots.first.map { Fixtures.zone.format($0.start) } == "2026-05-04T08:30:00+01:00")
    }

    @Test func stepIsDurationPlusBufferAndTheLastSlotMustFit() {
        // 20 minutes + 10 minutes of buffer: starts every 30 minutes; 11:30 ends 11:50, inside.
        let buffered = Fixtures.calculator(service: Fixtures.service(minutes: 20, buffer: 10))
            .slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(Fixtures.times(buffered).prefix(7) == ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"])
        #expect(buffered.allSatisfy { $0.end.timeIntervalSince($0.start) == 1200 })
        // 45 minutes: 08:30, 09:15, 10:00, 10:45 (11:30 would end at 12:15, after the range).
        let long = Fixtures.calculator(service: Fixtures.service(minutes: 45))
            .slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(Fixtures.times(long) == ["08:30", "09:15", "10:00", "10:45", "14:00", "14:45", "15:30"])
    }

    @Test func counterHoursAreClippedToTheSiteOpeningHours() {
        let site = Fixtures.site(hours: WeeklyHours([Fixtures.range("09:00-11:00"), Fixtures.range("15:00-18:00")], on: Fixtures.weekdays))
        let slots = Fixtures.calculator(site: site).slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(Fixtures.times(slots) == ["09:00", "09:30", "10:00", "10:30", "15:00", "15:30", "16:00"])
        // An exception cannot open a counter when its site is closed (Saturday here).
        let saturday = Fixtures.date("2026-05-09")
        let opened = Fixtures.counter(1, exceptions: [ScheduleException(date: saturday, change: .hours([Fixtures.range("09:00-12:00")]))])
        #expect(Fixtures.calculator(site: site, counters: [opened]).slots(from: saturday, through: saturday, now: now).isEmpty)
        let closedSite = Fixtures.site(hours: .closed)
        #expect(Fixtures.calculator(site: closedSite).slots(from: Fixtures.monday, through: Fixtures.monday.adding(days: 6), now: now).isEmpty)
    }

    @Test func weekendsAndExceptionsFollowTheSchedule() {
        let counter = Fixtures.counter(
            1,
            exceptions: [
                ScheduleException(date: Fixtures.monday, change: .closed),
                ScheduleException(date: Fixtures.date("2026-05-05"), change: .hours([Fixtures.range("10:00-11:00")])),
                ScheduleException(date: Fixtures.date("2026-05-09"), change: .hours([Fixtures.range("09:00-10:00")])),
            ])
        let slots = Fixtures.calculator(counters: [counter]).slots(from: Fixtures.monday, through: Fixtures.date("2026-05-10"), now: now)
        let byDate = Dictionary(grouping: slots) { Fixtures.zone.localDate(at: $0.start).description }
        #expect(byDate["2026-05-04"] == nil)
        #expect(Fixtures.times(byDate["2026-05-05"] ?? []) == ["10:00", "10:30"])
        #expect(byDate["2026-05-06"]?.count == 12)
        #expect(Fixtures.times(byDate["2026-05-09"] ?? []) == ["09:00", "09:30"])  // Saturday, opened by exception
        #expect(byDate["2026-05-10"] == nil)  // Sunday
    }

    @Test func holidaysCloseWholeOrPartDays() {
        let name = LocalizedText(fr: "Fête", ar: "عيد", en: "Feast")
        let holidays = [
            Holiday(date: Fixtures.monday, name: name),
            Holiday(date: Fixtures.date("2026-05-05"), name: name, closure: .partial([Fixtures.range("10:15-24:00")])),
        ]
        let slots = Fixtures.calculator(holidays: holidays).slots(from: Fixtures.monday, through: Fixtures.date("2026-05-05"), now: now)
        #expect(Fixtures.wallTimes(slots) == ["2026-05-05T08:30+01:00", "2026-05-05T09:00+01:00", "2026-05-05T09:30+01:00"])
    }

    @Test func mergesCountersAndCountsFreeOnes() {
        let counters = [Fixtures.counter(1), Fixtures.counter(2), Fixtures.counter(3, schedule: WeeklyHours([Fixtures.range("09:00-10:00")], on: Fixtures.weekdays))]
        let slots = Fixtures.calculator(counters: counters).slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        let remaining = Dictionary(uniqueKeysWithValues: zip(Fixtures.times(slots), slots.map(\.remaining)))
        #expect(remaining["08:30"] == 2)
        #expect(remaining["09:00"] == 3)
        #expect(remaining["09:30"] == 3)
        #expect(remaining["10:00"] == 2)
        #expect(Set(Fixtures.times(slots)).count == slots.count, "one entry per start")
    }

    @Test func countersOfOtherSitesOrServicesAreIgnored() {
        var elsewhere = Fixtures.counter(2)
        elsewhere.siteID = Fixtures.otherSiteID
        let specialised = Fixtures.counter(3, services: [Fixtures.otherServiceID])
        let slots = Fixtures.calculator(counters: [Fixtures.counter(1), elsewhere, specialised])
            .slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(slots.allSatisfy { $0.remaining == 1 })
        let calculator = Fixtures.calculator(counters: [elsewhere, specialised])
        #expect(!calculator.isServiceOffered)
        #expect(calculator.slots(from: Fixtures.monday, through: Fixtures.monday, now: now).isEmpty)
        var notHere = Fixtures.service()
        notHere.siteIDs = [Fixtures.otherSiteID]
        #expect(Fixtures.calculator(service: notHere).slots(from: Fixtures.monday, through: Fixtures.monday, now: now).isEmpty)
    }

    @Test func aLongerBookingBlocksEveryShorterSlotItOverlaps() {
        // A 30-minute booking of another service at 09:00 blocks the 15-minute slots 09:00 and 09:15.
        let booking = Occupancy(
            counterID: Fixtures.counterID(1), serviceID: Fixtures.otherServiceID, start: Fixtures.instant("2026-05-04T08:00:00Z"),
            end: Fixtures.instant("2026-05-04T08:30:00Z"))
        let slots = Fixtures.calculator(service: Fixtures.service(minutes: 15), occupancies: [booking])
            .slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        let times = Fixtures.times(slots)
        #expect(times.prefix(4) == ["08:30", "08:45", "09:30", "09:45"])
        // A booking straddling two 30-minute slots (09:15–09:45) blocks both.
        let straddling = Occupancy(
            counterID: Fixtures.counterID(1), serviceID: Fixtures.otherServiceID, start: Fixtures.instant("2026-05-04T08:15:00Z"),
            end: Fixtures.instant("2026-05-04T08:45:00Z"))
        let thirty = Fixtures.calculator(occupancies: [straddling]).slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(Fixtures.times(thirty).prefix(3) == ["08:30", "10:00", "10:30"])
    }

    @Test func theBufferKeepsTheCounterBusy() {
        // 20 + 10 minutes: a slot at 09:00 occupies the counter until 09:30; a booking at 09:25
        // (another service) blocks it, one at 09:30 does not.
        let at0925 = Occupancy(
            counterID: Fixtures.counterID(1), serviceID: Fixtures.otherServiceID, start: Fixtures.instant("2026-05-04T08:25:00Z"),
            end: Fixtures.instant("2026-05-04T08:28:00Z"))
        let service = Fixtures.service(minutes: 20, buffer: 10)
        let blocked = Fixtures.calculator(service: service, occupancies: [at0925]).slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(!Fixtures.times(blocked).contains("09:00"))
        #expect(Fixtures.times(blocked).contains("09:30"))
    }

    @Test func groupSessionsCountSeats() {
        let service = Fixtures.service(minutes: 60, capacity: 10)
        let start = Fixtures.instant("2026-05-04T07:30:00Z")  // 08:30 local
        let end = Fixtures.instant("2026-05-04T08:30:00Z")
        let occupancies = [
            Occupancy(counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: start, end: end, seats: 3),
            Occupancy(counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: start, end: end, seats: 2),
            // Another service on the counter at 10:30 blocks the session there.
            Occupancy(
                counterID: Fixtures.counterID(1), serviceID: Fixtures.otherServiceID, start: Fixtures.instant("2026-05-04T09:45:00Z"),
                end: Fixtures.instant("2026-05-04T10:00:00Z")),
        ]
        let slots = Fixtures.calculator(service: service, counters: [Fixtures.counter(1), Fixtures.counter(2)], occupancies: occupancies)
            .slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        let remaining = Dictionary(uniqueKeysWithValues: zip(Fixtures.times(slots), slots.map(\.remaining)))
        #expect(remaining["08:30"] == 15)  // 5 seats left on counter 1, 10 on counter 2
        #expect(remaining["09:30"] == 20)
        #expect(remaining["10:30"] == 10)
        // A full session disappears from counter 1.
        let full = [Occupancy(counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: start, end: end, seats: 10)]
        let fullSlots = Fixtures.calculator(service: service, occupancies: full).slots(from: Fixtures.monday, through: Fixtures.monday, now: now)
        #expect(!Fixtures.times(fullSlots).contains("08:30"))
    }

    @Test func liveHoldsTakeSlotsAndExpiredOnesDoNot() {
        func hold(expiring: String) -> Occupancy {
            Occupancy(
                counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: Fixtures.instant("2026-05-04T07:30:00Z"),
                end: Fixtures.instant("2026-05-04T08:00:00Z"), expiresAt: Fixtures.instant(expiring))
        }
        let clock = ManualWallClock("2026-05-04T06:00:00Z")
        let live = Fixtures.calculator(occupancies: [hold(expiring: "2026-05-04T06:10:00Z")])
        #expect(!Fixtures.times(live.slots(from: Fixtures.monday, through: Fixtures.monday, now: clock.now)).contains("08:30"))
        clock.advance(by: .seconds(600))  // the hold expires exactly now
        #expect(Fixtures.times(live.slots(from: Fixtures.monday, through: Fixtures.monday, now: clock.now)).contains("08:30"))
        #expect(hold(expiring: "2026-05-04T06:10:00Z").isLive(at: Fixtures.instant("2026-05-04T06:09:59Z")))
    }

    @Test func absencesRemoveTheSlotsTheyTouch() {
        let absence = Absence(
            counterID: Fixtures.counterID(1), from: LocalDateTime(Fixtures.monday, Fixtures.time("09:15")),
            to: LocalDateTime(Fixtures.date("2026-05-05"), Fixtures.time("15:00")), in: Fixtures.zone)
        let slots = Fixtures.calculator(absences: [absence]).slots(from: Fixtures.monday, through: Fixtures.date("2026-05-05"), now: now)
        #expect(
            Fixtures.wallTimes(slots) == [
                "2026-05-04T08:30+01:00", "2026-05-05T15:00+01:00", "2026-05-05T15:30+01:00", "2026-05-05T16:00+01:00",
            ])
        // Another counter's absence changes nothing here.
        let elsewhere = Absence(counterID: Fixtures.counterID(9), start: Fixtures.instant("2026-05-04T00:00:00Z"), end: Fixtures.instant("2026-05-05T00:00:00Z"))
        #expect(Fixtures.calculator(absences: [elsewhere]).slots(from: Fixtures.monday, through: Fixtures.monday, now: now).count == 12)
    }

    @Test func theBookingWindowClipsSlots() {
        // Now is Monday 10:10 local; notice 2 hours; horizon 2 days.
        let now = Fixtures.instant("2026-05-04T09:10:00Z")
        let service = Fixtures.service(notice: .seconds(7200), horizon: .seconds(2 * 86_400))
        let slots = Fixtures.calculator(service: service).slots(from: Fixtures.date("2026-05-01"), through: Fixtures.date("2026-05-31"), now: now)
        #expect(Fixtures.wallTimes(slots).first == "2026-05-04T14:00+01:00")  // 12:10 is the earliest start
        #expect(Fixtures.wallTimes(slots).last == "2026-05-06T10:00+01:00")  // 10:10 on Wednesday is the latest start
        #expect(slots.allSatisfy { $0.start >= now.addingTimeInterval(7200) && $0.start <= now.addingTimeInterval(2 * 86_400) })
        // Without notice, a slot that has already started is not offered.
        let immediate = Fixtures.calculator(service: Fixtures.service(notice: .zero, horizon: .seconds(86_400)))
        #expect(Fixtures.times(immediate.slots(from: Fixtures.monday, through: Fixtures.monday, now: now)).first == "10:30")
        // A reversed or empty range gives nothing.
        #expect(Fixtures.calculator().slots(from: Fixtures.date("2026-05-05"), through: Fixtures.monday, now: Fixtures.earlyNow).isEmpty)
    }

    @Test func counterSlotsNameTheCountersWithSeats() {
        let booking = Occupancy(
            counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: Fixtures.instant("2026-05-04T07:30:00Z"),
            end: Fixtures.instant("2026-05-04T08:00:00Z"))
        let calculator = Fixtures.calculator(counters: [Fixtures.counter(1), Fixtures.counter(2)], occupancies: [booking])
        let first = calculator.counterSlots(on: Fixtures.monday, now: now).filter { $0.start == Fixtures.instant("2026-05-04T07:30:00Z") }
        #expect(first.map(\.counterID) == [Fixtures.counterID(2)])
        let all = calculator.counterSlots(on: Fixtures.monday, now: now)
        #expect(all.count == 23)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.start <= $1.start })
        // Equal starts follow the order of the counters given.
        let reversed = Fixtures.calculator(counters: [Fixtures.counter(2), Fixtures.counter(1)])
            .counterSlots(on: Fixtures.monday, now: now).prefix(2).map(\.counterID)
        #expect(reversed == [Fixtures.counterID(2), Fixtures.counterID(1)])
    }

    @Test func parsesAvailabilityDateRanges() throws {
        #expect(try SlotCalculator.dateRange(from: "2026-05-01", to: "2026-05-31") == Fixtures.date("2026-05-01")...Fixtures.date("2026-05-31"))
        func fields(_ from: String?, _ to: String?) -> [String] {
            do {
                _ = try SlotCalculator.dateRange(from: from, to: to, configuration: .init(maximumDays: 31))
                return []
            } catch {
                #expect(error.code == "validation_failed")
                return error.errors.map { "\($0.field) \($0.code)" }
            }
        }
        #expect(fields(nil, nil) == ["/from required", "/to required"])
        #expect(fields("2026-02-30", "tomorrow") == ["/from invalid_format", "/to invalid_format"])
        #expect(fields("2026-05-10", "2026-05-09") == ["/to invalid_range"])
        #expect(fields("2026-05-01", "2026-06-01") == ["/to out_of_range"])
        #expect(fields("2026-05-01", "2026-05-31").isEmpty)
    }
}
