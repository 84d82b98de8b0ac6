public import FoundationEssentials
import GuichetCore

/// A ticket in a site's on-site queue: a walk-in, or a visitor with a booking who checked in.
public struct QueueTicket: Sendable, Hashable {
    /// Why the person is in the queue.
    public enum Origin: Sendable, Hashable {
        /// Came without an appointment.
        case walkIn
        /// Has a booking starting at `start` and checked in.
        case appointment(bookingID: UUID, start: Date)
    }

    /// Where the ticket stands.
    public enum Status: String, Sendable, Hashable {
        /// Waiting to be called.
        case waiting
        /// Called to a counter.
        case called
        /// Received.
        case served
        /// Called but did not come.
        case noShow = "no_show"
    }

    /// The number within the day's sequence of its prefix (1, 2, …).
    public var number: Int
    /// The prefix of its service (`A`).
    public var prefix: String
    /// The service.
    public var serviceID: UUID
    /// Walk-in or appointment.
    public var origin: Origin
    /// Where it stands.
    public var status: Status
    /// When it was issued.
    public var issuedAt: Date
    /// When it was (last) called.
    public var calledAt: Date?
    /// The counter it was called to.
    public var counterID: UUID?
    /// When it was closed (served or no-show).
    public var closedAt: Date?

    /// A ticket from its parts (``SiteQueue/issue(serviceID:prefix:origin:at:)`` makes new ones).
    public init(
        number: Int, prefix: String, serviceID: UUID, origin: Origin, status: Status = .waiting, issuedAt: Date,
        calledAt: Date? = nil, counterID: UUID? = nil, closedAt: Date? = nil
    ) {
        self.number = number
        self.prefix = prefix
        self.serviceID = serviceID
        self.origin = origin
        self.status = status
        self.issuedAt = issuedAt
        self.calledAt = calledAt
        self.counterID = counterID
        self.closedAt = closedAt
    }

    /// The label shown and called out: prefix and at least three digits (`A007`, `B123`, `A1000`).
    public var label: String {
        prefix + String(number, minimumDigits: 3)
    }

    /// How long the person waited before being called, once called.
    public var waitingTime: Duration? {
        calledAt.map { .seconds($0.secondsSince1970 - issuedAt.secondsSince1970) }
    }

    /// The appointment start, for an appointment ticket.
    var appointmentStart: Date? {
        if case .appointment(_, let start) = origin { return start }
        return nil
    }
}
