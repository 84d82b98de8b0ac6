import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import GuichetCore
import Testing
@testable import Complaints

@Suite struct DuplicateFinderTests {
    let origin = GeoPoint(latitude: 33.5731, longitude: -7.5898)!

    /// A point `north` and `east` metres away from the origin (small offsets).
    private func offset(north: Double, east: Double) -> GeoPoint {
        let latitude = origin.latitude + north / 111_195
        let longitude = origin.longitude + east / (111_195 * cos(origin.latitude * .pi / 180))
        return GeoPoint(latitude: latitude, longitude: longitude)!
    }

    private func candidate(
        _ north: Double, _ east: Double, category: String = "voirie", status: ComplaintStatus = .received, daysAgo: Double = 1, id: UUID = UUID()
    ) -> DuplicateFinder.Candidate {
        DuplicateFinder.Candidate(
            id: id, category: category, location: offset(north: north, east: east), status: status,
            receivedAt: Date(timeIntervalSince1970: 1_780_000_000 - daysAgo * 86_400))
    }

    @Test func picksOpenComplaintsOfTheCategoryWithinTheRadiusNearestFirst() {
        let near = candidate(30, 0)
        let nearer = candidate(0, 10)
        let edge = candidate(0, 99)
        let outside = candidate(101, 0)
        let otherCategory = candidate(5, 5, category: "eclairage")
        let closed = candidate(1, 1, status: .closed)
        let merged = candidate(1, 1, status: .merged)
        let answered = candidate(50, 0, status: .answered)
        let finder = DuplicateFinder()
        let matches = finder.matches(near: origin, category: "voirie", among: [near, nearer, edge, outside, otherCategory, closed, merged, answered])
        #expect(matches.map(\.candidate.id) == [nearer.id, near.id, answered.id, edge.id])
        #expect(abs(matches[0].distance - 10) < 0.1 && abs(matches[1].distance - 30) < 0.1)
        #expect(matches.allSatisfy { $0.distance <= 100 })
    }

    @Test func tiesGoToTheMostRecentThenTheID() {
        let older = candidate(20, 0, daysAgo: 10)
        let newer = candidate(20, 0, daysAgo: 1)
        let sameTimeB = candidate(20, 0, daysAgo: 5, id: UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!)
        let sameTimeA = candidate(20, 0, daysAgo: 5, id: UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!)
        let closest = candidate(0, 5, daysAgo: 30)
        let matches = DuplicateFinder(configuration: .init(radius: 50)).matches(
            near: origin, category: "voirie", among: [older, sameTimeB, newer, closest, sameTimeA])
        #expect(matches.map(\.candidate.id) == [closest.id, newer.id, sameTimeA.id, sameTimeB.id, older.id])
    }

    @Test func excludesItselfAndCapsTheList() {
        let me = UUID()
        let candidates = (0..<30).map { candidate(Double($0), 0) } + [candidate(0, 0, id: me)]
        let matches = DuplicateFinder(configuration: .init(radius: 100, maximumResults: 5)).matches(
            near: origin, category: "voirie", excluding: me, among: candidates)
        #expect(matches.count == 5)
        #expect(!matches.contains { $0.candidate.id == me })
        #expect(matches.map(\.distance) == matches.map(\.distance).sorted())
        #expect(DuplicateFinder().matches(near: origin, category: "voirie", among: []).isEmpty)
    }

    @Test func worksAcrossTheAntimeridianAndAtThePoles() {
        let east = GeoPoint(latitude: 0, longitude: 179.9999)!
        let west = DuplicateFinder.Candidate(
            id: UUID(), category: "c", location: GeoPoint(latitude: 0, longitude: -179.9999)!, status: .received, receivedAt: Date())
        #expect(DuplicateFinder(configuration: .init(radius: 50)).matches(near: east, category: "c", among: [west]).count == 1)
        let pole = GeoPoint(latitude: 90, longitude: 0)!
        let otherSide = DuplicateFinder.Candidate(
            id: UUID(), category: "c", location: GeoPoint(latitude: 89.9999, longitude: 180)!, status: .received, receivedAt: Date())
        #expect(DuplicateFinder(configuration: .init(radius: 20)).matches(near: pole, category: "c", among: [otherSide]).count == 1)
    }
}
