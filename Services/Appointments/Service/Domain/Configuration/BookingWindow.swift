public import FoundationEssentials
public import GuichetCore

/// How far ahead a service can be booked: not sooner than the minimum notice, not later than the
/// maximum horizon, both counted from now.
public struct BookingWindow: Sendable, Hashable {
    /// The shortest delay between now and a slot's start (0 allows any future slot).
    public var minimumNotice: Duration
    /// The longest delay between now and a slot's start.
    public var maximumHorizon: Duration

    /// A window from its bounds; by default from 2 hours to 60 days ahead.
    public init(minimumNotice: Duration = .seconds(2 * 3600), maximumHorizon: Duration = .seconds(60 * 86_400)) {
        self.minimumNotice = minimumNotice
        self.maximumHorizon = maximumHorizon
    }

    /// The earliest start bookable at `now`.
    public func earliestStart(now: Date) -> Date {
        Date(secondsSince1970: now.secondsSince1970 + max(minimumNotice.wholeSeconds, 0))
    }

    /// The latest start bookable at `now`.
    public func latestStart(now: Date) -> Date {
        Date(secondsSince1970: now.secondsSince1970 + maximumHorizon.wholeSeconds)
    }

    /// Whether a slot starting at `start` may be booked at `now` (never a start in the past).
    public func contains(_ start: Date, now: Date) -> Bool {
        start >= now && start >= earliestStart(now: now) && start <= latestStart(now: now)
    }

    /// The field errors under `pointer`: `/minimum_notice_minutes` (whole minutes, 0 to 90
    /// days), `/maximum_horizon_minutes` (whole minutes, 1 hour to 2 years, and after the minimum notice).
    public func validate(at pointer: String) -> [FieldError] {
        var errors = FieldError.validateMinutes(minimumNotice, at: pointer + "/minimum_notice_minutes", in: 0...(90 * 1440))
        errors += FieldError.validateMinutes(maximumHorizon, at: pointer + "/maximum_horizon_minutes", in: 60...(731 * 1440))
        if errors.isEmpty && maximumHorizon <= minimumNotice {
            errors.append(.invalidRange(pointer + "/maximum_horizon_minutes"))
        }
        return errors
    }
}
