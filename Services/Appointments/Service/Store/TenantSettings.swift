import FoundationEssentials
import GuichetCore

/// A tenant's appointment settings as stored: the domain's settings, whether booking needs a
/// verified contact, and the zone pinned for appointments (nil: the tenant's own zone).
struct TenantSettings: Sendable {
    /// A zone pinned for appointments, or nil to follow the tenant's.
    var pinnedTimeZone: String?
    /// Reminders, holds, no-shows and offers.
    var reminders: ReminderSchedule
    var holdLifetime: Duration
    var noShowGrace: Duration
    var waitingListOfferLifetime: Duration
    /// Whether citizens must verify their phone or email (one-time code) to book.
    var requiresVerifiedContact: Bool
    /// The row's version (0 when the tenant has none yet).
    var version: Int

    /// The defaults of a tenant that never changed them.
    static let defaults = TenantSettings(
        pinnedTimeZone: nil, reminders: .standard, holdLifetime: .seconds(600), noShowGrace: Booking.defaultNoShowGrace,
        waitingListOfferLifetime: .seconds(2 * 3600), requiresVerifiedContact: true, version: 0)

    /// The domain's settings, in the zone in force (the pinned one, else `tenantZone`).
    func domainSettings(tenantZone: String) -> AppointmentSettings {
        AppointmentSettings(
            timeZoneIdentifier: pinnedTimeZone ?? tenantZone, reminders: reminders, holdLifetime: holdLifetime,
            noShowGrace: noShowGrace, waitingListOfferLifetime: waitingListOfferLifetime)
    }

    /// The zone in force: the pinned one, else the tenant's, else Morocco's.
    func zone(tenantZone: String) -> TenantTimeZone {
        pinnedTimeZone.flatMap(TenantTimeZone.init(identifier:)) ?? TenantTimeZone(identifier: tenantZone) ?? .casablanca
    }
}
