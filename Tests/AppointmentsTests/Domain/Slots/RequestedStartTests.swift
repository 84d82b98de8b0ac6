import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct RequestedStartTests {
    /// Monday 2026-05-04 07:00 local.
    let now = Fixtures.instant("2026-05-04T06:00:00Z")
    let service = Fixtures.service(notice: .seconds(3600), horizon: .seconds(30 * 86_400))

    private func rejection(
        _ start: String, channel: Channel = .web, calculator: SlotCalculator? = nil
    ) -> SlotRejection? {
        do {
            _ = try (calculator ?? Fixtures.calculator(service: service)).check(start: Fixtures.instant(start), channel: channel, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFreeStartOnTheGridIsAccepted() throws {
        let calculator = Fixtures.calculator(service: service, counters: [Fixtures.counter(1), Fixtures.counter(2)])
        let free = try calculator.check(start: Fixtures.instant("2026-05-04T09:00:00+01:00"), channel: .web, now: now)
        #expect(free.map(\.counterID) == [Fixtures.counterID(1), Fixtures.counterID(2)])
        #expect(free.allSatisfy { $0.remaining == 1 && $0.end == Fixtures.instant("2026-05-04T09:30:00+01:00") })
    }

    @Test func eachReasonHasItsOwnRejection() {
        #expect(rejection("2026-05-04T09:00:00+01:00") == nil)
        #expect(rejection("2026-05-04T06:30:00+01:00") == .inThePast)
        #expect(rejection("2026-05-04T07:30:00+01:00") == .outsideWindow)  // 30 minutes' notice, 60 needed
        #expect(rejection("2026-06-05T09:00:00+01:00") == .outsideWindow)  // after the 30-day horizon
        #expect(rejection("2026-05-04T12:00:00+01:00") == .outsideOpeningHours)  // lunch break
        #expect(rejection("2026-05-04T11:45:00+01:00") == .outsideOpeningHours)  // would end at 12:15
        #expect(rejection("2026-05-09T09:00:00+01:00") == .outsideOpeningHours)  // Saturday
        #expect(rejection("2026-05-04T09:10:00+01:00") == .notOnGrid)
        #expect(rejection("2026-05-04T09:00:01+01:00") == .notOnGrid)
        #expect(rejection("2026-05-04T09:00:00.500+01:00") == .notOnGrid)
        #expect(rejection("2026-05-04T09:00:00+01:00", channel: .phone) == nil)
    }

    @Test func holidaysAreRejectedBeforeHours() {
        let holidays = [
            Holiday(date: Fixtures.date("2026-05-05"), name: LocalizedText(fr: "Fête")),
            Holiday(date: Fixtures.date("2026-05-06"), name: LocalizedText(fr: "Veille"), closure: .partial([Fixtures.range("10:15-24:00")])),
        ]
        let calculator = Fixtures.calculator(service: service, holidays: holidays)
        #expect(rejection("2026-05-05T09:00:00+01:00", calculator: calculator) == .onHoliday)
        #expect(rejection("2026-05-06T10:00:00+01:00", calculator: calculator) == .onHoliday)  // runs into the closure
        #expect(rejection("2026-05-06T09:30:00+01:00", calculator: calculator) == nil)
        #expect(rejection("2026-05-06T15:00:00+01:00", calculator: calculator) == .onHoliday)
    }

    @Test func serviceAndChannelAreCheckedFirst() {
        var notHere = service
        notHere.siteIDs = [Fixtures.otherSiteID]
        #expect(rejection("2026-05-04T06:30:00+01:00", calculator: Fixtures.calculator(service: notHere)) == .serviceNotOffered)
        let noCounter = Fixtures.calculator(service: service, counters: [Fixtures.counter(1, services: [Fixtures.otherServiceID])])
        #expect(rejection("2026-05-04T09:00:00+01:00", calculator: noCounter) == .serviceNotOffered)
        var webOnly = service
        webOnly.channels = [.web, .mobile]
        #expect(rejection("2026-05-04T09:00:00+01:00", channel: .desk, calculator: Fixtures.calculator(service: webOnly)) == .channelNotAllowed)
    }

    @Test func takenSlotsAnswerWithTheNextFreeOnes() throws {
        let start = Fixtures.instant("2026-05-04T09:00:00+01:00")
        let booked = [
            Occupancy(counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: start, end: start.addingTimeInterval(1800)),
            Occupancy(
                counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: start.addingTimeInterval(1800),
                end: start.addingTimeInterval(3600)),
        ]
        let absent = Absence(counterID: Fixtures.counterID(2), start: start, end: start.addingTimeInterval(1800))
        let calculator = Fixtures.calculator(
            service: service, counters: [Fixtures.counter(1), Fixtures.counter(2)], absences: [absent], occupancies: booked)
        #expect(rejection("2026-05-04T09:00:00+01:00", calculator: calculator) == .taken)
        let next = calculator.nextSlots(after: start, limit: 3, now: now)
        #expect(Fixtures.wallTimes(next) == ["2026-05-04T09:30+01:00", "2026-05-04T10:00+01:00", "2026-05-04T10:30+01:00"])
        #expect(next.map(\.remaining) == [1, 2, 2])
        let problem = calculator.problem(for: .taken, start: start, now: now, language: .ar, limit: 2)
        #expect(problem.status == 409)
        #expect(problem.code == "slot_taken")
        #expect(problem.title == "الموعد محجوز مسبقًا")
        let slots = try #require(problem.extensions["next_slots"]?.arrayValue)
        #expect(slots.count == 2)
        #expect(slots.first?["start"]?.stringValue == "2026-05-04T09:30:00+01:00")
        #expect(slots.first?["end"]?.stringValue == "2026-05-04T10:00:00+01:00")
        #expect(slots.first?["remaining"]?.numberValue == 1)
        let json = String(decoding: problem.encodedJSON(), as: UTF8.self)
        #expect(json.contains("\"next_slots\":[{"))
        // Other rejections carry no next slots.
        #expect(calculator.problem(for: .notOnGrid, start: start, now: now, language: .fr).extensions.isEmpty)
    }

    @Test func nextSlotsSkipClosedDaysAndStopAtTheHorizon() {
        // Friday 16:00 is the last slot of the week; the next ones are on Monday.
        let friday = Fixtures.instant("2026-05-08T16:00:00+01:00")
        let next = Fixtures.calculator(service: service).nextSlots(after: friday, limit: 2, now: now)
        #expect(Fixtures.wallTimes(next) == ["2026-05-11T08:30+01:00", "2026-05-11T09:00+01:00"])
        let short = Fixtures.service(notice: .zero, horizon: .seconds(86_400))
        #expect(Fixtures.calculator(service: short).nextSlots(after: friday, limit: 2, now: now).isEmpty)
        #expect(Fixtures.calculator(service: service).nextSlots(after: friday, limit: 0, now: now).isEmpty)
    }

    @Test func everyRejectionMapsToADistinctLocalisedProblem() {
        let kinds = SlotRejection.allCases.map(\.kind)
        #expect(Set(kinds.map(\.code)).count == SlotRejection.allCases.count)
        #expect(SlotRejection.notOnGrid.kind.code == "slot_not_on_grid")
        #expect(SlotRejection.outsideWindow.kind.status == 422)
        #expect(SlotRejection.taken.kind.status == 409)
        for kind in ProblemKind.appointmentsCatalog {
            for language in Language.allCases {
                #expect(!kind.title.text(in: language).isEmpty)
                #expect(kind.title.ar != nil && kind.title.en != nil && kind.detail.ar != nil && kind.detail.en != nil, "\(kind.code)")
            }
        }
        #expect(Set(ProblemKind.appointmentsCatalog.map(\.code)).count == ProblemKind.appointmentsCatalog.count)
        #expect(Set(ProblemKind.appointmentsCatalog.map(\.code)).isDisjoint(with: ProblemKind.platformCatalog.map(\.code)))
    }
}
