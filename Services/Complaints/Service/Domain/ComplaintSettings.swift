public import FoundationEssentials
public import GuichetCore

/// A tenant's settings of the complaints service: its workflow (allowed transitions, reopening
/// period, supervisor alerts), how close two complaints must be to be suggested as duplicates,
/// how long personal data is kept, and what happens to a point outside every zone.
///
/// Read and replaced as a whole by the tenant's administrators:
///
/// ```json
/// {"transitions": {"received": ["acknowledged", "assigned", …], …},
///  "reopening": {"days": 30, "unit": "calendar"}, "duplicate_radius": 100, "retention_days": 730,
///  "outside_zones": "route", "alert_on_reopening": true, "alert_on_dissatisfaction": true}
/// ```
///
/// Every member is optional and defaults as ``init()`` does; unknown members are refused.
public struct ComplaintSettings: Sendable, Hashable {
    /// What happens to a located complaint outside every zone of the tenant.
    public enum OutsideZones: String, Sendable, Hashable, Codable, CaseIterable {
        /// It is routed by its category alone (default unit, else triage).
        case route
        /// It is refused (`outside_zones`, 422): the tenant serves only its territory.
        case refuse
    }

    /// The allowed changes of status.
    public var transitions: TransitionTable
    /// How long after an answer or a rejection the citizen may reopen.
    public var reopeningPeriod: DayCount
    /// The distance, in metres, within which open complaints of the same category are suggested as
    /// duplicates (1 to 5 000; default 100).
    public var duplicateRadius: Double
    /// How many days after a complaint is finished (closed, rejected or merged) its personal data
    /// is erased (30 to 3 650; default 730, two years).
    public var retentionDays: Int
    /// What happens to a point outside every zone.
    public var outsideZones: OutsideZones
    /// Whether a reopening alerts the supervisors.
    public var alertsOnReopening: Bool
    /// Whether a "not satisfied" rating alerts the supervisors.
    public var alertsOnDissatisfaction: Bool

    /// The defaults: the default transition table, 30 calendar days to reopen, 100 m, 730 days,
    /// points outside every zone routed by category, supervisors alerted.
    public init() {
        transitions = .default
        reopeningPeriod = .calendarDays(30)
        duplicateRadius = 100
        retentionDays = 730
        outsideZones = .route
        alertsOnReopening = true
        alertsOnDissatisfaction = true
    }

    /// The allowed range of ``duplicateRadius``.
    public static let duplicateRadiusRange = 1.0...5_000.0
    /// The allowed range of ``retentionDays``.
    public static let retentionRange = 30...3_650

    /// The workflow rules these settings give on the tenant's `calendar`.
    public func workflowRules(calendar: BusinessCalendar) -> WorkflowRules {
        WorkflowRules(
            transitions: transitions, reopeningPeriod: reopeningPeriod, calendar: calendar,
            alertsSupervisorOnReopening: alertsOnReopening, alertsSupervisorOnDissatisfaction: alertsOnDissatisfaction)
    }

    /// The finder of duplicates these settings give.
    public var duplicateFinder: DuplicateFinder {
        DuplicateFinder(configuration: .init(radius: duplicateRadius))
    }

    /// The instant before which finished complaints have their personal data erased, at `now`.
    public func retentionCutoff(at now: Date) -> Date {
        now.addingTimeInterval(-Double(retentionDays) * 86_400)
    }

