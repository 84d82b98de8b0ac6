public import FoundationEssentials
import GuichetCore

/// A category's time limits: when a complaint must be acknowledged and answered, and when
/// supervisors are alerted before that.
///
/// Defaults: acknowledgement within 15 days and answer within 60 days (décret 2-17-265 on
/// complaints, as chikaya.ma applies it), counted in calendar days — a category may count in
/// working days instead — with an alert once 80 % of the time has passed. Limits are computed on
/// the tenant's ``BusinessCalendar``: a limit of *n* days ends at the end of the *n*-th day after
/// the day the complaint was received (see ``BusinessCalendar``).
///
/// The alert falls at the end of day ⌈threshold × n⌉ (in the limit's own unit): for 60 calendar
/// days at 80 %, the end of day 48.
///
/// Encoded as `{"acknowledgement": {"days": 15, "unit": "calendar"}, "answer": {"days": 60,
/// "unit": "calendar"}, "alert": 80, "extend": false}` (`alert` in percent, 1–100; `extend`:
/// whether a calendar-day limit ending on a non-working day runs on to the next working day).
public struct DeadlinePolicy: Sendable, Hashable {
    /// The acknowledgement limit.
    public var acknowledgement: DayCount
    /// The answer limit.
    public var answer: DayCount
    /// The share of a limit after which supervisors are alerted, in percent (1–100).
    public var alertPercent: Int
    /// Whether a calendar-day limit that ends on a weekend day or holiday runs on to the next
    /// working day.
    public var extendsToWorkingDay: Bool

    /// A policy; traps on counts outside 0...``BusinessCalendar/maximumDayCount`` or a percentage
    /// outside 1...100 (tenant data goes through decoding, which reports them).
    public init(
        acknowledgement: DayCount = .calendarDays(15), answer: DayCount = .calendarDays(60), alertPercent: Int = 80,
        extendsToWorkingDay: Bool = false
    ) {
        precondition(acknowledgement.isAccepted && answer.isAccepted, "Day counts must be 0...\(BusinessCalendar.maximumDayCount)")
        precondition((1...100).contains(alertPercent), "alertPercent must be 1...100")
        self.acknowledgement = acknowledgement
        self.answer = answer
        self.alertPercent = alertPercent
        self.extendsToWorkingDay = extendsToWorkingDay
    }

    /// The default policy: 15 and 60 calendar days, alert at 80 %.
    public static let `default` = DeadlinePolicy()

    /// The acknowledgement deadline of a complaint received at `receivedAt`.
    public func acknowledgementDeadline(receivedAt: Date, calendar: BusinessCalendar) throws(BusinessCalendarError) -> Deadline {
        try deadline(acknowledgement, from: receivedAt, calendar: calendar)
    }

    /// The answer deadline counted from `start` (reception, or the last reopening).
    public func answerDeadline(from start: Date, calendar: BusinessCalendar) throws(BusinessCalendarError) -> Deadline {
        try deadline(answer, from: start, calendar: calendar)
    }

    /// Where a complaint stands against both its deadlines at `now`.
    public func evaluate(_ workflow: ComplaintWorkflow, calendar: BusinessCalendar, at now: Date) throws(BusinessCalendarError) -> DeadlineReport {
        let acknowledgement = try acknowledgementDeadline(receivedAt: workflow.receivedAt, calendar: calendar)
        let answer = try answerDeadline(from: workflow.answerClockStartedAt, calendar: calendar)
        return DeadlineReport(
            acknowledgement: acknowledgement, acknowledgementState: acknowledgement.state(completedAt: workflow.acknowledgedAt, at: now),
            answer: answer, answerState: answer.state(completedAt: workflow.answerStoppedAt, at: now))
    }

    private func deadline(_ count: DayCount, from start: Date, calendar: BusinessCalendar) throws(BusinessCalendarError) -> Deadline {
        let due = try calendar.adding(count, to: start, extendingToWorkingDay: extendsToWorkingDay)
        let alertDays = (count.days * alertPercent + 99) / 100
        let alertAt = try calendar.adding(DayCount(alertDays, count.unit), to: start)
        return Deadline(start: start, due: due, alertAt: min(alertAt, due))
    }
}

extension DeadlinePolicy: Codable {
    private enum CodingKeys: String, CodingKey {
        case acknowledgement, answer, alert, extend
    }

    /// Decodes a policy (every member optional, defaulting as ``init(acknowledgement:answer:alertPercent:extendsToWorkingDay:)``
    /// does); a percentage outside 1...100 is a data-corruption error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let alert = try container.decodeIfPresent(Int.self, forKey: .alert) ?? 80
        guard (1...100).contains(alert) else {
            throw DecodingError.dataCorruptedError(forKey: .alert, in: container, debugDescription: "alert is a percentage, 1...100")
        }
        self.init(
            acknowledgement: try container.decodeIfPresent(DayCount.self, forKey: .acknowledgement) ?? .calendarDays(15),
            answer: try container.decodeIfPresent(DayCount.self, forKey: .answer) ?? .calendarDays(60), alertPercent: alert,
            extendsToWorkingDay: try container.decodeIfPresent(Bool.self, forKey: .extend) ?? false)
    }

    /// Encodes every member.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(acknowledgement, forKey: .acknowledgement)
        try container.encode(answer, forKey: .answer)
        try container.encode(alertPercent, forKey: .alert)
        try container.encode(extendsToWorkingDay, forKey: .extend)
    }
}
