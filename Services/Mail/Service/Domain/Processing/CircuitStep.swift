import FoundationEssentials
import GuichetCore

/// One participant's step in an opinion or approval circuit: who is asked, and their decision and
/// comment once given.
public struct CircuitStep<Decision: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    /// Who is asked (a unit, any of whose agents may answer, or one agent).
    public let participant: Recipient
    /// The decision, once given.
    public private(set) var decision: Decision?
    /// The comment given with the decision.
    public private(set) var comment: String?
    /// Who decided (a principal's subject).
    public private(set) var decidedBy: String?
    /// When.
    public private(set) var decidedAt: Date?

    /// A pending step for `participant`.
    public init(participant: Recipient) {
        self.participant = participant
    }

    /// Whether the step has its decision.
    public var isDecided: Bool { decision != nil }

    /// Records the decision.
    mutating func decide(_ decision: Decision, comment: String?, by subject: String, at instant: Date) {
        self.decision = decision
        self.comment = comment
        decidedBy = subject
        decidedAt = instant
    }
}

/// An opinion (avis) given in a parallel circuit.
public enum OpinionDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Avis favorable.
    case favourable
    /// Avis défavorable.
    case unfavourable
    /// Avis réservé (favourable with reservations).
    case reserved

    /// The opinion's name for people.
    public var label: LocalizedText {
        switch self {
        case .favourable: LocalizedText(fr: "Avis favorable", ar: "رأي موافق", en: "Favourable")
        case .unfavourable: LocalizedText(fr: "Avis défavorable", ar: "رأي غير موافق", en: "Unfavourable")
        case .reserved: LocalizedText(fr: "Avis réservé", ar: "رأي متحفظ", en: "With reservations")
        }
    }
}

/// A decision in a sequential approval circuit.
public enum ApprovalDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Visa or signature granted: the next step's turn.
    case approved
    /// Refused (a comment is required): the circuit ends and the reply goes back to the drafter.
    case rejected

    /// The decision's name for people.
    public var label: LocalizedText {
        switch self {
        case .approved: LocalizedText(fr: "Visé", ar: "مؤشر عليه", en: "Approved")
        case .rejected: LocalizedText(fr: "Rejeté", ar: "مرفوض", en: "Rejected")
        }
    }
}

/// What an approval step grants.
public enum ApprovalStepKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A visa: checked and approved, on to the next step.
    case visa
    /// The signature: the last step of a circuit.
    case signature
}
