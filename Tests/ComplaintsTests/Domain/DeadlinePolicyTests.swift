import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct DeadlinePolicyTests {
    let calendar = BusinessCalendar.morocco()
    let rules = WorkflowRules()

    private func at(_ text: String) -> Date {
        guard let date = RFC3339.parse(text) else { preconditionFailure("bad fixture \(text)") }
        return date
    }

    private func local(_ date: Date) -> String {
        RFC3339.format(date, in: calendar.timeZone)
    }

    @Test func defaultLimitsInCalendarDays() throws {
        let received = at("2026-01-05T09:00:00+01:00")
        let policy = DeadlinePolicy.default
        let acknowledgement = try policy.acknowledgementDeadline(receivedAt: received, calendar: calendar)
        #expect(local(acknowledgement.due) == "2026-01-20T23:59:59+01:00")
        #expect(local(acknowledgement.alertAt) == "2026-01-17T23:59:59+01:00")  // day 12 of 15
        let answer = try policy.answerDeadline(from: received, calendar: calendar)
        #expect(local(answer.due) == "2026-03-06T23:59:59+00:00")  // Ramadan: UTC+0
        #expect(local(answer.alertAt) == "2026-02-22T23:59:59+00:00")  // day 48 of 60
    }

    @Test func workingDayLimitsAndRunningOnToAWorkingDay() throws {
        let received = at("2026-03-16T09:00:00+00:00")  // Monday
        let working = DeadlinePolicy(acknowledgement: .workingDays(5), answer: .workingDays(10), alertPercent: 50)
        let acknowledgement = try working.acknowledgementDeadline(receivedAt: received, calendar: calendar)
        // Tue 17, Wed 18, Thu 19, (Eid Fri 20, Sat 21, Sun 22), Mon 23, Tue 24.
        #expect(local(acknowledgement.due) == "2026-03-24T23:59:59+01:00")
        #expect(local(acknowledgement.alertAt) == "2026-03-19T23:59:59+00:00")  // 3 working days
        // 4 calendar days end on Friday 20 (Eid); extended, they run to Monday 23.
        let extended = DeadlinePolicy(acknowledgement: .calendarDays(4), extendsToWorkingDay: true)
        #expect(local(try extended.acknowledgementDeadline(receivedAt: received, calendar: calendar).due) == "2026-03-23T23:59:59+01:00")
        let plain = DeadlinePolicy(acknowledgement: .calendarDays(4))
        #expect(local(try plain.acknowledgementDeadline(receivedAt: received, calendar: calendar).due) == "2026-03-20T23:59:59+00:00")
        // A limit of zero days ends with the day itself, and so does its alert.
        let zero = DeadlinePolicy(acknowledgement: .calendarDays(0), alertPercent: 100)
        let today = try zero.acknowledgementDeadline(receivedAt: received, calendar: calendar)
        #expect(local(today.due) == "2026-03-16T23:59:59+00:00" && today.alertAt == today.due)
    }

    @Test func statesAndOverdueDays() throws {
        let deadline = Deadline(start: at("2026-03-01T00:00:00Z"), due: at("2026-03-10T23:59:59.999999Z"), alertAt: at("2026-03-08T23:59:59.999999Z"))
        #expect(deadline.state(completedAt: nil, at: at("2026-03-05T00:00:00Z")) == .running)
        #expect(deadline.state(completedAt: nil, at: at("2026-03-09T00:00:00Z")) == .approaching)
        #expect(deadline.state(completedAt: nil, at: at("2026-03-10T23:59:59Z")) == .approaching)
        #expect(deadline.state(completedAt: nil, at: at("2026-03-11T00:00:00Z")) == .overdue)
        #expect(deadline.state(completedAt: at("2026-03-10T23:59:59.5Z"), at: at("2026-04-01T00:00:00Z")) == .met)
        #expect(deadline.state(completedAt: at("2026-03-11T00:00:00Z"), at: at("2026-04-01T00:00:00Z")) == .metLate)
        #expect(deadline.daysOverdue(at: at("2026-03-10T12:00:00Z"), calendar: calendar) == 0)
        #expect(deadline.daysOverdue(at: at("2026-03-11T00:30:00Z"), calendar: calendar) == 1)
        #expect(deadline.daysOverdue(at: at("2026-03-20T12:00:00Z"), calendar: calendar) == 10)
        #expect(deadline.elapsedFraction(at: at("2026-03-01T00:00:00Z")) == 0)
        #expect(deadline.elapsedFraction(at: at("2026-02-01T00:00:00Z")) == 0)
        #expect(abs(deadline.elapsedFraction(at: deadline.due) - 1) < 1e-12)
        let instant = Deadline(start: at("2026-03-01T00:00:00Z"), due: at("2026-03-01T00:00:00Z"), alertAt: at("2026-03-01T00:00:00Z"))
        #expect(instant.elapsedFraction(at: at("2026-03-01T00:00:00Z")) == 1)
    }

    @Test func evaluatingAComplaintThroughItsLife() throws {
        let policy = DeadlinePolicy(acknowledgement: .calendarDays(2), answer: .calendarDays(10))
        var workflow = ComplaintWorkflow(id: UUID(), receivedAt: at("2026-04-01T09:00:00+01:00"))
        var report = try policy.evaluate(workflow, calendar: calendar, at: at("2026-04-02T09:00:00+01:00"))
        #expect(report.acknowledgementState == .running && report.answerState == .running && !report.isOverdue)
        report = try policy.evaluate(workflow, calendar: calendar, at: at("2026-04-04T09:00:00+01:00"))
        #expect(report.acknowledgementState == .overdue && report.isOverdue && report.needsSupervisorAlert)
        _ = try workflow.apply(.acknowledge, at: at("2026-04-04T10:00:00+01:00"), rules: rules)
        report = try policy.evaluate(workflow, calendar: calendar, at: at("2026-04-10T09:00:00+01:00"))
        #expect(report.acknowledgementState == .metLate && report.answerState == .approaching && report.needsSupervisorAlert)
        _ = try workflow.apply(.answer("Réponse motivée donnée au citoyen dans les délais."), at: at("2026-04-10T10:00:00+01:00"), rules: rules)
        report = try policy.evaluate(workflow, calendar: calendar, at: at("2026-05-01T12:00:00+01:00"))
        #expect(report.answerState == .met && !report.isOverdue && !report.needsSupervisorAlert)
        // Reopened: the answer deadline starts again from the reopening.
        _ = try workflow.apply(.reopen(reason: "La réponse ne règle pas le problème."), at: at("2026-04-20T10:00:00+01:00"), rules: rules)
        report = try policy.evaluate(workflow, calendar: calendar, at: at("2026-05-01T12:00:00+01:00"))
        #expect(local(report.answer.due) == "2026-04-30T23:59:59+01:00")
        #expect(report.answerState == .overdue && report.answer.daysOverdue(at: at("2026-05-01T12:00:00+01:00"), calendar: calendar) == 1)
        #expect(workflow.answerStoppedAt == nil)
    }

    @Test func answerClockStopsOnDecisions() throws {
        var rejected = ComplaintWorkflow(id: UUID(), receivedAt: at("2026-04-01T09:00:00Z"))
        _ = try rejected.apply(.reject(reason: "Ne relève pas de notre compétence.", redirectTo: nil), at: at("2026-04-02T09:00:00Z"), rules: rules)
        #expect(rejected.answerStoppedAt == at("2026-04-02T09:00:00Z"))
        var merged = ComplaintWorkflow(id: UUID(), receivedAt: at("2026-04-01T09:00:00Z"))
        _ = try merged.apply(.merge(into: MergeTarget(id: UUID(), status: .received)), at: at("2026-04-03T09:00:00Z"), rules: rules)
        #expect(merged.answerStoppedAt == at("2026-04-03T09:00:00Z"))
    }

    @Test func policiesAreCodableAndValidated() throws {
        let json = #"{"acknowledgement": {"days": 5, "unit": "working"}, "answer": {"days": 30}, "alert": 75, "extend": true}"#
        let policy = try JSONDecoder().decode(DeadlinePolicy.self, from: Data(json.utf8))
        #expect(policy == DeadlinePolicy(acknowledgement: .workingDays(5), answer: .calendarDays(30), alertPercent: 75, extendsToWorkingDay: true))
        #expect(try JSONDecoder().decode(DeadlinePolicy.self, from: Data("{}".utf8)) == .default)
        let encoded = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(DeadlinePolicy.self, from: encoded) == policy)
        for bad in [#"{"alert": 0}"#, #"{"alert": 101}"#, #"{"answer": {"days": -1}}"#, #"{"answer": {"days": 99999}}"#, #"{"extend": "yes"}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONDecoder().decode(DeadlinePolicy.self, from: Data(bad.utf8)) }
        }
    }
}
