import FoundationEssentials
import GuichetCore

/// Who handles a mail item: exactly one principal unit, plus copies (units or agents) kept informed, and
/// the history of every routing decision. A redirection changes the principal unit and keeps the copies
/// and the history.
public struct Routing: Sendable, Hashable, Codable {
    /// The most copies one item may have.
    public static let maximumCopies = 100

    /// The unit responsible for processing.
    public private(set) var principal: UUID
    /// The units and agents in copy, in the order added.
    public private(set) var copies: [Recipient]
    /// Every routing decision, oldest first.
    public private(set) var history: [Change]

    /// One routing decision.
    public struct Change: Sendable, Hashable, Codable {
        /// What kind of decision.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// The first routing.
            case routed
            /// The principal unit changed.
            case redirected
            /// Copies were added.
            case copiesAdded = "copies_added"
        }

        /// What kind of decision.
        public let kind: Kind
        /// The principal unit before (for a redirection).
        public let from: UUID?
        /// The principal unit after.
        public let to: UUID
        /// The copies added (for a redirection: the new principal, if it was a copy, is not among them).
        public let copiesAdded: [Recipient]
        /// Why, if said.
        public let reason: String?
        /// Who decided (a principal's subject).
        public let decidedBy: String
        /// When.
        public let decidedAt: Date
    }

    /// A first routing; `validation_failed` if a copy repeats or is the principal unit, or there are too
    /// many copies.
    init(principal: UUID, copies: [Recipient], by subject: String, at instant: Date) throws(Problem) {
        try Self.checkCopies(copies, adding: [], principal: principal)
        self.principal = principal
        self.copies = copies
        history = [Change(kind: .routed, from: nil, to: principal, copiesAdded: copies, reason: nil, decidedBy: subject, decidedAt: instant)]
    }

    /// Gives the item to another principal unit; copies are kept, except the new principal unit if it was
    /// one (it cannot be both). `validation_failed` (`unchanged`) if the unit is already the principal.
    mutating func redirect(to unit: UUID, reason: String?, by subject: String, at instant: Date) throws(Problem) -> Change {
        guard unit != principal else { throw Problem.validation([.unchanged("/principal")]) }
        let change = Change(kind: .redirected, from: principal, to: unit, copiesAdded: [], reason: reason, decidedBy: subject, decidedAt: instant)
        copies.removeAll { $0 == .unit(unit) }
        principal = unit
        history.append(change)
        return change
    }

    /// Adds copies; `validation_failed` if one is already a copy, repeats, or is the principal unit.
    mutating func addCopies(_ added: [Recipient], reason: String?, by subject: String, at instant: Date) throws(Problem) -> Change {
        guard !added.isEmpty else { throw Problem.validation([.required("/copies")]) }
        try Self.checkCopies(added, adding: copies, principal: principal)
        let change = Change(kind: .copiesAdded, from: nil, to: principal, copiesAdded: added, reason: reason, decidedBy: subject, decidedAt: instant)
        copies += added
        history.append(change)
        return change
    }

    /// Whether `principal` is the principal unit's agent or one of the copies.
    public func reaches(_ principal: Principal) -> Bool {
        principal.units.contains(self.principal) || copies.contains { $0.includes(principal) }
    }

    private static func checkCopies(_ added: [Recipient], adding existing: [Recipient], principal: UUID) throws(Problem) {
        var errors: [FieldError] = []
        if existing.count + added.count > maximumCopies {
            errors.append(.tooManyItems("/copies", maximum: maximumCopies))
        }
        var seen = Set(existing)
        for (index, copy) in added.enumerated() {
            let pointer = FieldError.pointer("copies", String(index))
            if copy == .unit(principal) {
                errors.append(.principalInCopies(pointer))
            } else if !seen.insert(copy).inserted {
                errors.append(.duplicateValue(pointer))
            }
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
    }
}
