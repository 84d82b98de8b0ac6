public import GuichetCore

/// A tenant's appointment-wide settings: its time zone, holidays and the timings of holds,
/// reminders, no-shows and waiting-list offers.
public struct AppointmentSettings: Sendable, Hashable {
    /// The IANA time zone identifier, as configured (checked by ``validate()``).
    public var timeZoneIdentifier: String
    /// The tenant's holidays (fixed dates and the dated entries of movable feasts).
    public var holidays: [Holiday]
    /// When to remind people.
    public var reminders: ReminderSchedule
    /// How long a hold keeps a slot while a person fills in the form.
    public var holdLifetime: Duration
    /// How long after its start an appointment nobody checked in for becomes a no-show.
    public var noShowGrace: Duration
    /// How long a waiting-list offer stands before the next person is offered.
    public var waitingListOfferLifetime: Duration

    /// Settings; by default Morocco's zone, no holidays, reminders 48 h and 2 h before, holds of
    /// 10 minutes, a 15-minute grace and offers of 2 hours.
    public init(
        timeZoneIdentifier: String = "Africa/Casablanca", holidays: [Holiday] = [], reminders: ReminderSchedule = .standard,
        holdLifetime: Duration = .seconds(600), noShowGrace: Duration = Booking.defaultNoShowGrace,
        waitingListOfferLifetime: Duration = .seconds(2 * 3600)
    ) {
        self.timeZoneIdentifier = timeZoneIdentifier
        self.holidays = holidays
        self.reminders = reminders
        self.holdLifetime = holdLifetime
        self.noShowGrace = noShowGrace
        self.waitingListOfferLifetime = waitingListOfferLifetime
    }

    /// The zone, or `nil` when the identifier is not a known IANA zone.
    public var zone: TenantTimeZone? {
        TenantTimeZone(identifier: timeZoneIdentifier)
    }

    /// The holidays, ready for lookups.
    public var tenantHolidays: TenantHolidays {
        TenantHolidays(holidays)
    }

    /// The configuration of holds.
    public var holdConfiguration: Hold.Configuration {
        Hold.Configuration(lifetime: holdLifetime)
    }

    /// The field errors, as JSON pointers: `/time_zone`, `/holidays/<index>/…`, `/reminder_minutes/<index>`,
    /// `/hold_minutes` (1–60 minutes), `/no_show_grace_minutes` (0–4 hours),
    /// `/waiting_list_offer_minutes` (5 minutes to 2 days).
    public func validate() -> [FieldError] {
        var errors = TenantTimeZone.validate(timeZoneIdentifier, at: "/time_zone")
        for (index, holiday) in holidays.enumerated() {
            errors += holiday.validate(at: "/holidays/\(index)")
        }
        errors += reminders.validate(at: "/reminder_minutes")
        errors += FieldError.validateMinutes(holdLifetime, at: "/hold_minutes", in: 1...60)
        errors += FieldError.validateMinutes(noShowGrace, at: "/no_show_grace_minutes", in: 0...240)
        errors += FieldError.validateMinutes(waitingListOfferLifetime, at: "/waiting_list_offer_minutes", in: 5...(2 * 1440))
        return errors
    }
}
