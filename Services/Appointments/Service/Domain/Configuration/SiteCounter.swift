public import FoundationEssentials
public import GuichetCore

/// A counter (guichet, or an agent's desk) at a site, where one person at a time is received: which
/// services it handles, its weekly schedule and the dates it departs from it.
public struct SiteCounter: Sendable, Hashable, Identifiable {
    /// The counter's id.
    public var id: UUID
    /// The site the counter belongs to.
    public var siteID: UUID
    /// The label shown to visitors and agents (`Guichet 3`).
    public var label: String
    /// The agent who usually staffs the counter, if assigned.
    public var agentID: UUID?
    /// The services the counter handles; empty means every service offered at its site.
    public var serviceIDs: Set<UUID>
    /// The counter's recurring hours (within the site's opening hours).
    public var schedule: WeeklyHours
    /// Dates on which the counter is closed or keeps other hours.
    public var exceptions: [ScheduleException]

    /// A counter from its parts.
    public init(
        id: UUID, siteID: UUID, label: String, agentID: UUID? = nil, serviceIDs: Set<UUID> = [],
        schedule: WeeklyHours, exceptions: [ScheduleException] = []
    ) {
        self.id = id
        self.siteID = siteID
        self.label = label
        self.agentID = agentID
        self.serviceIDs = serviceIDs
        self.schedule = schedule
        self.exceptions = exceptions
    }

    /// Whether the counter handles `service` (empty ``serviceIDs`` handles all).
    public func handles(_ service: UUID) -> Bool {
        serviceIDs.isEmpty || serviceIDs.contains(service)
    }

    /// The counter's own ranges on `date`: the exception's, or the weekly schedule's.
    public func hours(on date: LocalDate) -> [LocalTimeRange] {
        if let exception = exceptions.last(where: { $0.date == date }) { return exception.openRanges }
        return schedule[date.weekday]
    }

    /// The field errors, as JSON pointers: `/label` (required, ≤ 100), `/schedule/<weekday>/<index>`,
    /// `/exceptions/<index>/date` (a date listed twice), `/exceptions/<index>/hours/<index>`.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if label.isBlank { errors.append(.required("/label")) }
        if label.count > 100 { errors.append(.tooLong("/label", maximum: 100)) }
        errors += schedule.validate(at: "/schedule")
        var seen: Set<LocalDate> = []
        for (index, exception) in exceptions.enumerated() {
            if !seen.insert(exception.date).inserted { errors.append(.duplicateValue("/exceptions/\(index)/date")) }
            errors += exception.validate(at: "/exceptions/\(index)")
        }
        return errors
    }
}
