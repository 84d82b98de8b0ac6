public import FoundationEssentials
import GuichetCore

/// One time limit of one complaint.
public struct Deadline: Sendable, Hashable {
    /// When the limit started running.
    public var start: Date
    /// The last instant to meet it (the end of its last day in the tenant's zone).
    public var due: Date
    /// When supervisors are alerted if it is not met yet.
    public var alertAt: Date

    /// A deadline from its instants.
    public init(start: Date, due: Date, alertAt: Date) {
        self.start = start
        self.due = due
        self.alertAt = alertAt
    }

    /// Where things stand at `now`, given when the limit was met (`nil`: not yet).
    public func state(completedAt: Date?, at now: Date) -> DeadlineState {
        if let completedAt {
            return completedAt <= due ? .met : .metLate
        }
        if now > due { return .overdue }
        if now >= alertAt { return .approaching }
        return .running
    }

    /// The number of the tenant's calendar days by which the deadline is passed at `now` (0 when
    /// it is not passed: still on its last day counts as 0).
    public func daysOverdue(at now: Date, calendar: BusinessCalendar) -> Int {
        guard now > due else { return 0 }
        return max(0, calendar.calendarDays(from: due, to: now))
    }

    /// The share of the time elapsed at `now`, from 0 (at the start) upwards (1 at the due instant).
    public func elapsedFraction(at now: Date) -> Double {
        let total = due.timeIntervalSince(start)
        guard total > 0 else { return now >= due ? 1 : 0 }
        return max(0, now.timeIntervalSince(start) / total)
    }
}

/// Where a complaint stands against one deadline.
public enum DeadlineState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not met yet, and the alert threshold not reached.
    case running
    /// Not met yet, past the alert threshold: supervisors are alerted.
    case approaching
    /// Not met, and past due.
    case overdue
    /// Met in time.
    case met
    /// Met, but after it was due.
    case metLate = "met_late"
}
