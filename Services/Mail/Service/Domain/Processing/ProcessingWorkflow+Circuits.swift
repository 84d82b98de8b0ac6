import FoundationEssentials
import GuichetCore

extension ProcessingWorkflow {
    /// Asks several units or agents for their opinion at once (in progress → opinion requested).
    public mutating func requestOpinions(from participants: [Recipient], by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.inProgress])
        opinionCircuits.append(try OpinionCircuit(participants: participants, by: principal.subject, at: instant))
        return record(.opinionsRequested, to: .opinionRequested, by: principal, at: instant, details: [
            "participants": .array(participants.map(\.jsonValue)),
        ])
    }

    /// Records `principal`'s opinion on the open circuit; once every participant has given theirs, the
    /// item is back in progress.
    public mutating func giveOpinion(
        _ decision: OpinionDecision, comment: String? = nil, by principal: Principal, at instant: Date
    ) throws(Problem) -> ProcessingEvent {
        try require([.opinionRequested])
        guard var circuit = opinionCircuits.last else { throw Problem(.invalidStatusTransition) }
        let step = try circuit.give(decision, comment: comment, by: principal, at: instant)
        opinionCircuits[opinionCircuits.count - 1] = circuit
        var details: [String: JSONValue] = [
            "step": .number(Double(step)), "participant": circuit.steps[step].participant.jsonValue,
            "decision": .string(decision.rawValue), "circuit_complete": .bool(circuit.isComplete),
        ]
        if let comment { details["comment"] = .string(comment) }
        return record(.opinionGiven, to: circuit.isComplete ? .inProgress : .opinionRequested, by: principal, at: instant, details: .object(details))
    }

    /// Starts a sequential approval circuit (in progress → awaiting approval).
    public mutating func requestApproval(
        _ steps: [ApprovalCircuit.StepRequest], by principal: Principal, at instant: Date
    ) throws(Problem) -> ProcessingEvent {
        try require([.inProgress])
        approvalCircuits.append(try ApprovalCircuit(steps, by: principal.subject, at: instant))
        return record(.approvalRequested, to: .awaitingApproval, by: principal, at: instant, details: [
            "steps": .array(steps.map { ["approver": $0.approver.jsonValue, "kind": .string($0.kind.rawValue)] }),
        ])
    }

    /// Records `principal`'s decision on the current approval step. A rejection (which needs a comment)
    /// or the last approval ends the circuit and the item is back in progress.
    public mutating func decideApproval(
        _ decision: ApprovalDecision, comment: String? = nil, by principal: Principal, at instant: Date
    ) throws(Problem) -> ProcessingEvent {
        try require([.awaitingApproval])
        guard var circuit = approvalCircuits.last else { throw Problem(.invalidStatusTransition) }
        let step = try circuit.decide(decision, comment: comment, by: principal, at: instant)
        approvalCircuits[approvalCircuits.count - 1] = circuit
        var details: [String: JSONValue] = [
            "step": .number(Double(step)), "kind": .string(circuit.kinds[step].rawValue),
            "participant": circuit.steps[step].participant.jsonValue, "decision": .string(decision.rawValue),
        ]
        if let comment { details["comment"] = .string(comment) }
        if let outcome = circuit.outcome { details["outcome"] = .string(outcome.rawValue) }
        return record(.approvalDecided, to: circuit.outcome == nil ? .awaitingApproval : .inProgress, by: principal, at: instant, details: .object(details))
    }
}
