import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct AgentActionTests {
    private func action(_ text: String) throws -> AgentAction {
        try AgentAction(validating: try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    private func fields(_ text: String) throws -> Set<String> {
        do {
            _ = try action(text)
            Issue.record("expected a failure")
            return []
        } catch let problem as Problem {
            return Set(problem.errors.map { "\($0.field) \($0.code)" })
        }
    }

    @Test func everyTypeAndItsEvent() throws {
        let unit = UUID()
        let target = MergeTarget(id: UUID(), status: .received)
        #expect(try action(#"{"type":"acknowledge"}"#).event(mergeTarget: nil) == .acknowledge)
        #expect(try action(#"{"type":"assign","unit":"\#(unit.uuidString)"}"#).event(mergeTarget: nil) == .assign(unit: unit, agent: nil))
        #expect(try action(#"{"type":"start"}"#).event(mergeTarget: nil) == .startProcessing)
        #expect(try action(#"{"type":"answer","text":"t"}"#).event(mergeTarget: nil) == .answer("t"))
        #expect(try action(#"{"type":"reply","text":"t","asks_for_information":true}"#).event(mergeTarget: nil) == .reply("t", asksForInformation: true))
        #expect(try action(#"{"type":"close"}"#).event(mergeTarget: nil) == .close(reply: nil))
        #expect(try action(#"{"type":"reject","reason":"r","redirect_to":"menfp"}"#).event(mergeTarget: nil) == .reject(reason: "r", redirectTo: "menfp"))
        let merge = try action(#"{"type":"merge","into":"\#(target.id.uuidString)"}"#)
        #expect(merge == .merge(into: target.id) && merge.event(mergeTarget: target) == .merge(into: target))
        #expect(merge.event(mergeTarget: nil) == nil)
    }

    @Test func badActionsAreReported() throws {
        #expect(try fields(#"{"type":"teleport"}"#) == ["/type unknown_value"])
        #expect(try fields(#"{}"#) == ["/type required"])
        #expect(try fields(#"{"type":"assign","unit":"x","agent":"y","note":"z"}"#) == ["/unit invalid_format", "/agent invalid_format", "/note not_allowed"])
        #expect(try fields(#"{"type":"answer"}"#) == ["/text required"])
        #expect(try fields(#"{"type":"reply","text":"t","asks_for_information":"yes"}"#) == ["/asks_for_information invalid_type"])
        #expect(try fields(#"{"type":"merge"}"#) == ["/into required"])
        #expect(try fields(#"[1]"#) == [" invalid_type"])
    }
}
