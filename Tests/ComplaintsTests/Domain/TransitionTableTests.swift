import FoundationEssentials
import Testing
@testable import Complaints

@Suite struct TransitionTableTests {
    @Test func defaultTableAllowsTheUsualPathAndNothingOutOfTerminalStatuses() {
        let table = TransitionTable.default
        let path: [ComplaintStatus] = [.received, .acknowledged, .assigned, .inProgress, .answered, .closed, .reopened, .assigned]
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(table.allows(from: from, to: to), "\(from) → \(to)")
        }
        #expect(table.allows(from: .assigned, to: .assigned))
        #expect(!table.allows(from: .closed, to: .answered))
        #expect(!table.allows(from: .merged, to: .reopened))
        #expect(table.targets(from: .rejected).isEmpty && table.targets(from: .merged).isEmpty)
        #expect(table.targets(from: .closed) == [.reopened])
        #expect(!table.allows(from: .received, to: .closed))
        for status in ComplaintStatus.allCases {
            #expect(!table.allows(from: status, to: .received))
        }
    }

    @Test func rejectsTablesThatTrapComplaints() {
        func violations(_ transitions: [ComplaintStatus: Set<ComplaintStatus>]) -> [TransitionTable.Violation] {
            do {
                _ = try TransitionTable(transitions)
                return []
            } catch {
                return error.violations
            }
        }
        var table = TransitionTable.default.transitions
        #expect(violations(table).isEmpty)

        table[.merged] = [.reopened]
        #expect(violations(table) == [.leavesTerminalStatus(.init(from: .merged, to: .reopened))])
        table = TransitionTable.default.transitions
        table[.closed] = [.reopened, .answered]
        #expect(violations(table) == [.leavesTerminalStatus(.init(from: .closed, to: .answered))])
        // Rejected may be reopened if a tenant wants it.
        table = TransitionTable.default.transitions
        table[.rejected] = [.reopened]
        #expect(violations(table).isEmpty)

        table = TransitionTable.default.transitions
        table[.assigned, default: []].insert(.received)
        #expect(violations(table) == [.entersReceived(from: .assigned)])
        table = TransitionTable.default.transitions
        table[.inProgress, default: []].insert(.reopened)
        #expect(violations(table) == [.reopensUndecided(from: .inProgress)])
        table = TransitionTable.default.transitions
        table[.inProgress, default: []].insert(.inProgress)
        #expect(violations(table) == [.selfTransition(.inProgress)])

        // Nothing leads to merged any more.
        table = TransitionTable.default.transitions.mapValues { $0.subtracting([.merged]) }
        #expect(violations(table) == [.unreachable(.merged)])
        // Answered can no longer be left: it is a dead end (and closed and reopened unreachable).
        table = TransitionTable.default.transitions
        table[.answered] = nil
        #expect(violations(table) == [.unreachable(.closed), .unreachable(.reopened), .deadEnd(.answered)])
        // An empty table reaches nothing.
        #expect(violations([:]).count == ComplaintStatus.allCases.count)
        let error = TransitionTableError(violations: [.deadEnd(.answered), .selfTransition(.closed)])
        #expect(error.description == "from answered no terminal status can be reached\nclosed → closed is meaningless")
    }

    @Test func codableAsAnObjectOfLists() throws {
        let data = try JSONEncoder().encode(TransitionTable.default)
        let decoded = try JSONDecoder().decode(TransitionTable.self, from: data)
        #expect(decoded == TransitionTable.default)
        let json = try JSONDecoder().decode([String: [String]].self, from: data)
        #expect(json["received"] == ["acknowledged", "assigned", "in_progress", "answered", "rejected", "merged"])
        #expect(json["merged"] == nil)
        for bad in [#"{"received": ["bogus"]}"#, #"{"limbo": ["closed"]}"#, #"{"received": ["closed"]}"#, #"[]"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONDecoder().decode(TransitionTable.self, from: Data(bad.utf8)) }
        }
    }

    @Test func statusesKnowWhatTheyAre() {
        #expect(ComplaintStatus.allCases.filter(\.isTerminal) == [.closed, .rejected, .merged])
        #expect(ComplaintStatus.allCases.filter(\.awaitsAnswer) == [.received, .acknowledged, .assigned, .inProgress, .reopened])
        #expect(ComplaintStatus.inProgress.rawValue == "in_progress")
        #expect(ComplaintStatus.allCases.map(\.index) == Array(0..<9))
        #expect(ComplaintStatus.answered.displayName.text(in: .ar) == "تمت الإجابة")
    }
}
