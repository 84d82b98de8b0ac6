public import GuichetCore

/// Why a booking rule refuses an action; each has its own problem kind.
public enum BookingRuleViolation: Error, Sendable, Hashable {
    /// Too late to cancel (the cancellation cut-off has passed).
    case cancellationCutoffPassed
    /// Too late to move (the move cut-off has passed).
    case moveCutoffPassed
    /// The person already holds the most future bookings of this service allowed.
    case bookingLimitReached(cap: Int)
    /// The booking's status does not allow the action.
    case statusConflict(BookingStatus)
    /// The hold has expired.
    case holdExpired
    /// Too early or too late to check in.
    case checkInNotOpen

    /// The problem kind reported to the client.
    public var kind: ProblemKind {
        switch self {
        case .cancellationCutoffPassed: .cancellationCutoffPassed
        case .moveCutoffPassed: .moveCutoffPassed
        case .bookingLimitReached: .bookingLimitReached
        case .statusConflict: .bookingStatusConflict
        case .holdExpired: .holdExpired
        case .checkInNotOpen: .checkInNotOpen
        }
    }

    /// The problem in `language`, with the machine-readable details as extension members
    /// (`cap`, `status`).
    public func problem(language: Language) -> Problem {
        let problem = Problem(kind, language: language)
        switch self {
        case .bookingLimitReached(let cap): return problem.withExtension("cap", .number(Double(cap)))
        case .statusConflict(let status): return problem.withExtension("status", .string(status.rawValue))
        default: return problem
        }
    }
}
