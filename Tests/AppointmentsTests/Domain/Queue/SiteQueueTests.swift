import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct SiteQueueTests {
    let clock = ManualWallClock("2026-05-04T07:00:00Z")
    let counter = Fixtures.counterID(1)

    @Test func ticketsAreNumberedPerPrefixAndCalledInArrivalOrder() throws {
        var queue = SiteQueue(siteID: Fixtures.siteID, date: Fixtures.monday)
        let a1 = queue.issue(serviceID: Fixtures.serviceID, prefix: "A", origin: .walkIn, at: clock.now)
        clock.advance(by: .seconds(30))
        let b1 = queue.issue(serviceID: Fixtures.otherServiceID, prefix: "B", origin: .walkIn, at: clock.now)
        clock.advance(by: .seconds(30))
        let a2 = queue.issue(serviceID: Fixtures.serviceID, prefix: "A", origin: .walkIn, at: clock.now)
        #expect([a1.label, b1.label, a2.label] == ["A001", "B001", "A002"])
        #expect(queue.waitingCount() == 3)
        #expect(queue.waitingCount(serviceID: Fixtures.serviceID) == 2)
        #expect(queue.waitingCounts == [Fixtures.serviceID: 2, Fixtures.otherServiceID: 1])
        #expect(queue.position(of: "A002", at: clock.now) == 2)

        clock.advance(by: .seconds(240))
        let next = queue.callNext(counterID: counter, at: clock.now)
        let called = try #require(next)
        #expect(called.label == "A001")
        #expect(called.waitingTime == .seconds(300))
        let second = queue.callNext(counterID: Fixtures.counterID(2), services: [Fixtures.serviceID], at: clock.now)
        #expect(second?.label == "A002")
        let none = queue.callNext(counterID: Fixtures.counterID(3), services: [Fixtures.serviceID], at: clock.now)
        #expect(none == nil)
        #expect(queue.waitingCount() == 1)
        try queue.markServed("A001", at: clock.now)
        try queue.markNoShow("A002", at: clock.now)
        #expect(queue.ticket("A001")?.status == .served)
        #expect(queue.ticket("A002")?.status == .noShow)
        #expect(queue.ticket("A002")?.closedAt == clock.now)
    }

    @Test func dueAppointmentsAreCalledBeforeWalkIns() throws {
        var queue = SiteQueue(siteID: Fixtures.siteID, date: Fixtures.monday)
        queue.issue(serviceID: Fixtures.serviceID, prefix: "A", origin: .walkIn, at: clock.now)
        let booking = UUID()
        // Checked in early for 08:30 (07:30 UTC).
        queue.issue(
            serviceID: Fixtures.serviceID, prefix: "A", origin: .appointment(bookingID: booking, start: Fixtures.instant("2026-05-04T07:30:00Z")),
            at: clock.now.addingTimeInterval(60))
        // Before 08:30 the walk-in who came first goes first.
        #expect(queue.position(of: "A002", at: clock.now) == 2)
        clock.set(to: Fixtures.instant("2026-05-04T07:30:00Z"))
        #expect(queue.position(of: "A002", at: clock.now) == 1)
        let first = queue.callNext(counterID: counter, at: clock.now)
        let second = queue.callNext(counterID: counter, at: clock.now)
        #expect(first?.label == "A002")
        #expect(second?.label == "A001")
    }

    @Test func actionsOnTheWrongTicketAreRefused() throws {
        var queue = SiteQueue(siteID: Fixtures.siteID, date: Fixtures.monday)
        queue.issue(serviceID: Fixtures.serviceID, prefix: "A", origin: .walkIn, at: clock.now)
        #expect(throws: SiteQueue.Failure.statusConflict(.waiting)) { try queue.markServed("A001", at: clock.now) }
        #expect(throws: SiteQueue.Failure.unknownTicket) { try queue.markServed("Z999", at: clock.now) }
        _ = queue.callNext(counterID: counter, at: clock.now)
        try queue.requeue("A001")
        #expect(queue.ticket("A001")?.status == .waiting)
        #expect(throws: SiteQueue.Failure.statusConflict(.waiting)) { try queue.requeue("A001") }
        _ = queue.callNext(counterID: counter, at: clock.now)
        try queue.markServed("A001", at: clock.now)
        #expect(throws: SiteQueue.Failure.statusConflict(.served)) { try queue.markNoShow("A001", at: clock.now) }
        let problem = SiteQueue.Failure.statusConflict(.served).problem(language: .fr)
        #expect(problem.code == "ticket_status_conflict" && problem.status == 409)
        #expect(SiteQueue.Failure.unknownTicket.problem(language: .en).status == 404)
    }

    @Test func numbersContinueFromLoadedTicketsAndWidenPast999() {
        let loaded = (1...999).map {
            QueueTicket(number: $0, prefix: "C", serviceID: Fixtures.serviceID, origin: .walkIn, status: .served, issuedAt: clock.now)
        }
        var queue = SiteQueue(siteID: Fixtures.siteID, date: Fixtures.monday, tickets: loaded.shuffled())
        let thousandth = queue.issue(serviceID: Fixtures.serviceID, prefix: "C", origin: .walkIn, at: clock.now)
        let other = queue.issue(serviceID: Fixtures.serviceID, prefix: "AB", origin: .walkIn, at: clock.now)
        #expect(thousandth.label == "C1000")
        #expect(other.label == "AB001")
        #expect(queue.waitingCount() == 2)
    }
}
