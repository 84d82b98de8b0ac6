/// Where a booking is in its life.
///
/// ```
/// confirmed ──check in──▶ checkedIn ──complete──▶ completed
///     │                       │
///     ├──cancel──▶ cancelled  └──(no check-out needed)
///     └──grace period over, not checked in──▶ noShow
/// ```
public enum BookingStatus: String, Sendable, Hashable, CaseIterable {
    /// Booked and expected.
    case confirmed
    /// The person has arrived and is waiting (a queue ticket may have been issued).
    case checkedIn = "checked_in"
    /// The person has been received.
    case completed
    /// Cancelled by the person or an agent; the slot is free again.
    case cancelled
    /// The person did not come within the grace period.
    case noShow = "no_show"

    /// Whether the booking still holds its slot (confirmed or checked in).
    public var holdsSlot: Bool {
        self == .confirmed || self == .checkedIn
    }

    /// Whether the booking's story is over.
    public var isFinal: Bool {
        self == .completed || self == .cancelled || self == .noShow
    }
}
