public import FoundationEssentials

/// A short reservation of a slot while a person fills in the booking form; confirming it turns it
/// into a booking, and once it expires the slot is free again.
public struct Hold: Sendable, Hashable, Identifiable {
    /// How long holds last.
    public struct Configuration: Sendable, Hashable {
        /// The lifetime of a hold; 10 minutes by default.
        public var lifetime: Duration

        /// A configuration; 10 minutes by default.
        public init(lifetime: Duration = .seconds(600)) {
            self.lifetime = lifetime
        }
    }

    /// The hold's id, given to the client to confirm with.
    public var id: UUID
    /// The counter held.
    public var counterID: UUID
    /// The service.
    public var serviceID: UUID
    /// The slot's start.
    public var start: Date
    /// The slot's end (without the buffer).
    public var end: Date
    /// Seats held.
    public var seats: Int
    /// When the hold stops holding.
    public var expiresAt: Date

    /// A hold placed at `now` on a slot, expiring after the configured lifetime.
    public init(
        id: UUID, counterID: UUID, serviceID: UUID, start: Date, end: Date, seats: Int = 1, placedAt now: Date,
        configuration: Configuration = Configuration()
    ) {
        self.id = id
        self.counterID = counterID
        self.serviceID = serviceID
        self.start = start
        self.end = end
        self.seats = seats
        self.expiresAt = Date(secondsSince1970: now.secondsSince1970 + configuration.lifetime.wholeSeconds)
    }

    /// Whether the hold still holds at `now`.
    public func isLive(at now: Date) -> Bool {
        expiresAt > now
    }

    /// Throws ``BookingRuleViolation/holdExpired`` unless the hold can still be confirmed at `now`.
    public func checkConfirmable(now: Date) throws(BookingRuleViolation) {
        guard isLive(at: now) else { throw .holdExpired }
    }

    /// The occupancy the hold puts on its counter until it expires.
    public func occupancy(bufferAfter: Duration) -> Occupancy {
        Occupancy(
            counterID: counterID, serviceID: serviceID, start: start,
            end: Date(secondsSince1970: end.secondsSince1970 + bufferAfter.wholeSeconds), seats: seats, expiresAt: expiresAt)
    }
}
