import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ComplaintSettingsTests {
    private func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func defaultsAndTheRulesTheyGive() {
        let settings = ComplaintSettings()
        #expect(settings.transitions == .default && settings.reopeningPeriod == .calendarDays(30))
        #expect(settings.duplicateRadius == 100 && settings.retentionDays == 730 && settings.outsideZones == .route)
        let rules = settings.workflowRules(calendar: .morocco())
        #expect(rules.reopeningPeriod == .calendarDays(30) && rules.alertsSupervisorOnReopening)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(settings.retentionCutoff(at: now) == now.addingTimeInterval(-730 * 86_400))
    }

    @Test func aValidBodyAndItsStoredForm() throws {
        let settings = try ComplaintSettings(validating: try json(
            #"{"reopening":{"days":10,"unit":"working"},"duplicate_radius":250,"retention_days":365,"outside_zones":"refuse","alert_on_reopening":false}"#))
        #expect(settings.reopeningPeriod == .workingDays(10) && settings.duplicateRadius == 250 && settings.retentionDays == 365)
        #expect(settings.outsideZones == .refuse && !settings.alertsOnReopening && settings.alertsOnDissatisfaction)
        let stored = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(ComplaintSettings.self, from: stored) == settings)
        #expect(try JSONDecoder().decode(ComplaintSettings.self, from: Data("{}".utf8)) == ComplaintSettings())
    }

    @Test func everyBadMemberIsReported() throws {
        do {
            _ = try ComplaintSettings(validating: try json(
                #"{"transitions":{"received":["acknowledged"],"lost":["closed"]},"reopening":{"unit":"calendar"},"duplicate_radius":0,"retention_days":10.5,"outside_zones":"drop","colour":"red"}"#))
            Issue.record("expected a failure")
        } catch let error as Problem {
            let found = Set(error.errors.map { "\($0.field) \($0.code)" })
            #expect(found == [
                "/colour not_allowed", "/transitions/lost unknown_value", "/reopening/days required", "/duplicate_radius out_of_range",
                "/retention_days out_of_range", "/outside_zones unknown_value",
            ])
        }
    }

    @Test func aTableThatLetsComplaintsGetStuckIsRefusedWithItsViolations() throws {
        do {
            _ = try ComplaintSettings(validating: try json(#"{"transitions":{"received":["acknowledged"],"closed":["received"]}}"#))
            Issue.record("expected a failure")
        } catch let problem as Problem {
            let error = try #require(problem.errors.first)
            #expect(error.field == "/transitions" && error.code == "invalid_transitions")
            #expect((error.parameters["violations"]?.arrayValue?.count ?? 0) > 1)
        }
    }
}
