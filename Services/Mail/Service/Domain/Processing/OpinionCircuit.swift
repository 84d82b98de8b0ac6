import FoundationEssentials
import GuichetCore

/// A request for opinions (avis) sent to several units or agents at once: each gives theirs in any order,
/// and the circuit is complete when all have.
public struct OpinionCircuit: Sendable, Hashable, Codable {
    /// The most participants one circuit may have.
    public static let maximumParticipants = 50

    /// The steps, one per participant, in the order asked.
    public private(set) var steps: [CircuitStep<OpinionDecision>]
    /// Who asked (a principal's subject).
    public let requestedBy: String
    /// When.
    public let requestedAt: Date

    /// A circuit asking `participants`; `validation_failed` if none, too many, or one repeats.
    init(participants: [Recipient], by subject: String, at instant: Date) throws(Problem) {
        try CircuitRules.check(participants, maximum: Self.maximumParticipants)
        steps = participants.map(CircuitStep.init(participant:))
        requestedBy = subject
        requestedAt = instant
    }

    /// Whether every participant gave an opinion.
    public var isComplete: Bool { steps.allSatisfy(\.isDecided) }

    /// Records `principal`'s opinion on the first pending step they may answer (as the agent named or an
    /// agent of the unit named). `not_a_circuit_member` if they have no step, `circuit_step_already_decided`
    /// if theirs are all decided. Returns the step's index.
    mutating func give(_ decision: OpinionDecision, comment: String?, by principal: Principal, at instant: Date) throws(Problem) -> Int {
        guard let index = steps.firstIndex(where: { !$0.isDecided && $0.participant.includes(principal) }) else {
            throw steps.contains { $0.participant.includes(principal) } ? Problem(.circuitStepAlreadyDecided) : Problem(.notACircuitMember)
        }
        steps[index].decide(decision, comment: comment, by: principal.subject, at: instant)
        return index
    }
}

/// Checks shared by both kinds of circuit.
enum CircuitRules {
    static func check(_ participants: [Recipient], maximum: Int) throws(Problem) {
        guard !participants.isEmpty else { throw Problem.validation([.required("/participants")]) }
        var errors: [FieldError] = []
        if participants.count > maximum {
            errors.append(.tooManyItems("/participants", maximum: maximum))
        }
        var seen: Set<Recipient> = []
        for (index, participant) in participants.enumerated() where !seen.insert(participant).inserted {
            errors.append(.duplicateValue(FieldError.pointer("participants", String(index))))
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
    }
}
