import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct CaseListQueryTests {
    let unitA = UUID()
    let unitB = UUID()
    let unitC = UUID()

    @Test func parsesEveryFilter() throws {
        let cursor = CaseCursor(microseconds: 1_780_000_000_123_456, id: UUID())
        let query = try CaseListQuery(parsing: [
            ("status", "received,in_progress"), ("status", "reopened"), ("unit", "\(unitA.uuidString),triage"), ("category", "roads"),
            ("zone", "casa"), ("overdue", "true"), ("q", "  nid de poule "), ("cursor", cursor.encoded), ("limit", "25"),
        ])
        #expect(query.statuses == [.received, .inProgress, .reopened])
        #expect(query.units == [unitA] && query.triage && query.categories == ["roads"] && query.zone == "casa")
        #expect(query.overdueOnly && query.text == "nid de poule" && query.cursor == cursor && query.limit == 25)
        #expect(try CaseListQuery(parsing: []) == CaseListQuery())
    }

    @Test func reportsEveryBadParameterByName() {
        do {
            _ = try CaseListQuery(parsing: [
                ("status", "lost"), ("unit", "nobody"), ("category", "a b"), ("zone", "x"), ("zone", "y"), ("overdue", "yes"),
                ("cursor", "!!"), ("limit", "201"), ("q", String(repeating: "a", count: 201)),
            ])
            Issue.record("expected a failure")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["status", "unit", "category", "zone", "overdue", "cursor", "limit", "q"])
        }
    }

    @Test func cursorsRoundTripAndRefuseForgeries() {
        let cursor = CaseCursor(microseconds: -5, id: UUID())
        #expect(CaseCursor(encoded: cursor.encoded) == cursor)
        for forged in ["", "bm90LWEtY3Vyc29y", String(repeating: "A", count: 200), "MTIz"] {
            #expect(CaseCursor(encoded: forged) == nil, "\(forged)")
        }
    }

    @Test func unitsFollowTheAgentsScope() {
        let handler = AgentScope(isSupervisor: false, units: [unitA, unitB])
        let supervisor = AgentScope(isSupervisor: true, units: [])
        #expect(Set(CaseListQuery().effectiveUnits(in: handler) ?? []) == [unitA, unitB])
        #expect(CaseListQuery(units: [unitA, unitC]).effectiveUnits(in: handler) == [unitA])
        #expect(CaseListQuery(units: [unitC]).effectiveUnits(in: handler) == [])
        #expect(CaseListQuery(triage: true).effectiveUnits(in: handler) == [])
        #expect(!CaseListQuery(triage: true).includesTriage(in: handler))
        #expect(CaseListQuery().effectiveUnits(in: supervisor) == nil)
        #expect(CaseListQuery(units: [unitC]).effectiveUnits(in: supervisor) == [unitC])
        #expect(CaseListQuery(triage: true).effectiveUnits(in: supervisor) == [] && CaseListQuery(triage: true).includesTriage(in: supervisor))
    }

    @Test func scopesFromPrincipals() {
        let agent = Principal(subject: "account:\(unitA.uuidString)", kind: .agent, roles: [Roles.complaintsHandler], units: [unitB])
        let scope = AgentScope(agent)
        #expect(!scope.isSupervisor && scope.units == [unitB] && scope.agentID == unitA)
        #expect(scope.covers(unit: unitB) && !scope.covers(unit: unitC) && !scope.covers(unit: nil) && !scope.mayMerge)
        let supervisor = AgentScope(Principal(subject: "account:x", kind: .agent, roles: [Roles.complaintsSupervisor]))
        #expect(supervisor.covers(unit: nil) && supervisor.covers(unit: unitC) && supervisor.mayMerge && supervisor.agentID == nil)
        let citizen = AgentScope(Principal(subject: "account:y", kind: .citizen, roles: [Roles.complaintsSupervisor], units: [unitA]))
        #expect(!citizen.isSupervisor && citizen.units.isEmpty)
    }

    @Test func mapQueries() throws {
        let query = try MapQuery(parsing: [("bbox", "-7.7,33.5,-7.5,33.65"), ("zoom", "12"), ("status", "received")])
        #expect(query.zoom == 12 && query.box.west == -7.7 && query.box.north == 33.65 && query.filters.statuses == [.received])
        #expect(query.worldSize == 256 * 4096)
        #expect(try MapQuery(parsing: [("zoom", "0")]).box == MapQuery.world)
        for bad in [[("bbox", "1,2,3"), ("zoom", "3")], [("bbox", "10,0,-10,5"), ("zoom", "3")], [("bbox", "0,0,1,95"), ("zoom", "3")], [("zoom", "23")], []] {
            #expect(throws: Problem.self) { try MapQuery(parsing: bad) }
        }
    }
}
