public import FoundationEssentials

/// Time a counter is already taken: a booking, or a hold placed while someone fills in the form.
///
/// The range is the time the counter is busy, the service's buffer included (a 30-minute booking
/// with a 10-minute buffer at 09:00 occupies 09:00–09:40), the same range the database's exclusion
/// constraint guards.
public struct Occupancy: Sendable, Hashable {
    /// The counter that is busy.
    public var counterID: UUID
    /// The service booked (a group session's seats add up only with the same service and start).
    public var serviceID: UUID
    /// The start of the busy range.
    public var start: Date
    /// The end of the busy range (excluded), buffer included.
    public var end: Date
    /// The seats taken (1 for a one-to-one appointment).
    public var seats: Int
    /// When a hold stops holding; `nil` for a booking.
    public var expiresAt: Date?

    /// An occupancy from its parts.
    public init(counterID: UUID, serviceID: UUID, start: Date, end: Date, seats: Int = 1, expiresAt: Date? = nil) {
        self.counterID = counterID
        self.serviceID = serviceID
        self.start = start
        self.end = end
        self.seats = seats
        self.expiresAt = expiresAt
    }

    /// Whether it still takes the counter at `now` (a booking always does; a hold until it expires).
    public func isLive(at now: Date) -> Bool {
        guard let expiresAt else { return true }
        return expiresAt > now
    }
}
