import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct BookingRulesTests {
    let start = Fixtures.instant("2026-05-06T09:00:00+01:00")
    let agentOverride = RuleOverride(agent: "account:agent", reason: "Urgence médicale")

    private func booking(start: Date? = nil, status: BookingStatus = .confirmed, service: UUID = Fixtures.serviceID) -> Booking {
        let begin = start ?? self.start
        var generator = SeededGenerator(state: 7)
        return Booking(
            id: UUID(), code: BookingCode.random(using: &generator), siteID: Fixtures.siteID, serviceID: service,
            counterID: Fixtures.counterID(1), start: begin, end: begin.addingTimeInterval(1800),
            contact: ContactDetails(phone: PhoneNumber("+212612345678")), channel: .web, status: status,
            createdAt: Fixtures.instant("2026-05-01T10:00:00Z"))
    }

    @Test func cancellingStopsAtTheCutoff() throws {
        let cutoff = Duration.seconds(24 * 3600)
        var early = booking()
        try early.cancel(now: Fixtures.instant("2026-05-05T08:59:59+01:00"), cutoff: cutoff)
        #expect(early.status == .cancelled)
        var late = booking()
        #expect(throws: BookingRuleViolation.cancellationCutoffPassed) {
            try late.cancel(now: Fixtures.instant("2026-05-05T09:00:00+01:00"), cutoff: cutoff)
        }
        #expect(late.status == .confirmed)
        try late.cancel(now: Fixtures.instant("2026-05-06T08:00:00+01:00"), cutoff: cutoff, override: agentOverride)
        #expect(late.status == .cancelled)
        #expect(throws: BookingRuleViolation.statusConflict(.cancelled)) {
            try late.cancel(now: Fixtures.instant("2026-05-01T08:00:00+01:00"), cutoff: cutoff)
        }
        #expect(late.cancellationDeadline(cutoff: cutoff) == Fixtures.instant("2026-05-05T09:00:00+01:00"))
    }

    @Test func movingStopsAtItsOwnCutoff() throws {
        let moving = booking()
        try moving.checkMove(now: Fixtures.instant("2026-05-06T06:59:00+01:00"), cutoff: .seconds(7200))
        #expect(throws: BookingRuleViolation.moveCutoffPassed) {
            try moving.checkMove(now: Fixtures.instant("2026-05-06T07:00:00+01:00"), cutoff: .seconds(7200))
        }
        try moving.checkMove(now: Fixtures.instant("2026-05-06T08:30:00+01:00"), cutoff: .seconds(7200), override: agentOverride)
        #expect(throws: BookingRuleViolation.statusConflict(.noShow)) {
            try booking(status: .noShow).checkMove(now: Fixtures.instant("2026-05-01T00:00:00Z"), cutoff: .zero)
        }
        var moved = moving
        moved.move(to: start.addingTimeInterval(86_400), end: start.addingTimeInterval(86_400 + 1800), counterID: Fixtures.counterID(2))
        #expect(moved.counterID == Fixtures.counterID(2))
        #expect(moved.start == start.addingTimeInterval(86_400))
    }

    @Test func perPersonCapCountsUpcomingBookingsOfTheService() throws {
        let now = Fixtures.instant("2026-05-05T00:00:00Z")
        let existing = [
            booking(),
            booking(start: Fixtures.instant("2026-05-04T09:00:00Z")),  // past
            booking(start: Fixtures.instant("2026-05-20T09:00:00Z"), status: .cancelled),
            booking(start: Fixtures.instant("2026-05-21T09:00:00Z"), service: Fixtures.otherServiceID),
        ]
        try BookingRules.checkPerPersonCap(existing: existing, serviceID: Fixtures.serviceID, cap: 2, now: now)
        #expect(throws: BookingRuleViolation.bookingLimitReached(cap: 1)) {
            try BookingRules.checkPerPersonCap(existing: existing, serviceID: Fixtures.serviceID, cap: 1, now: now)
        }
        try BookingRules.checkPerPersonCap(existing: existing, serviceID: Fixtures.serviceID, cap: 1, now: now, override: agentOverride)
        let problem = BookingRuleViolation.bookingLimitReached(cap: 1).problem(language: .en)
        #expect(problem.code == "booking_limit_reached" && problem.status == 409)
        #expect(problem.extensions["cap"] == .number(1))
    }

    @Test func checkInCompletionAndNoShows() throws {
        var visit = booking()
        #expect(throws: BookingRuleViolation.checkInNotOpen) {
            try visit.checkIn(now: Fixtures.instant("2026-05-06T06:59:00+01:00"))
        }
        try visit.checkIn(now: Fixtures.instant("2026-05-06T08:40:00+01:00"))
        #expect(visit.status == .checkedIn)
        #expect(!visit.isNoShowDue(now: Fixtures.instant("2026-05-06T10:00:00+01:00"), grace: Booking.defaultNoShowGrace))
        try visit.complete()
        #expect(visit.status == .completed)
        #expect(throws: BookingRuleViolation.statusConflict(.completed)) { try visit.complete() }

        var absent = booking()
        let grace = Booking.defaultNoShowGrace
        #expect(!absent.isNoShowDue(now: Fixtures.instant("2026-05-06T09:14:59+01:00"), grace: grace))
        #expect(throws: BookingRuleViolation.statusConflict(.confirmed)) {
            try absent.markNoShow(now: Fixtures.instant("2026-05-06T09:10:00+01:00"), grace: grace)
        }
        try absent.markNoShow(now: Fixtures.instant("2026-05-06T09:15:00+01:00"), grace: grace)
        #expect(absent.status == .noShow)
        #expect(throws: BookingRuleViolation.checkInNotOpen) {
            var late = booking()
            try late.checkIn(now: Fixtures.instant("2026-05-06T09:30:00+01:00"))
        }
    }

    @Test func occupanciesIncludeTheBufferAndOnlyLiveBookings() {
        let occupancy = booking().occupancy(bufferAfter: .seconds(600))
        #expect(occupancy?.end == start.addingTimeInterval(2400))
        #expect(occupancy?.expiresAt == nil)
        #expect(booking(status: .cancelled).occupancy(bufferAfter: .zero) == nil)
        #expect(booking(status: .checkedIn).occupancy(bufferAfter: .zero) != nil)
    }

    @Test func holdsExpire() throws {
        let placed = Fixtures.instant("2026-05-04T10:00:00Z")
        let hold = Hold(
            id: UUID(), counterID: Fixtures.counterID(1), serviceID: Fixtures.serviceID, start: start, end: start.addingTimeInterval(1800),
            placedAt: placed, configuration: .init(lifetime: .seconds(300)))
        try hold.checkConfirmable(now: placed.addingTimeInterval(299))
        #expect(throws: BookingRuleViolation.holdExpired) { try hold.checkConfirmable(now: placed.addingTimeInterval(300)) }
        #expect(BookingRuleViolation.holdExpired.problem(language: .fr).status == 410)
        #expect(hold.occupancy(bufferAfter: .seconds(300)).expiresAt == placed.addingTimeInterval(300))
        #expect(hold.occupancy(bufferAfter: .seconds(300)).end == start.addingTimeInterval(2100))
    }

    @Test func overridesNeedAReason() {
        #expect(RuleOverride(agent: "account:agent", reason: " ").validate().map(\.field) == ["/override/reason"])
        #expect(RuleOverride(agent: "account:agent", reason: String(repeating: "r", count: 501)).validate().map(\.code) == ["too_long"])
        #expect(agentOverride.validate().isEmpty)
    }

    @Test func statusesHoldSlotsUntilFinal() {
        #expect(BookingStatus.allCases.filter(\.holdsSlot) == [.confirmed, .checkedIn])
        #expect(BookingStatus.allCases.filter(\.isFinal) == [.completed, .cancelled, .noShow])
        #expect(BookingStatus.noShow.rawValue == "no_show")
        #expect(BookingRuleViolation.statusConflict(.cancelled).problem(language: .ar).extensions["status"] == .string("cancelled"))
    }
}
