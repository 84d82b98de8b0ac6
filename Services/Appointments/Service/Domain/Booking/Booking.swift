public import FoundationEssentials
public import GuichetCore

/// An appointment booked on a counter: who, what, where, when, and its status. Its methods apply
/// the rules of cancelling, moving, checking in and no-shows; the store persists the result.
public struct Booking: Sendable, Hashable, Identifiable {
    /// The booking's id (time-ordered UUID).
    public var id: UUID
    /// The person's reference.
    public var code: BookingCode
    /// The site.
    public var siteID: UUID
    /// The service booked.
    public var serviceID: UUID
    /// The counter the booking occupies.
    public var counterID: UUID
    /// When the appointment starts.
    public var start: Date
    /// When it ends (without the buffer).
    public var end: Date
    /// Seats taken (1 except for group sessions).
    public var seats: Int
    /// The person and their second factor.
    public var contact: ContactDetails
    /// How it was booked.
    public var channel: Channel
    /// Where it is in its life.
    public var status: BookingStatus
    /// When it was booked.
    public var createdAt: Date

    /// A booking from its parts; `confirmed` unless told otherwise.
    public init(
        id: UUID, code: BookingCode, siteID: UUID, serviceID: UUID, counterID: UUID, start: Date, end: Date, seats: Int = 1,
        contact: ContactDetails, channel: Channel, status: BookingStatus = .confirmed, createdAt: Date
    ) {
        self.id = id
        self.code = code
        self.siteID = siteID
        self.serviceID = serviceID
        self.counterID = counterID
        self.start = start
        self.end = end
        self.seats = seats
        self.contact = contact
        self.channel = channel
        self.status = status
        self.createdAt = createdAt
    }

    /// Whether the booking counts towards the person's cap at `now`: it holds its slot and has not
    /// started yet.
    public func isUpcoming(at now: Date) -> Bool {
        status.holdsSlot && start > now
    }

    /// The instant after which the holder can no longer cancel.
    public func cancellationDeadline(cutoff: Duration) -> Date {
        Date(secondsSince1970: start.secondsSince1970 - cutoff.wholeSeconds)
    }

    /// Cancels the booking: only a confirmed booking, and before the cut-off (``start`` − `cutoff`)
    /// unless an agent overrides.
    public mutating func cancel(now: Date, cutoff: Duration, override: RuleOverride? = nil) throws(BookingRuleViolation) {
        guard status == .confirmed else { throw .statusConflict(status) }
        if override == nil && now >= cancellationDeadline(cutoff: cutoff) { throw .cancellationCutoffPassed }
        status = .cancelled
    }

    /// Checks that the booking may be moved now: only a confirmed booking, and before the move
    /// cut-off unless an agent overrides. The new start is checked like a new booking
    /// (``SlotCalculator/check(start:channel:now:)``), then ``move(to:end:counterID:)`` applies it.
    public func checkMove(now: Date, cutoff: Duration, override: RuleOverride? = nil) throws(BookingRuleViolation) {
        guard status == .confirmed else { throw .statusConflict(status) }
        if override == nil && now.secondsSince1970 >= start.secondsSince1970 - cutoff.wholeSeconds { throw .moveCutoffPassed }
    }

    /// Moves the booking to a new slot (already checked and reserved on `counterID`).
    public mutating func move(to start: Date, end: Date, counterID: UUID) {
        self.start = start
        self.end = end
        self.counterID = counterID
    }

    /// Records the person's arrival: only a confirmed booking, on its local day (not before
    /// `earliest` before the start, 2 hours by default) and not after it has ended.
    public mutating func checkIn(now: Date, earliest: Duration = .seconds(2 * 3600)) throws(BookingRuleViolation) {
        guard status == .confirmed else { throw .statusConflict(status) }
        guard now.secondsSince1970 >= start.secondsSince1970 - earliest.wholeSeconds, now < end else { throw .checkInNotOpen }
        status = .checkedIn
    }

    /// Records that the person has been received: only after check-in.
    public mutating func complete() throws(BookingRuleViolation) {
        guard status == .checkedIn else { throw .statusConflict(status) }
        status = .completed
    }

    /// How long after the start a booking not checked in becomes a no-show, by default.
    public static let defaultNoShowGrace: Duration = .seconds(15 * 60)

    /// Whether the booking should be marked a no-show at `now`: still confirmed (never checked in)
    /// and `grace` has passed since its start.
    public func isNoShowDue(now: Date, grace: Duration) -> Bool {
        status == .confirmed && now.secondsSince1970 >= start.secondsSince1970 + grace.wholeSeconds
    }

    /// Marks the booking a no-show, once ``isNoShowDue(now:grace:)``.
    public mutating func markNoShow(now: Date, grace: Duration) throws(BookingRuleViolation) {
        guard isNoShowDue(now: now, grace: grace) else { throw .statusConflict(status) }
        status = .noShow
    }

    /// The occupancy this booking puts on its counter (its range plus the service's buffer), for
    /// slot computations.
    public func occupancy(bufferAfter: Duration) -> Occupancy? {
        guard status.holdsSlot else { return nil }
        return Occupancy(
            counterID: counterID, serviceID: serviceID, start: start,
            end: Date(secondsSince1970: end.secondsSince1970 + bufferAfter.wholeSeconds), seats: seats)
    }
}
