public import FoundationEssentials
public import GuichetCore

/// When to remind a person of their appointment: a list of delays before its start (48 hours and
/// 2 hours by default).
public struct ReminderSchedule: Sendable, Hashable {
    /// Delays before the start, in any order.
    public var offsets: [Duration]

    /// The most delays a schedule may have.
    public static let maximumCount = 5

    /// The platform's default: 48 hours and 2 hours before.
    public static let standard = ReminderSchedule(offsets: [.seconds(48 * 3600), .seconds(2 * 3600)])

    /// A schedule from its delays.
    public init(offsets: [Duration]) {
        self.offsets = offsets
    }

    /// The instants to send reminders for an appointment starting at `start`, booked (or moved)
    /// at `now`: one per delay, earliest first, without duplicates, skipping those already past
    /// (at most ``maximumCount``: the last ones, nearest the start, should a schedule have more).
    public func reminders(for start: Date, bookedAt now: Date) -> [Date] {
        let startSeconds = start.secondsSince1970
        let times = Set(offsets.map { startSeconds - $0.wholeSeconds }).filter { $0 > now.secondsSince1970 && $0 < startSeconds }
        return times.sorted().suffix(Self.maximumCount).map { Date(secondsSince1970: $0) }
    }

    /// The field errors under `pointer`: at most 5 delays, each whole minutes from 5 minutes to
    /// 30 days (`<pointer>/<index>`), none twice.
    public func validate(at pointer: String = "/reminders") -> [FieldError] {
        var errors: [FieldError] = []
        if offsets.count > Self.maximumCount { errors.append(.outOfRange(pointer, minimum: 0, maximum: Double(Self.maximumCount))) }
        var seen: Set<Duration> = []
        for (index, offset) in offsets.enumerated() {
            errors += FieldError.validateMinutes(offset, at: pointer + "/\(index)", in: 5...(30 * 1440))
            if !seen.insert(offset).inserted { errors.append(.duplicateValue(pointer + "/\(index)")) }
        }
        return errors
    }
}
