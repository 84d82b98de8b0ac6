import FoundationEssentials
import GuichetCore

/// When a mail item must be answered and when its reminder is raised, counted in working days on the
/// tenant's calendar (loi 31-13: 20 working days from receipt, urgent mail 3, unless the document type
/// says otherwise).
///
/// ```swift
/// let schedule = try DeadlineSchedule(type: request, priority: .normal, receivedOn: day, calendar: calendar, reminderWorkingDays: 2)
/// schedule?.dueOn      // the 20th working day after the day of receipt
/// schedule?.remindOn   // two working days before it
/// ```
public struct DeadlineSchedule: Sendable, Hashable {
    /// The last day to answer.
    public let dueOn: LocalDate
    /// The day the reminder is raised (never after ``dueOn``).
    public let remindOn: LocalDate

    /// A schedule from its days.
    public init(dueOn: LocalDate, remindOn: LocalDate) {
        self.dueOn = dueOn
        self.remindOn = remindOn
    }

    /// The schedule of mail of `type` and `priority` received on `receivedOn`; `nil` when the type has
    /// no deadline. Throws when the calendar cannot count that far (a calendar without working days).
    public init?(
        type: DocumentType, priority: MailPriority, receivedOn: LocalDate, calendar: BusinessCalendar, reminderWorkingDays: Int
    ) throws(BusinessCalendarError) {
        guard let days = type.deadlineWorkingDays(for: priority) else { return nil }
        let due = try calendar.addingWorkingDays(days, to: receivedOn)
        dueOn = due
        remindOn = try Self.workingDays(max(0, reminderWorkingDays), before: due, on: calendar)
    }

    /// The day `count` working days before `day` (`day` itself for 0), never earlier than a year before.
    static func workingDays(_ count: Int, before day: LocalDate, on calendar: BusinessCalendar) throws(BusinessCalendarError) -> LocalDate {
        var current = day
        var remaining = count
        var steps = 0
        while remaining > 0 {
            current = current.adding(days: -1)
            steps += 1
            guard steps <= BusinessCalendar.maximumNonWorkingRun + count else { throw .outOfRange }
            if calendar.isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Whether the deadline has passed on `today` (the due day itself is still in time).
    public func isOverdue(on today: LocalDate) -> Bool {
        today > dueOn
    }
}
