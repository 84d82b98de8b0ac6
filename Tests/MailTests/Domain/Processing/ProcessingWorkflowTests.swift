import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct ProcessingWorkflowTests {
    let clock = ManualWallClock("2026-03-12T10:00:00+01:00")
    let legal = MailFixtures.legalUnit
    let finance = MailFixtures.financeUnit
    let cabinet = MailFixtures.cabinetUnit
    let dispatcher = MailFixtures.agent("dispatcher", roles: ["mail.dispatcher"])
    var lawyer: Principal { MailFixtures.agent("lawyer", units: [legal]) }
    var accountant: Principal { MailFixtures.agent("accountant", units: [finance]) }
    let director = MailFixtures.agent("director")
    let minister = MailFixtures.agent("minister")

    private func inProgress(replyRequired: Bool = true) throws -> ProcessingWorkflow {
        var workflow = ProcessingWorkflow(replyRequired: replyRequired)
        _ = try workflow.route(to: legal, copies: [.unit(finance)], by: dispatcher, at: clock.now)
        _ = try workflow.startProcessing(by: lawyer, at: clock.now)
        return workflow
    }

    private func expectProblem(_ kind: ProblemKind, _ body: () throws(Problem) -> ProcessingEvent) {
        do {
            _ = try body()
            Issue.record("expected \(kind.code)")
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test func theHappyPathRecordsEveryStep() throws {
        var workflow = try inProgress()
        let reply = UUID()
        _ = try workflow.linkReply(reply, by: lawyer, at: clock.now)
        let answered = try workflow.markAnswered(by: lawyer, at: clock.now)
        #expect(answered.from == .inProgress && answered.to == .answered)
        _ = try workflow.close(by: lawyer, at: clock.now)
        _ = try workflow.archive(by: dispatcher, at: clock.now)
        #expect(workflow.status == .archived)
        #expect(workflow.history.map(\.kind) == [.routed, .processingStarted, .replyLinked, .answered, .closed, .archived])
        #expect(workflow.history.map(\.to) == [.routed, .inProgress, .inProgress, .answered, .closed, .archived])
        #expect(workflow.history[0].auditPayload["principal"] == .string(legal.lowercaseString))
        #expect(workflow.history[0].auditEventType == .routing && workflow.history[1].auditEventType == .processing)
        #expect(workflow.history[2].auditPayload == ["event": "reply_linked", "from": "in_progress", "to": "in_progress", "reply": .string(reply.lowercaseString)])
    }

    @Test func stepsOutOfOrderAreInvalidTransitions() throws {
        var workflow = ProcessingWorkflow(replyRequired: false)
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.startProcessing(by: lawyer, at: clock.now) }
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.close(by: lawyer, at: clock.now) }
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.archive(by: lawyer, at: clock.now) }
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.redirect(to: finance, by: dispatcher, at: clock.now) }
        _ = try workflow.route(to: legal, by: dispatcher, at: clock.now)
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.route(to: finance, by: dispatcher, at: clock.now) }
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.requestOpinions(from: [.unit(finance)], by: lawyer, at: clock.now) }
        do {
            _ = try workflow.markAnswered(by: lawyer, at: clock.now)
        } catch {
            #expect(error.extensions["status"] == "routed")
            #expect(error.extensions["allowed_from"] == ["in_progress"])
        }
        #expect(workflow.status == .routed && workflow.history.count == 1, "refused steps change nothing")
    }

    @Test func aTypeRequiringAReplyCannotCloseWithoutOne() throws {
        var workflow = try inProgress(replyRequired: true)
        expectProblem(.replyRequired) { () throws(Problem) in try workflow.close(by: lawyer, at: clock.now) }
        expectProblem(.replyRequired) { () throws(Problem) in try workflow.markAnswered(by: lawyer, at: clock.now) }
        var noReply = try inProgress(replyRequired: false)
        let closed = try noReply.close(by: lawyer, at: clock.now, comment: "Classé sans suite")
        #expect(closed.details == ["answered": false, "comment": "Classé sans suite"])
    }

    @Test func routingHasOnePrincipalUnitAndDistinctCopies() throws {
        var workflow = ProcessingWorkflow(replyRequired: false)
        do {
            _ = try workflow.route(to: legal, copies: [.unit(finance), .unit(legal), .agent("account:x"), .unit(finance)], by: dispatcher, at: clock.now)
            Issue.record("bad copies accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["/copies/1", "/copies/3"])
            #expect(error.errors.map(\.code) == ["principal_in_copies", "duplicate_value"])
        }
        #expect(workflow.routing == nil)
        _ = try workflow.route(to: legal, copies: [.unit(finance), .agent("account:x")], by: dispatcher, at: clock.now)
        #expect(workflow.routing?.principal == legal)
        let tooMany = (0...Routing.maximumCopies).map { Recipient.agent("account:\($0)") }
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.addCopies(tooMany, by: dispatcher, at: clock.now) }
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.addCopies([.agent("account:x")], by: dispatcher, at: clock.now) }
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.addCopies([], by: dispatcher, at: clock.now) }
        _ = try workflow.addCopies([.unit(cabinet)], reason: "Pour information", by: dispatcher, at: clock.now)
        #expect(workflow.routing?.copies == [.unit(finance), .agent("account:x"), .unit(cabinet)])
    }

    @Test func redirectionKeepsCopiesAndHistory() throws {
        var workflow = try inProgress()
        _ = try workflow.addCopies([.agent("account:x")], by: dispatcher, at: clock.now)
        clock.advance(by: .seconds(60))
        let event = try workflow.redirect(to: cabinet, reason: "Compétence du cabinet", by: dispatcher, at: clock.now)
        #expect(workflow.status == .routed, "the new unit has to start on it")
        #expect(event.details["from_principal"] == .string(legal.lowercaseString))
        let routing = try #require(workflow.routing)
        #expect(routing.principal == cabinet)
        #expect(routing.copies == [.unit(finance), .agent("account:x")])
        #expect(routing.history.map(\.kind) == [.routed, .copiesAdded, .redirected])
        #expect(routing.history.last?.from == legal && routing.history.last?.reason == "Compétence du cabinet")
        // Redirecting to a unit in copy promotes it: it is no longer a copy.
        _ = try workflow.redirect(to: finance, by: dispatcher, at: clock.now)
        #expect(workflow.routing?.principal == finance && workflow.routing?.copies == [.agent("account:x")])
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.redirect(to: finance, by: dispatcher, at: clock.now) }
        #expect(workflow.routing?.reaches(accountant) == true)
        #expect(workflow.routing?.reaches(MailFixtures.agent("x")) == true)
        #expect(workflow.routing?.reaches(lawyer) == false)
    }

    @Test func opinionsAreGivenInParallelInAnyOrder() throws {
        var workflow = try inProgress()
        let auditor = MailFixtures.agent("auditor")
        _ = try workflow.requestOpinions(from: [.unit(finance), .agent(auditor.subject), .unit(cabinet)], by: lawyer, at: clock.now)
        #expect(workflow.status == .opinionRequested)
        let second = try workflow.giveOpinion(.reserved, comment: "Sous réserve du budget", by: auditor, at: clock.now)
        #expect(second.to == .opinionRequested && second.details["step"] == 1 && second.details["circuit_complete"] == false)
        expectProblem(.circuitStepAlreadyDecided) { () throws(Problem) in try workflow.giveOpinion(.favourable, by: auditor, at: clock.now) }
        expectProblem(.notACircuitMember) { () throws(Problem) in try workflow.giveOpinion(.favourable, by: lawyer, at: clock.now) }
        _ = try workflow.giveOpinion(.unfavourable, by: MailFixtures.agent("chief", units: [cabinet]), at: clock.now)
        let last = try workflow.giveOpinion(.favourable, by: accountant, at: clock.now)
        #expect(last.to == .inProgress && last.details["circuit_complete"] == true)
        let circuit = try #require(workflow.opinionCircuits.last)
        #expect(circuit.isComplete)
        #expect(circuit.steps.map(\.decision) == [.favourable, .reserved, .unfavourable])
        #expect(circuit.steps[1].comment == "Sous réserve du budget" && circuit.steps[1].decidedBy == auditor.subject)
        expectProblem(.invalidStatusTransition) { () throws(Problem) in try workflow.giveOpinion(.favourable, by: accountant, at: clock.now) }
    }

    @Test func opinionCircuitsNeedDistinctParticipants() throws {
        var workflow = try inProgress()
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.requestOpinions(from: [], by: lawyer, at: clock.now) }
        expectProblem(.validationFailed) { () throws(Problem) in
            try workflow.requestOpinions(from: [.unit(finance), .unit(finance)], by: lawyer, at: clock.now)
        }
        #expect(workflow.status == .inProgress && workflow.opinionCircuits.isEmpty)
    }

    @Test func approvalsAreDecidedInSequence() throws {
        var workflow = try inProgress()
        _ = try workflow.linkReply(UUID(), by: lawyer, at: clock.now)
        _ = try workflow.requestApproval(
            [.init(approver: .unit(legal)), .init(approver: .agent(director.subject)), .init(approver: .agent(minister.subject), kind: .signature)],
            by: lawyer, at: clock.now)
        #expect(workflow.status == .awaitingApproval)
        expectProblem(.approvalOutOfTurn) { () throws(Problem) in try workflow.decideApproval(.approved, by: minister, at: clock.now) }
        expectProblem(.notACircuitMember) { () throws(Problem) in try workflow.decideApproval(.approved, by: accountant, at: clock.now) }
        _ = try workflow.decideApproval(.approved, comment: "Vu", by: lawyer, at: clock.now)
        expectProblem(.circuitStepAlreadyDecided) { () throws(Problem) in try workflow.decideApproval(.approved, by: lawyer, at: clock.now) }
        _ = try workflow.decideApproval(.approved, by: director, at: clock.now)
        #expect(workflow.approvalCircuits.last?.currentStep == 2)
        let signed = try workflow.decideApproval(.approved, by: minister, at: clock.now)
        #expect(signed.to == .inProgress && signed.details["outcome"] == "approved" && signed.details["kind"] == "signature")
        #expect(workflow.approvalCircuits.last?.outcome == .approved && workflow.approvalCircuits.last?.currentStep == nil)
        _ = try workflow.markAnswered(by: lawyer, at: clock.now)
        #expect(workflow.status == .answered)
    }

    @Test func aRejectionNeedsACommentEndsTheCircuitAndBlocksTheAnswer() throws {
        var workflow = try inProgress()
        _ = try workflow.linkReply(UUID(), by: lawyer, at: clock.now)
        _ = try workflow.requestApproval([.init(approver: .agent(director.subject)), .init(approver: .agent(minister.subject))], by: lawyer, at: clock.now)
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.decideApproval(.rejected, by: director, at: clock.now) }
        let rejected = try workflow.decideApproval(.rejected, comment: "Reformuler le deuxième paragraphe", by: director, at: clock.now)
        #expect(rejected.to == .inProgress && rejected.details["outcome"] == "rejected")
        #expect(workflow.approvalCircuits.last?.steps[1].isDecided == false)
        expectProblem(.approvalNotGranted) { () throws(Problem) in try workflow.markAnswered(by: lawyer, at: clock.now) }
        // A new circuit that approves lifts the block.
        _ = try workflow.requestApproval([.init(approver: .agent(director.subject))], by: lawyer, at: clock.now)
        _ = try workflow.decideApproval(.approved, by: director, at: clock.now)
        _ = try workflow.markAnswered(by: lawyer, at: clock.now)
        #expect(workflow.approvalCircuits.count == 2)
    }

    @Test func aSignatureMustBeTheLastStep() throws {
        var workflow = try inProgress()
        do {
            _ = try workflow.requestApproval(
                [.init(approver: .agent(minister.subject), kind: .signature), .init(approver: .agent(director.subject))], by: lawyer, at: clock.now)
            Issue.record("a signature before a visa was accepted")
        } catch {
            #expect(error.errors.map(\.code) == ["signature_not_last"] && error.errors.map(\.field) == ["/participants/0/kind"])
        }
        expectProblem(.validationFailed) { () throws(Problem) in try workflow.requestApproval([], by: lawyer, at: clock.now) }
    }

    @Test func repliesAreLinkedOnce() throws {
        var workflow = try inProgress()
        let reply = UUID()
        _ = try workflow.linkReply(reply, by: lawyer, at: clock.now)
        expectProblem(.conflict) { () throws(Problem) in try workflow.linkReply(reply, by: lawyer, at: clock.now) }
        _ = try workflow.markAnswered(by: lawyer, at: clock.now)
        _ = try workflow.linkReply(UUID(), by: lawyer, at: clock.now)
        #expect(workflow.replies.count == 2 && workflow.status == .answered)
    }

    @Test func theWorkflowRoundTripsThroughJSON() throws {
        var workflow = try inProgress()
        _ = try workflow.requestOpinions(from: [.unit(finance)], by: lawyer, at: clock.now)
        _ = try workflow.giveOpinion(.favourable, comment: "OK", by: accountant, at: clock.now)
        let data = try JSONEncoder().encode(workflow)
        #expect(try JSONDecoder().decode(ProcessingWorkflow.self, from: data) == workflow)
    }
}
