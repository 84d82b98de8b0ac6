import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct MailItemProcessingTests {
    @Test func stepsRunThroughTheItem() throws {
        var item = MailFixtures.item()
        let unit = MailFixtures.legalUnit
        let principal = MailFixtures.registrar
        let now = item.registeredAt
        let event = try item.process { try $0.route(to: unit, by: principal, at: now) }
        #expect(event.kind == .routed && item.workflow.status == .routed)
        do {
            _ = try item.process { try $0.archive(by: principal, at: now) }
            Issue.record("archived a routed item")
        } catch let problem as Problem {
            #expect(problem.kind == .invalidStatusTransition)
        }
        #expect(item.workflow.status == .routed)
    }
}
