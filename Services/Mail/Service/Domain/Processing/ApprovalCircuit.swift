import FoundationEssentials
import GuichetCore

/// A sequence of approvals (visas, then at most one signature, last): each step's participant decides in
/// turn; a rejection ends the circuit.
public struct ApprovalCircuit: Sendable, Hashable, Codable {
    /// The most steps one circuit may have.
    public static let maximumSteps = 20

    /// One step as requested.
    public struct StepRequest: Sendable, Hashable, Codable {
        /// Who approves.
        public var approver: Recipient
        /// Visa or signature.
        public var kind: ApprovalStepKind

        /// A step request from its parts.
        public init(approver: Recipient, kind: ApprovalStepKind = .visa) {
            self.approver = approver
            self.kind = kind
        }
    }

    /// How the circuit ended, if it has.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Every step approved.
        case approved
        /// A step rejected.
        case rejected
    }

    /// The steps, in order.
    public private(set) var steps: [CircuitStep<ApprovalDecision>]
    /// What each step grants, in the same order.
    public let kinds: [ApprovalStepKind]
    /// Who asked (a principal's subject).
    public let requestedBy: String
    /// When.
    public let requestedAt: Date

    /// A circuit of `requests`; `validation_failed` if empty, too long, an approver repeats, or a
    /// signature is not the last step.
    init(_ requests: [StepRequest], by subject: String, at instant: Date) throws(Problem) {
        try CircuitRules.check(requests.map(\.approver), maximum: Self.maximumSteps)
        if let index = requests.dropLast().firstIndex(where: { $0.kind == .signature }) {
            throw Problem.validation([
                FieldError(
                    field: FieldError.pointer("participants", String(index), "kind"), code: "signature_not_last",
                    message: LocalizedText(
                        fr: "La signature ne peut être que la dernière étape du circuit.",
                        ar: "لا يمكن أن يكون التوقيع إلا المرحلة الأخيرة من الدورة.",
                        en: "The signature can only be the last step of the circuit."))
            ])
        }
        steps = requests.map { CircuitStep(participant: $0.approver) }
        kinds = requests.map(\.kind)
        requestedBy = subject
        requestedAt = instant
    }

    /// The index of the step whose turn it is, or `nil` once the circuit has ended.
    public var currentStep: Int? {
        guard outcome == nil else { return nil }
        return steps.firstIndex { !$0.isDecided }
    }

    /// How the circuit ended, or `nil` while it runs.
    public var outcome: Outcome? {
        if steps.contains(where: { $0.decision == .rejected }) { return .rejected }
        return steps.allSatisfy(\.isDecided) ? .approved : nil
    }

    /// Records `principal`'s decision on the current step. `approval_out_of_turn` if their step comes
    /// later, `circuit_step_already_decided` if theirs was decided, `not_a_circuit_member` if they have
    /// none; a rejection without a comment is `validation_failed`. Returns the step's index.
    mutating func decide(_ decision: ApprovalDecision, comment: String?, by principal: Principal, at instant: Date) throws(Problem) -> Int {
        guard let current = currentStep else { throw Problem(.invalidStatusTransition) }
        guard steps[current].participant.includes(principal) else {
            let theirs = steps.indices.filter { steps[$0].participant.includes(principal) }
            if theirs.contains(where: { $0 > current }) { throw Problem(.approvalOutOfTurn) }
            throw theirs.isEmpty ? Problem(.notACircuitMember) : Problem(.circuitStepAlreadyDecided)
        }
        if decision == .rejected, comment == nil { throw Problem.validation([.required("/comment")]) }
        steps[current].decide(decision, comment: comment, by: principal.subject, at: instant)
        return current
    }
}
