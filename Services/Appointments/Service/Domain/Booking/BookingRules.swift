public import FoundationEssentials

/// Rules that look at several bookings at once.
public enum BookingRules {
    /// Refuses a new booking when the person already holds `cap` upcoming bookings of the service
    /// (``Booking/isUpcoming(at:)``) among `existing` (their bookings, as the store found them by
    /// verified contact). An agent's override lifts the cap.
    public static func checkPerPersonCap(
        existing: [Booking], serviceID: UUID, cap: Int, now: Date, override: RuleOverride? = nil
    ) throws(BookingRuleViolation) {
        guard override == nil else { return }
        let upcoming = existing.reduce(0) { count, booking in
            count + (booking.serviceID == serviceID && booking.isUpcoming(at: now) ? 1 : 0)
        }
        if upcoming >= cap { throw .bookingLimitReached(cap: cap) }
    }
}