    /// Validates a settings body, reporting every invalid member in a `validation_failed` problem.
    public init(validating body: JSONValue, language: Language = .default) throws(Problem) {
        var errors: [FieldError] = []
        guard let reader = JSONFieldReader(body, pointer: "", errors: &errors) else { throw Problem.validation(errors, language: language) }
        reader.rejectUnknownMembers(
            allowed: [
                "transitions", "reopening", "duplicate_radius", "retention_days", "outside_zones", "alert_on_reopening",
                "alert_on_dissatisfaction",
            ], errors: &errors)
        self.init()
        if let table = Self.transitions(reader.members["transitions"], pointer: reader.pointer("transitions"), errors: &errors) {
            transitions = table
        }
        if let reopening = reader.object("reopening", errors: &errors) {
            reopening.rejectUnknownMembers(allowed: ["days", "unit"], errors: &errors)
            let unit = reopening.enumeration("unit", as: DayCount.Unit.self, errors: &errors) ?? .calendar
            if let days = reopening.number("days", errors: &errors) {
                if days == days.rounded(), (0...Double(BusinessCalendar.maximumDayCount)).contains(days) {
                    reopeningPeriod = DayCount(Int(days), unit)
                } else {
                    errors.append(.outOfRange(reopening.pointer("days"), minimum: 0, maximum: Double(BusinessCalendar.maximumDayCount)))
                }
            } else if !reopening.has("days") {
                errors.append(.required(reopening.pointer("days")))
            }
        }
        if let radius = reader.number("duplicate_radius", errors: &errors) {
            if Self.duplicateRadiusRange.contains(radius) {
                duplicateRadius = radius
            } else {
                errors.append(
                    .outOfRange(reader.pointer("duplicate_radius"), minimum: Self.duplicateRadiusRange.lowerBound, maximum: Self.duplicateRadiusRange.upperBound))
            }
        }
        if let days = reader.number("retention_days", errors: &errors) {
            if days == days.rounded(), (Double(Self.retentionRange.lowerBound)...Double(Self.retentionRange.upperBound)).contains(days) {
                retentionDays = Int(days)
            } else {
                errors.append(
                    .outOfRange(reader.pointer("retention_days"), minimum: Double(Self.retentionRange.lowerBound), maximum: Double(Self.retentionRange.upperBound)))
            }
        }
        if let outside = reader.enumeration("outside_zones", as: OutsideZones.self, errors: &errors) { outsideZones = outside }
        for (key, keyPath) in [("alert_on_reopening", \Self.alertsOnReopening), ("alert_on_dissatisfaction", \Self.alertsOnDissatisfaction)] {
            switch reader.members[key] {
            case nil, .null?: break
            case .bool(let value)?: self[keyPath: keyPath] = value
            default: errors.append(.invalidType(reader.pointer(key), expected: .boolean))
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
    }

    private static func transitions(_ value: JSONValue?, pointer: String, errors: inout [FieldError]) -> TransitionTable? {
        guard let value, value != .null else { return nil }
        guard case .object(let members) = value else {
            errors.append(.invalidType(pointer, expected: .object))
            return nil
        }
        var table: [ComplaintStatus: Set<ComplaintStatus>] = [:]
        var valid = true
        for key in members.keys.sorted() {
            let keyPointer = pointer + FieldError.pointer(key)
            guard let from = ComplaintStatus.parse(key, at: keyPointer, errors: &errors) else {
                valid = false
                continue
            }
            guard case .array(let targets)? = members[key] else {
                errors.append(.invalidType(keyPointer, expected: .array))
                valid = false
                continue
            }
            for (index, target) in targets.enumerated() {
                guard case .string(let name) = target, let to = ComplaintStatus.parse(name, at: keyPointer + "/\(index)", errors: &errors) else {
                    if target.stringValue == nil { errors.append(.invalidType(keyPointer + "/\(index)", expected: .string)) }
                    valid = false
                    continue
                }
                table[from, default: []].insert(to)
            }
        }
        guard valid else { return nil }
        do {
            return try TransitionTable(table)
        } catch {
            errors.append(.invalidTransitions(pointer, violations: error.violations))
            return nil
        }
    }
}

extension ComplaintSettings: Codable {
    private enum CodingKeys: String, CodingKey {
        case transitions, reopening, duplicateRadius = "duplicate_radius", retentionDays = "retention_days", outsideZones = "outside_zones"
        case alertsOnReopening = "alert_on_reopening", alertsOnDissatisfaction = "alert_on_dissatisfaction"
    }

    /// Decodes stored settings; a missing member takes its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        transitions = try container.decodeIfPresent(TransitionTable.self, forKey: .transitions) ?? transitions
        reopeningPeriod = try container.decodeIfPresent(DayCount.self, forKey: .reopening) ?? reopeningPeriod
        duplicateRadius = try container.decodeIfPresent(Double.self, forKey: .duplicateRadius) ?? duplicateRadius
        retentionDays = try container.decodeIfPresent(Int.self, forKey: .retentionDays) ?? retentionDays
        outsideZones = try container.decodeIfPresent(OutsideZones.self, forKey: .outsideZones) ?? outsideZones
        alertsOnReopening = try container.decodeIfPresent(Bool.self, forKey: .alertsOnReopening) ?? alertsOnReopening
        alertsOnDissatisfaction = try container.decodeIfPresent(Bool.self, forKey: .alertsOnDissatisfaction) ?? alertsOnDissatisfaction
    }

    /// Encodes every member, with the keys of the API.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transitions, forKey: .transitions)
        try container.encode(reopeningPeriod, forKey: .reopening)
        try container.encode(duplicateRadius, forKey: .duplicateRadius)
        try container.encode(retentionDays, forKey: .retentionDays)
        try container.encode(outsideZones, forKey: .outsideZones)
        try container.encode(alertsOnReopening, forKey: .alertsOnReopening)
        try container.encode(alertsOnDissatisfaction, forKey: .alertsOnDissatisfaction)
    }
}
