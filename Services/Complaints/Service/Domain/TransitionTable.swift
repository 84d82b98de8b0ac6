/// A tenant's allowed status changes, validated so that no complaint can get stuck.
///
/// A table is valid when:
/// - nothing leads back to `received` (it is only the starting point);
/// - a terminal status (closed, rejected, merged) is left only by the permitted exits
///   (``permittedTerminalExits``: closed → reopened and rejected → reopened);
/// - `reopened` is entered only after a decision (from answered, closed or rejected);
/// - a status moves to itself only where that means something (assigned → assigned, a
///   reassignment);
/// - every status is reachable from `received`, and from every non-terminal status a terminal
///   one can still be reached.
///
/// Encoded as a JSON object from each status to the list of statuses it may move to:
/// `{"received": ["acknowledged", "assigned", …], "closed": ["reopened"], …}`.
public struct TransitionTable: Sendable, Hashable {
    /// The exits from terminal statuses a table may allow.
    public static let permittedTerminalExits: Set<Transition> = [
        Transition(from: .closed, to: .reopened), Transition(from: .rejected, to: .reopened),
    ]
    /// The statuses from which a complaint may be reopened.
    public static let reopenableStatuses: Set<ComplaintStatus> = [.answered, .closed, .rejected]

    /// One allowed change of status.
    public struct Transition: Sendable, Hashable, CustomStringConvertible {
        /// The status before.
        public var from: ComplaintStatus
        /// The status after.
        public var to: ComplaintStatus

        /// A transition from one status to another.
        public init(from: ComplaintStatus, to: ComplaintStatus) {
            self.from = from
            self.to = to
        }

        /// `from → to`, with the statuses' codes.
        public var description: String { "\(from.rawValue) → \(to.rawValue)" }
    }

    /// A reason a table is invalid.
    public enum Violation: Sendable, Hashable, CustomStringConvertible {
        /// A transition leads back to `received`.
        case entersReceived(from: ComplaintStatus)
        /// A transition leaves a terminal status other than by a permitted exit.
        case leavesTerminalStatus(Transition)
        /// `reopened` is entered from a status where nothing was decided.
        case reopensUndecided(from: ComplaintStatus)
        /// A status moves to itself where that means nothing.
        case selfTransition(ComplaintStatus)
        /// The status cannot be reached from `received`.
        case unreachable(ComplaintStatus)
        /// From this non-terminal status no terminal status can be reached.
        case deadEnd(ComplaintStatus)

        /// A sentence for an administrator.
        public var description: String {
            switch self {
            case .entersReceived(let from): "\(from.rawValue) → received: received is only the starting status"
            case .leavesTerminalStatus(let transition): "\(transition): \(transition.from.rawValue) is terminal"
            case .reopensUndecided(let from): "\(from.rawValue) → reopened: only an answered, closed or rejected complaint is reopened"
            case .selfTransition(let status): "\(status.rawValue) → \(status.rawValue) is meaningless"
            case .unreachable(let status): "\(status.rawValue) cannot be reached from received"
            case .deadEnd(let status): "from \(status.rawValue) no terminal status can be reached"
            }
        }
    }

    /// Bit `j` of `masks[i]` is set when status `i` may move to status `j` (indices of
    /// ``ComplaintStatus/allCases``).
    private var masks: [UInt16]

    /// A validated table from each status to the statuses it may move to; throws the list of
    /// violations if it is not valid.
    public init(_ transitions: [ComplaintStatus: Set<ComplaintStatus>]) throws(TransitionTableError) {
        var masks = [UInt16](repeating: 0, count: ComplaintStatus.allCases.count)
        for (from, targets) in transitions {
            for to in targets { masks[from.index] |= 1 << UInt16(to.index) }
        }
        self.masks = masks
        let violations = validate()
        guard violations.isEmpty else { throw TransitionTableError(violations: violations) }
    }

