public import GuichetCore

/// Why a requested start cannot be booked, in the order the checks run
/// (``SlotCalculator/check(start:channel:now:)``).
public enum SlotRejection: Error, Sendable, Hashable, CaseIterable {
    /// The site does not offer the service, or none of its counters handles it.
    case serviceNotOffered
    /// The service cannot be booked through this channel.
    case channelNotAllowed
    /// The start is before now.
    case inThePast
    /// The start is sooner than the minimum notice or after the horizon.
    case outsideWindow
    /// The start falls on a holiday, or the slot in a holiday's closed hours.
    case onHoliday
    /// No counter is open for the whole slot (site hours, schedules, exceptions).
    case outsideOpeningHours
    /// Counters are open, but the start is not one of their slot starts.
    case notOnGrid
    /// Every counter that offers the start is taken (bookings, holds, absences).
    case taken

    /// The problem kind reported to the client.
    public var kind: ProblemKind {
        switch self {
        case .serviceNotOffered: .serviceNotOffered
        case .channelNotAllowed: .channelNotAllowed
        case .inThePast: .slotInPast
        case .outsideWindow: .slotOutsideWindow
        case .onHoliday: .slotOnHoliday
        case .outsideOpeningHours: .slotOutsideOpeningHours
        case .notOnGrid: .slotNotOnGrid
        case .taken: .slotTaken
        }
    }
}
