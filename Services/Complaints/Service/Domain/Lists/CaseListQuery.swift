public import FoundationEssentials
import GuichetCore

/// The filters of an agent's list of complaints, from the query string, validated:
///
/// - `status`: statuses, repeated or comma-separated (none: all);
/// - `unit`: unit ids, or `triage` for the triage queue (none: every unit the agent may see);
/// - `category`: category codes (none: all);
/// - `zone`: a zone code: complaints located inside it (its sub-zones included);
/// - `overdue`: `true` for the complaints past their acknowledgement or answer deadline;
/// - `q`: words to find in subjects and descriptions (French and Arabic, accents ignored);
/// - `cursor`: the `next_cursor` of the previous page; `limit`: 1 to 200 (default 50).
///
/// Every invalid parameter is reported in one `validation_failed` problem whose fields are the
/// parameters' names.
public struct CaseListQuery: Sendable, Hashable {
    /// The statuses kept (empty: all).
    public var statuses: [ComplaintStatus]
    /// The units kept (empty: every unit in the agent's scope).
    public var units: [UUID]
    /// Whether the triage queue is asked for.
    public var triage: Bool
    /// The categories kept (empty: all).
    public var categories: [String]
    /// The zone the complaints must lie in.
    public var zone: String?
    /// Only complaints past a deadline.
    public var overdueOnly: Bool
    /// The text searched, if any.
    public var text: String?
    /// Where the page starts.
    public var cursor: CaseCursor?
    /// The page's size.
    public var limit: Int

    /// The largest page.
    public static let maximumLimit = 200
    /// The page size when none is given.
    public static let defaultLimit = 50
    /// The most values a list parameter may hold.
    public static let maximumValues = 50
    static let textRule = TextRule(minimumLength: 1, maximumLength: 200)

    /// A query from its parts (tests, and routes that build their own).
    public init(
        statuses: [ComplaintStatus] = [], units: [UUID] = [], triage: Bool = false, categories: [String] = [], zone: String? = nil,
        overdueOnly: Bool = false, text: String? = nil, cursor: CaseCursor? = nil, limit: Int = defaultLimit
    ) {
        self.statuses = statuses
        self.units = units
        self.triage = triage
        self.categories = categories
        self.zone = zone
        self.overdueOnly = overdueOnly
        self.text = text
        self.cursor = cursor
        self.limit = limit
    }

    /// Validates the query's `items` (name, value), reporting every problem in `language`.
    public init(parsing items: [(name: String, value: String)], language: Language = .default) throws(Problem) {
        var errors: [FieldError] = []
        func values(_ name: String) -> [String] {
            let all = items.filter { $0.name == name }.flatMap { $0.value.split(separator: ",") }.map { String($0.trimmingWhitespace()) }
                .filter { !$0.isEmpty }
            if all.count > Self.maximumValues { errors.append(.tooManyItems(name, maximum: Self.maximumValues)) }
            return Array(all.prefix(Self.maximumValues))
        }
        func single(_ name: String) -> String? {
            let given = items.filter { $0.name == name }.map(\.value)
            if given.count > 1 { errors.append(.notAllowed(name)) }
            return given.first.map { String($0.trimmingWhitespace()) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        self.init()
        statuses = values("status").compactMap { ComplaintStatus.parse($0, at: "status", errors: &errors) }
        for value in values("unit") {
            if value == "triage" {
                triage = true
            } else if let unit = UUID(uuidString: value) {
                units.append(unit)
            } else {
                errors.append(.invalidFormat("unit"))
            }
        }
        categories = values("category")
        for code in categories where !ComplaintSubmission.isValidCategoryCode(code) { errors.append(.invalidFormat("category")) }
        if let zone = single("zone") {
            if ComplaintSubmission.isValidCategoryCode(zone) { self.zone = zone } else { errors.append(.invalidFormat("zone")) }
        }
        switch single("overdue") {
        case nil, "false"?: break
        case "true"?: overdueOnly = true
        default: errors.append(.invalidType("overdue", expected: .boolean))
        }
        if let text = single("q") { self.text = Self.textRule.clean(text, field: "q", errors: &errors) }
        if let cursor = single("cursor") {
            if let parsed = CaseCursor(encoded: cursor) { self.cursor = parsed } else { errors.append(.invalidFormat("cursor")) }
        }
        if let limit = single("limit") {
            if let value = Int(limit), (1...Self.maximumLimit).contains(value) {
                self.limit = value
            } else {
                errors.append(.outOfRange("limit", minimum: 1, maximum: Double(Self.maximumLimit)))
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
    }

    /// The units to list for `scope`: the asked ones the agent may see (a handler asking for a
    /// unit outside theirs, or for the triage queue alone, gets nothing of it), or all of the
    /// agent's units; `nil` means every unit (a supervisor who asked for none).
    public func effectiveUnits(in scope: AgentScope) -> [UUID]? {
        if scope.isSupervisor { return units.isEmpty && !triage ? nil : units }
        let allowed = units.isEmpty ? (triage ? [] : Array(scope.units)) : units.filter(scope.units.contains)
        return allowed.sorted { $0.uuidString < $1.uuidString }
    }

    /// Whether the triage queue is listed for `scope` (supervisors only).
    public func includesTriage(in scope: AgentScope) -> Bool {
        scope.isSupervisor && triage
    }
}