    /// The default table:
    ///
    /// | from | to |
    /// |---|---|
    /// | received | acknowledged, assigned, in_progress, answered, rejected, merged |
    /// | acknowledged | assigned, in_progress, answered, rejected, merged |
    /// | assigned | assigned, in_progress, answered, rejected, merged |
    /// | in_progress | assigned, answered, rejected, merged |
    /// | answered | closed, reopened |
    /// | reopened | assigned, in_progress, answered, rejected, merged |
    /// | closed | reopened |
    /// | rejected, merged | — |
    public static let `default`: TransitionTable = {
        do {
            return try TransitionTable([
                .received: [.acknowledged, .assigned, .inProgress, .answered, .rejected, .merged],
                .acknowledged: [.assigned, .inProgress, .answered, .rejected, .merged],
                .assigned: [.assigned, .inProgress, .answered, .rejected, .merged],
                .inProgress: [.assigned, .answered, .rejected, .merged],
                .answered: [.closed, .reopened],
                .reopened: [.assigned, .inProgress, .answered, .rejected, .merged],
                .closed: [.reopened],
            ])
        } catch {
            preconditionFailure("The default transition table is invalid: \(error)")
        }
    }()

    /// Whether a complaint in `from` may move to `to`.
    public func allows(from: ComplaintStatus, to: ComplaintStatus) -> Bool {
        masks[from.index] & 1 << UInt16(to.index) != 0
    }

    /// The statuses a complaint in `status` may move to.
    public func targets(from status: ComplaintStatus) -> Set<ComplaintStatus> {
        Set(ComplaintStatus.allCases.filter { allows(from: status, to: $0) })
    }

    /// Every allowed transition.
    public var transitions: [ComplaintStatus: Set<ComplaintStatus>] {
        var result: [ComplaintStatus: Set<ComplaintStatus>] = [:]
        for status in ComplaintStatus.allCases {
            let targets = targets(from: status)
            if !targets.isEmpty { result[status] = targets }
        }
        return result
    }

    private func validate() -> [Violation] {
        var violations: [Violation] = []
        for from in ComplaintStatus.allCases {
            for to in ComplaintStatus.allCases where allows(from: from, to: to) {
                let transition = Transition(from: from, to: to)
                if to == .received {
                    violations.append(.entersReceived(from: from))
                } else if from.isTerminal && !Self.permittedTerminalExits.contains(transition) {
                    violations.append(.leavesTerminalStatus(transition))
                } else if to == .reopened && !Self.reopenableStatuses.contains(from) {
                    violations.append(.reopensUndecided(from: from))
                } else if from == to && from != .assigned {
                    violations.append(.selfTransition(from))
                }
            }
        }
        let reachable = reachableStatuses(from: [.received])
        for status in ComplaintStatus.allCases where !reachable.contains(status) {
            violations.append(.unreachable(status))
        }
        for status in ComplaintStatus.allCases where !status.isTerminal && reachable.contains(status) {
            if !reachableStatuses(from: [status]).contains(where: \.isTerminal) {
                violations.append(.deadEnd(status))
            }
        }
        return violations
    }

    private func reachableStatuses(from start: [ComplaintStatus]) -> Set<ComplaintStatus> {
        var seen = Set(start)
        var queue = start
        while let status = queue.popLast() {
            for target in targets(from: status) where seen.insert(target).inserted {
                queue.append(target)
            }
        }
        return seen
    }
}

/// A transition table that is not valid, with every reason.
public struct TransitionTableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in the order found.
    public var violations: [TransitionTable.Violation]

    /// The violations, one per line.
    public var description: String {
        violations.map(\.description).joined(separator: "\n")
    }
}

extension TransitionTable: Codable {
    /// Decodes `{"status": ["target", …], …}` and validates it; an unknown status or an invalid
    /// table is a data-corruption error naming every violation.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: [ComplaintStatus]].self)
        var transitions: [ComplaintStatus: Set<ComplaintStatus>] = [:]
        for (key, targets) in raw {
            guard let from = ComplaintStatus(rawValue: key) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Unknown status \(key)")
            }
            transitions[from, default: []].formUnion(targets)
        }
        do {
            try self.init(transitions)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes `{"status": ["target", …], …}`, statuses in workflow order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        var raw: [String: [ComplaintStatus]] = [:]
        for (from, targets) in transitions {
            raw[from.rawValue] = ComplaintStatus.allCases.filter(targets.contains)
        }
        try container.encode(raw)
    }
}
