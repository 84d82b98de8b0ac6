import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ComplaintWorkflowTests {
    let rules = WorkflowRules()
    let id = UUID()
    let unit = UUID()
    let agent = UUID()
    let reasonedAnswer = "Les services techniques ont rebouché le nid de poule le 12 mars."

    private func at(_ text: String) -> Date {
        guard let date = RFC3339.parse(text) else { preconditionFailure("bad fixture \(text)") }
        return date
    }

    private func received() -> ComplaintWorkflow {
        ComplaintWorkflow.submitted(id: id, at: at("2026-03-02T09:00:00+00:00")).workflow
    }

    /// A complaint taken along the usual path up to answered, on 2026-03-10 at 10:00.
    private func answered() throws -> ComplaintWorkflow {
        var workflow = received()
        _ = try workflow.apply(.acknowledge, at: at("2026-03-03T09:00:00+00:00"), rules: rules)
        _ = try workflow.apply(.assign(unit: unit, agent: nil), at: at("2026-03-04T09:00:00+00:00"), rules: rules)
        _ = try workflow.apply(.startProcessing, at: at("2026-03-05T09:00:00+00:00"), rules: rules)
        _ = try workflow.apply(.answer(reasonedAnswer), at: at("2026-03-10T10:00:00+00:00"), rules: rules)
        return workflow
    }

    @Test func theUsualPathWithItsEffects() throws {
        let (initial, submittedEffects) = ComplaintWorkflow.submitted(id: id, at: at("2026-03-02T09:00:00+00:00"))
        #expect(submittedEffects == [.notifyCitizen(.received)])
        #expect(initial.status == .received && initial.updatedAt == initial.receivedAt)
        var workflow = initial

        var effects = try workflow.apply(.acknowledge, at: at("2026-03-03T09:00:00+00:00"), rules: rules)
        #expect(effects == [.recordStatusChange(from: .received, to: .acknowledged), .notifyCitizen(.statusChanged(.acknowledged))])
        #expect(workflow.acknowledgedAt == at("2026-03-03T09:00:00+00:00"))

        effects = try workflow.apply(.assign(unit: unit, agent: agent), at: at("2026-03-04T09:00:00+00:00"), rules: rules)
        #expect(effects == [
            .recordStatusChange(from: .acknowledged, to: .assigned), .notifyCitizen(.statusChanged(.assigned)), .notifyUnit(unit),
            .notifyAgent(agent),
        ])
        #expect(workflow.assignedUnit == unit && workflow.assignedAgent == agent)

        // Reassigning to another agent of the same unit changes no status and tells only the agent.
        let other = UUID()
        effects = try workflow.apply(.assign(unit: unit, agent: other), at: at("2026-03-04T10:00:00+00:00"), rules: rules)
        #expect(effects == [.notifyAgent(other)])
        #expect(workflow.status == .assigned && workflow.updatedAt == at("2026-03-04T10:00:00+00:00"))

        effects = try workflow.apply(.startProcessing, at: at("2026-03-05T09:00:00+00:00"), rules: rules)
        #expect(effects == [.recordStatusChange(from: .assigned, to: .inProgress), .notifyCitizen(.statusChanged(.inProgress))])

        // Information is added only when asked for.
        #expect(throws: WorkflowError.informationNotRequested) {
            try workflow.apply(.addInformation("Devant le numéro 12."), at: at("2026-03-05T12:00:00+00:00"), rules: rules)
        }
        effects = try workflow.apply(.reply("Nous traitons votre demande, merci de votre patience."), at: at("2026-03-05T13:00:00+00:00"), rules: rules)
        #expect(effects == [.publishReply("Nous traitons votre demande, merci de votre patience."), .notifyCitizen(.replied)])
        #expect(!workflow.isAwaitingInformation)

        effects = try workflow.apply(
            .reply("  Pouvez-vous préciser l'adresse exacte ?  ", asksForInformation: true), at: at("2026-03-06T09:00:00+00:00"), rules: rules)
        #expect(effects == [.publishReply("Pouvez-vous préciser l'adresse exacte ?"), .notifyCitizen(.informationRequested)])
        #expect(workflow.status == .inProgress && !workflow.hasPublicAnswer && workflow.isAwaitingInformation)

        effects = try workflow.apply(.addInformation("Devant le numéro 12."), at: at("2026-03-06T12:00:00+00:00"), rules: rules)
        #expect(effects == [.recordCitizenMessage("Devant le numéro 12."), .notifyUnit(unit)])
        #expect(!workflow.isAwaitingInformation)
        #expect(throws: WorkflowError.informationNotRequested) {
            try workflow.apply(.addInformation("Et encore ceci."), at: at("2026-03-06T13:00:00+00:00"), rules: rules)
        }

        effects = try workflow.apply(.answer(reasonedAnswer), at: at("2026-03-10T10:00:00+00:00"), rules: rules)
        #expect(effects == [
            .recordStatusChange(from: .inProgress, to: .answered), .notifyCitizen(.statusChanged(.answered)), .publishReply(reasonedAnswer),
        ])
        #expect(workflow.firstAnsweredAt == at("2026-03-10T10:00:00+00:00") && workflow.hasPublicAnswer)

        effects = try workflow.apply(.close(reply: nil), at: at("2026-03-20T10:00:00+00:00"), rules: rules)
        #expect(effects == [.recordStatusChange(from: .answered, to: .closed), .notifyCitizen(.statusChanged(.closed))])
        #expect(workflow.status == .closed && workflow.closedAt == at("2026-03-20T10:00:00+00:00"))
    }

    @Test func onlyAllowedTransitionsSucceedAndFailuresLeaveTheStateAlone() throws {
        var workflow = received()
        let before = workflow
        #expect(throws: WorkflowError.transitionNotAllowed(from: .received, to: .closed)) {
            try workflow.apply(.close(reply: reasonedAnswer), at: at("2026-03-03T09:00:00Z"), rules: rules)
        }
        #expect(workflow == before)
        var answered = try answered()
        #expect(throws: WorkflowError.transitionNotAllowed(from: .answered, to: .assigned)) {
            try answered.apply(.assign(unit: unit, agent: nil), at: at("2026-03-11T09:00:00Z"), rules: rules)
        }
        #expect(throws: WorkflowError.transitionNotAllowed(from: .answered, to: .acknowledged)) {
            try answered.apply(.acknowledge, at: at("2026-03-11T09:00:00Z"), rules: rules)
        }
        #expect(throws: WorkflowError.transitionNotAllowed(from: .answered, to: .answered)) {
            try answered.apply(.answer(reasonedAnswer), at: at("2026-03-11T09:00:00Z"), rules: rules)
        }
        var acknowledged = received()
        _ = try acknowledged.apply(.acknowledge, at: at("2026-03-03T09:00:00Z"), rules: rules)
        #expect(throws: WorkflowError.transitionNotAllowed(from: .acknowledged, to: .acknowledged)) {
            try acknowledged.apply(.acknowledge, at: at("2026-03-03T10:00:00Z"), rules: rules)
        }
    }

    @Test func closingNeedsAPublicReasonedReply() throws {
        // A tenant that lets agents close straight from "in progress".
        var table = TransitionTable.default.transitions
        table[.inProgress, default: []].insert(.closed)
        let lenient = WorkflowRules(transitions: try TransitionTable(table))
        var workflow = received()
        _ = try workflow.apply(.startProcessing, at: at("2026-03-03T09:00:00Z"), rules: lenient)
        #expect(throws: WorkflowError.publicReplyRequired) { try workflow.apply(.close(reply: nil), at: at("2026-03-04T09:00:00Z"), rules: lenient) }
        // A reply that is not reasoned (too short) does not do either.
        #expect(throws: WorkflowError.invalidText([.tooShort("/text", minimum: 20)])) {
            try workflow.apply(.close(reply: "Fait."), at: at("2026-03-04T09:00:00Z"), rules: lenient)
        }
        #expect(workflow.status == .inProgress)
        let effects = try workflow.apply(.close(reply: reasonedAnswer), at: at("2026-03-04T09:00:00Z"), rules: lenient)
        #expect(effects == [
            .recordStatusChange(from: .inProgress, to: .closed), .notifyCitizen(.statusChanged(.closed)), .publishReply(reasonedAnswer),
        ])
        #expect(workflow.firstAnsweredAt == at("2026-03-04T09:00:00Z") && workflow.closedAt == workflow.firstAnsweredAt)
        // Answers need reasons too.
        var other = received()
        #expect(throws: WorkflowError.invalidText([.required("/text")])) { try other.apply(.answer("   "), at: Date(), rules: rules) }
        #expect(throws: WorkflowError.invalidText([.controlCharacter("/text")])) {
            try other.apply(.answer("Réponse \u{0} avec un caractère nul dedans."), at: Date(), rules: rules)
        }
    }

    @Test func repliesOnClosedComplaintsAreRefused() throws {
        var workflow = try answered()
        _ = try workflow.apply(.close(reply: nil), at: at("2026-03-20T10:00:00Z"), rules: rules)
        let closed = workflow
        #expect(throws: WorkflowError.complaintClosed(.closed)) { try workflow.apply(.reply(reasonedAnswer), at: at("2026-03-21T10:00:00Z"), rules: rules) }
        #expect(throws: WorkflowError.complaintClosed(.closed)) { try workflow.apply(.answer(reasonedAnswer), at: at("2026-03-21T10:00:00Z"), rules: rules) }
        #expect(throws: WorkflowError.complaintClosed(.closed)) { try workflow.apply(.addInformation("Encore ceci."), at: at("2026-03-21T10:00:00Z"), rules: rules) }
        #expect(throws: WorkflowError.transitionNotAllowed(from: .closed, to: .closed)) {
            try workflow.apply(.close(reply: nil), at: at("2026-03-21T10:00:00Z"), rules: rules)
        }
        #expect(workflow == closed)
        let problem = WorkflowError.complaintClosed(.closed).problem(language: .ar)
        #expect(problem.code == "complaint_closed" && problem.status == 409 && problem.title == "الشكاية مغلقة")
    }

    @Test func reopeningWithinThePeriodWithAReason() throws {
        var workflow = try answered()
        _ = try workflow.apply(.close(reply: nil), at: at("2026-03-12T10:00:00Z"), rules: rules)
        // Answered on 10 March: 30 calendar days run to the end of 9 April (Casablanca, UTC+1).
        #expect(workflow.reopeningDeadline(rules: rules) == at("2026-04-09T23:59:59.999999+01:00"))
        #expect(throws: WorkflowError.invalidText([.tooShort("/reason", minimum: 10)])) {
            try workflow.apply(.reopen(reason: "Non."), at: at("2026-03-15T10:00:00Z"), rules: rules)
        }
        #expect(throws: WorkflowError.invalidText([.required("/reason")])) {
            try workflow.apply(.reopen(reason: " "), at: at("2026-03-15T10:00:00Z"), rules: rules)
        }
        let effects = try workflow.apply(.reopen(reason: "Le trou est revenu après la pluie."), at: at("2026-04-09T22:00:00Z"), rules: rules)
        #expect(effects == [
            .recordStatusChange(from: .closed, to: .reopened), .notifyCitizen(.statusChanged(.reopened)),
            .recordCitizenMessage("Le trou est revenu après la pluie."), .restartAnswerDeadline(from: at("2026-04-09T22:00:00Z")),
            .notifyUnit(unit), .alertSupervisor(.reopened),
        ])
        #expect(workflow.status == .reopened && workflow.reopenCount == 1 && workflow.closedAt == nil && !workflow.hasPublicAnswer)
        #expect(workflow.answerClockStartedAt == at("2026-04-09T22:00:00Z"))
        // Back through the workflow, answered again, reopened again.
        _ = try workflow.apply(.startProcessing, at: at("2026-04-10T09:00:00Z"), rules: rules)
        #expect(throws: WorkflowError.transitionNotAllowed(from: .inProgress, to: .closed)) {
            try workflow.apply(.close(reply: nil), at: at("2026-04-10T10:00:00Z"), rules: rules)
        }
        _ = try workflow.apply(.answer(reasonedAnswer), at: at("2026-04-15T09:00:00Z"), rules: rules)
        #expect(workflow.firstAnsweredAt == at("2026-03-10T10:00:00Z") && workflow.answeredAt == at("2026-04-15T09:00:00Z"))
        _ = try workflow.apply(.reopen(reason: "Toujours pas réparé correctement."), at: at("2026-04-16T09:00:00Z"), rules: rules)
        #expect(workflow.reopenCount == 2)
    }

    @Test func reopeningAfterThePeriodIsRefused() throws {
        var workflow = try answered()
        let late = at("2026-04-09T23:00:00Z")  // 10 April 00:00 in Casablanca
        #expect(throws: WorkflowError.reopeningPeriodExpired(endedAt: at("2026-04-09T23:59:59.999999+01:00"))) {
            try workflow.apply(.reopen(reason: "Le trou est revenu après la pluie."), at: late, rules: rules)
        }
        #expect(workflow.status == .answered)
        let problem = WorkflowError.reopeningPeriodExpired(endedAt: at("2026-04-09T22:59:59Z")).problem(language: .fr)
        #expect(problem.code == "reopening_period_expired" && problem.status == 409)
        #expect(problem.extensions["reopening_ended_at"] == "2026-04-09T22:59:59Z")
        // A tenant with a period of 5 working days.
        let strict = WorkflowRules(reopeningPeriod: .workingDays(5))
        #expect(workflow.reopeningDeadline(rules: strict) == at("2026-03-17T23:59:59.999999+00:00"))
        #expect(throws: WorkflowError.reopeningPeriodExpired(endedAt: at("2026-03-17T23:59:59.999999+00:00"))) {
            try workflow.apply(.reopen(reason: "Le trou est revenu après la pluie."), at: at("2026-03-18T00:00:00Z"), rules: strict)
        }
        // A period the calendar cannot count closes reopening at the answer.
        let broken = WorkflowRules(reopeningPeriod: .calendarDays(-3))
        #expect(workflow.reopeningDeadline(rules: broken) == workflow.answeredAt)
        #expect(throws: WorkflowError.reopeningPeriodExpired(endedAt: at("2026-03-10T10:00:00Z"))) {
            try workflow.apply(.reopen(reason: "Le trou est revenu après la pluie."), at: at("2026-03-10T10:00:01Z"), rules: broken)
        }
        // Unanswered complaints are not reopened at all.
        var fresh = received()
        #expect(throws: WorkflowError.transitionNotAllowed(from: .received, to: .reopened)) {
            try fresh.apply(.reopen(reason: "Je voudrais rouvrir ceci."), at: at("2026-03-03T09:00:00Z"), rules: rules)
        }
    }

    @Test func rejectionWithRedirection() throws {
        var workflow = received()
        #expect(throws: WorkflowError.invalidRedirection) {
            try workflow.apply(.reject(reason: "Relève de la commune de Rabat.", redirectTo: "Commune Rabat"), at: at("2026-03-03T09:00:00Z"), rules: rules)
        }
        #expect(throws: WorkflowError.invalidText([.tooShort("/reason", minimum: 10)])) {
            try workflow.apply(.reject(reason: "Non.", redirectTo: "rabat"), at: at("2026-03-03T09:00:00Z"), rules: rules)
        }
        let effects = try workflow.apply(
            .reject(reason: "Cette voie relève de la commune de Rabat.", redirectTo: "commune-rabat"), at: at("2026-03-03T09:00:00Z"), rules: rules)
        #expect(effects == [
            .recordStatusChange(from: .received, to: .rejected), .notifyCitizen(.statusChanged(.rejected)),
            .publishReply("Cette voie relève de la commune de Rabat."),
        ])
        #expect(workflow.redirectedTo == "commune-rabat" && workflow.rejectedAt == at("2026-03-03T09:00:00Z"))
        #expect(workflow.acknowledgedAt == at("2026-03-03T09:00:00Z"))
        #expect(throws: WorkflowError.transitionNotAllowed(from: .rejected, to: .reopened)) {
            try workflow.apply(.reopen(reason: "Je conteste ce refus."), at: at("2026-03-04T09:00:00Z"), rules: rules)
        }
        // A tenant that allows contesting a rejection: the period counts from the rejection.
        var table = TransitionTable.default.transitions
        table[.rejected] = [.reopened]
        let contesting = WorkflowRules(transitions: try TransitionTable(table))
        _ = try workflow.apply(.reopen(reason: "Je conteste ce refus."), at: at("2026-03-04T09:00:00Z"), rules: contesting)
        #expect(workflow.status == .reopened && workflow.redirectedTo == nil)
    }

    @Test func mergingIntoADuplicate() throws {
        var workflow = received()
        #expect(throws: WorkflowError.invalidMerge) {
            try workflow.apply(.merge(into: MergeTarget(id: id, status: .received)), at: at("2026-03-03T09:00:00Z"), rules: rules)
        }
        #expect(throws: WorkflowError.invalidMerge) {
            try workflow.apply(.merge(into: MergeTarget(id: UUID(), status: .merged)), at: at("2026-03-03T09:00:00Z"), rules: rules)
        }
        let target = UUID()
        let effects = try workflow.apply(.merge(into: MergeTarget(id: target, status: .inProgress)), at: at("2026-03-03T09:00:00Z"), rules: rules)
        #expect(effects == [
            .recordStatusChange(from: .received, to: .merged), .notifyCitizen(.statusChanged(.merged)), .linkDuplicate(of: target),
        ])
        #expect(workflow.mergedInto == target && workflow.status == .merged)
        #expect(throws: WorkflowError.transitionNotAllowed(from: .merged, to: .merged)) {
            try workflow.apply(.merge(into: MergeTarget(id: UUID(), status: .received)), at: at("2026-03-04T09:00:00Z"), rules: rules)
        }
        #expect(throws: WorkflowError.complaintClosed(.merged)) { try workflow.apply(.reply(reasonedAnswer), at: Date(), rules: rules) }
    }

    @Test func ratingTheAnswerOncePerAnswer() throws {
        var fresh = received()
        #expect(throws: WorkflowError.notAnswered) { try fresh.apply(.rate(satisfied: true, comment: nil), at: Date(), rules: rules) }
        var workflow = try answered()
        var effects = try workflow.apply(.rate(satisfied: false, comment: "  Réponse trop vague. "), at: at("2026-03-11T09:00:00Z"), rules: rules)
        let rating = Satisfaction(satisfied: false, comment: "Réponse trop vague.", ratedAt: at("2026-03-11T09:00:00Z"))
        #expect(effects == [.recordSatisfaction(rating), .alertSupervisor(.dissatisfied)])
        #expect(workflow.satisfaction == rating)
        #expect(throws: WorkflowError.alreadyRated) { try workflow.apply(.rate(satisfied: true, comment: nil), at: at("2026-03-12T09:00:00Z"), rules: rules) }
        // After a reopening and a new answer, the new answer can be rated.
        _ = try workflow.apply(.reopen(reason: "Réponse trop vague, je reformule."), at: at("2026-03-12T09:00:00Z"), rules: rules)
        #expect(throws: WorkflowError.notAnswered) { try workflow.apply(.rate(satisfied: true, comment: nil), at: at("2026-03-12T10:00:00Z"), rules: rules) }
        _ = try workflow.apply(.answer(reasonedAnswer), at: at("2026-03-13T09:00:00Z"), rules: rules)
        effects = try workflow.apply(.rate(satisfied: true, comment: "   "), at: at("2026-03-14T09:00:00Z"), rules: rules)
        #expect(effects == [.recordSatisfaction(Satisfaction(satisfied: true, comment: nil, ratedAt: at("2026-03-14T09:00:00Z")))])
    }

    @Test func restoredStateBehavesLikeTheOriginal() throws {
        let original = try answered()
        let restored = ComplaintWorkflow(
            id: original.id, receivedAt: original.receivedAt, status: original.status, acknowledgedAt: original.acknowledgedAt,
            assignedUnit: original.assignedUnit, assignedAgent: original.assignedAgent, firstAnsweredAt: original.firstAnsweredAt,
            answeredAt: original.answeredAt, rejectedAt: original.rejectedAt, closedAt: original.closedAt, reopenedAt: original.reopenedAt,
            reopenCount: original.reopenCount, hasPublicAnswer: original.hasPublicAnswer, redirectedTo: original.redirectedTo,
            mergedInto: original.mergedInto, satisfaction: original.satisfaction, updatedAt: original.updatedAt)
        #expect(restored == original)
    }

    @Test func everyErrorIsADistinctLocalisedProblem() {
        let errors: [WorkflowError] = [
            .transitionNotAllowed(from: .closed, to: .answered), .publicReplyRequired, .invalidText([.required("/text")]),
            .reopeningPeriodExpired(endedAt: Date(timeIntervalSince1970: 0)), .complaintClosed(.closed), .invalidMerge, .invalidRedirection,
            .alreadyRated, .notAnswered,
        ]
        let codes = errors.map { $0.problem().code }
        #expect(codes == [
            "transition_not_allowed", "public_reply_required", "validation_failed", "reopening_period_expired", "complaint_closed",
            "invalid_merge", "validation_failed", "already_rated", "not_answered",
        ])
        let transition = WorkflowError.transitionNotAllowed(from: .closed, to: .answered).problem(language: .en)
        #expect(transition.status == 409 && transition.detail == "A complaint in status \"Closed\" cannot move to \"Answered\".")
        #expect(transition.extensions == ["from": "closed", "to": "answered"])
        #expect(WorkflowError.invalidRedirection.problem().errors.map(\.field) == ["/redirect_to"])
        for kind in ProblemKind.complaintsCatalog {
            for language in Language.allCases {
                #expect(!kind.title.text(in: language).isEmpty && kind.title.ar != nil && kind.title.en != nil && kind.detail.ar != nil)
            }
        }
        #expect(Set(ProblemKind.complaintsCatalog.map(\.code)).count == ProblemKind.complaintsCatalog.count)
        #expect(Set(ProblemKind.complaintsCatalog.map(\.code)).isDisjoint(with: ProblemKind.platformCatalog.map(\.code)))
    }

    @Test func tenantSlugs() {
        for good in ["rabat", "commune-rabat", "a", "menfp2", String(repeating: "a", count: 40)] {
            #expect(ComplaintWorkflow.isTenantSlug(good), "\(good)")
        }
        for bad in ["", "-rabat", "rabat-", "Rabat", "commune rabat", "commune_rabat", "ربط", String(repeating: "a", count: 41)] {
            #expect(!ComplaintWorkflow.isTenantSlug(bad), "\(bad)")
        }
    }
}
