import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct WaitingListTests {
    let day = Fixtures.date("2026-05-06")
    let clock = ManualWallClock("2026-05-01T09:00:00Z")

    private func person(_ index: Int) -> ContactDetails {
        ContactDetails(phone: PhoneNumber("+21261234560\(index)"))
    }

    @Test func offersGoFirstComeFirstServed() throws {
        var list = WaitingList(siteID: Fixtures.siteID, serviceID: Fixtures.serviceID, date: day)
        let first = list.join(id: UUID(), contact: person(1), now: clock.now)
        clock.advance(by: .seconds(60))
        let second = list.join(id: UUID(), contact: person(2), now: clock.now)
        clock.advance(by: .seconds(60))
        let third = list.join(id: UUID(), contact: person(3), now: clock.now)
        // Joining again keeps one's place.
        #expect(list.join(id: UUID(), contact: person(1), now: clock.now).id == first.id)
        #expect(list.waiting.map(\.id) == [first.id, second.id, third.id])

        let offered = list.offerNext(now: clock.now, offerLifetime: .seconds(3600))
        let offer = try #require(offered)
        #expect(offer.id == first.id)
        #expect(offer.offerExpiresAt == clock.now.addingTimeInterval(3600))
        // The first lets the offer lapse; the next freed slot goes to the second.
        clock.advance(by: .seconds(3600))
        let lateAcceptance = list.accept(first.id, now: clock.now)
        #expect(!lateAcceptance)
        let nextOffer = list.offerNext(now: clock.now, offerLifetime: .seconds(3600))
        let next = try #require(nextOffer)
        #expect(next.id == second.id)
        let accepted = list.accept(second.id, now: clock.now)
        #expect(accepted)
        let withdrawn = list.withdraw(third.id)
        let withdrawnAgain = list.withdraw(third.id)
        #expect(withdrawn && !withdrawnAgain)
        let nobody = list.offerNext(now: clock.now)
        #expect(nobody == nil)
        #expect(list.entries.map(\.status) == [.lapsed, .accepted, .withdrawn])
    }

    @Test func entriesLoadedInAnyOrderAreSortedByArrival() {
        let early = WaitingList.Entry(id: UUID(), contact: person(1), joinedAt: Fixtures.instant("2026-05-01T08:00:00Z"), sequence: 5)
        let tie = WaitingList.Entry(id: UUID(), contact: person(2), joinedAt: Fixtures.instant("2026-05-01T08:00:00Z"), sequence: 9)
        let late = WaitingList.Entry(id: UUID(), contact: person(3), joinedAt: Fixtures.instant("2026-05-01T09:00:00Z"), sequence: 1)
        var list = WaitingList(siteID: Fixtures.siteID, serviceID: Fixtures.serviceID, date: day, entries: [late, tie, early])
        #expect(list.waiting.map(\.id) == [early.id, tie.id, late.id])
        let offered = list.offerNext(now: clock.now)
        #expect(offered?.id == early.id)
        let newcomer = list.join(id: UUID(), contact: person(4), now: clock.now)
        #expect(newcomer.sequence == 10)
    }
}
