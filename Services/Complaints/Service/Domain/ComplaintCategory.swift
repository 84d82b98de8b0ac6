public import FoundationEssentials
import GuichetCore

/// A tenant's complaint category (voirie, éclairage, eau …): its code, its names in French,
/// Arabic and English, and its time limits.
///
/// Created from a body such as
///
/// ```json
/// {"code": "voirie", "name": {"fr": "Voirie", "ar": "الطرق", "en": "Roads"},
///  "description": {"fr": "Routes, trottoirs, nids de poule"}, "group": "espace-public",
///  "keywords": ["route", "trottoir"],
///  "deadlines": {"acknowledgement": {"days": 15}, "answer": {"days": 60}, "alert": 80}}
/// ```
///
/// where only `code` and `name.fr` are required. A category may also ask for extra fields
/// (`"fields"`, see ``CategoryField``) and name the unit its complaints go to when no routing rule
/// of a zone applies (`"default_unit"`, a unit id of the tenant's organisation). Unknown members are
/// refused.
public struct ComplaintCategory: Sendable, Hashable {
    /// The code, unique in the tenant (see ``ComplaintSubmission/isValidCategoryCode(_:)``).
    public var code: String
    /// The name people read.
    public var name: LocalizedText
    /// What the category covers.
    public var description: LocalizedText?
    /// A grouping of categories, itself a code.
    public var group: String?
    /// Words that help find it.
    public var keywords: [String]
    /// Its acknowledgement and answer limits.
    public var deadlines: DeadlinePolicy
    /// The extra fields a submission gives.
    public var fields: [CategoryField]
    /// The unit its complaints go to when no zone rule applies (else the triage queue).
    public var defaultUnit: UUID?

    /// A category from already valid parts.
    public init(
        code: String, name: LocalizedText, description: LocalizedText? = nil, group: String? = nil, keywords: [String] = [],
        deadlines: DeadlinePolicy = .default, fields: [CategoryField] = [], defaultUnit: UUID? = nil
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.group = group
        self.keywords = keywords
        self.deadlines = deadlines
        self.fields = fields
        self.defaultUnit = defaultUnit
    }

    static let allowedMembers: Set<String> = [
        "code", "name", "description", "group", "keywords", "deadlines", "fields", "default_unit",
    ]
    static let nameRule = TextRule(minimumLength: 1, maximumLength: 120)
    static let descriptionRule = TextRule(minimumLength: 1, maximumLength: 1000, allowsLineBreaks: true)
    static let keywordRule = TextRule(minimumLength: 1, maximumLength: 60)
    /// The most keywords a category may have.
    public static let maximumKeywords = 20

    /// Validates a creation body, reporting every invalid field (`/code`, `/name/fr`,
    /// `/deadlines/alert` …) in a `validation_failed` problem in `language`.
    public init(validating body: JSONValue, language: Language = .default) throws(Problem) {
        var errors: [FieldError] = []
        guard let reader = JSONFieldReader(body, pointer: "", errors: &errors) else { throw Problem.validation(errors, language: language) }
        reader.rejectUnknownMembers(allowed: Self.allowedMembers, errors: &errors)
        var code: String?
        if let raw = reader.string("code", errors: &errors) {
            if ComplaintSubmission.isValidCategoryCode(raw) { code = raw } else { errors.append(.invalidFormat(reader.pointer("code"))) }
        } else if !reader.has("code") {
            errors.append(.required(reader.pointer("code")))
        }
        let name = Self.localizedText("name", in: reader, rule: Self.nameRule, required: true, errors: &errors)
        let description = Self.localizedText("description", in: reader, rule: Self.descriptionRule, required: false, errors: &errors)
        var group: String?
        if let raw = reader.string("group", errors: &errors) {
            if ComplaintSubmission.isValidCategoryCode(raw) { group = raw } else { errors.append(.invalidFormat(reader.pointer("group"))) }
        }
        var keywords: [String] = []
        if let value = reader.members["keywords"], value != .null {
            if case .array(let items) = value {
                if items.count > Self.maximumKeywords { errors.append(.tooManyItems(reader.pointer("keywords"), maximum: Self.maximumKeywords)) }
                for (index, item) in items.prefix(Self.maximumKeywords).enumerated() {
                    let pointer = reader.pointer("keywords") + "/\(index)"
                    guard case .string(let text) = item else {
                        errors.append(.invalidType(pointer, expected: .string))
                        continue
                    }
                    // Keywords are written comma-separated in GeoReport: a comma inside one is refused.
                    if text.contains(",") {
                        errors.append(.invalidFormat(pointer))
                    } else if let keyword = Self.keywordRule.clean(text, field: pointer, errors: &errors) {
                        keywords.append(keyword)
                    }
                }
            } else {
                errors.append(.invalidType(reader.pointer("keywords"), expected: .array))
            }
        }
        let deadlines = Self.deadlines(in: reader, errors: &errors)
        let fields = CategoryField.fields(reader.members["fields"], pointer: reader.pointer("fields"), errors: &errors)
        var defaultUnit: UUID?
        if let raw = reader.string("default_unit", errors: &errors) {
            if let unit = UUID(uuidString: raw) { defaultUnit = unit } else { errors.append(.invalidFormat(reader.pointer("default_unit"))) }
        }
        guard errors.isEmpty, let code, let name else { throw Problem.validation(errors, language: language) }
        self.init(
            code: code, name: name, description: description, group: group, keywords: keywords, deadlines: deadlines, fields: fields,
            defaultUnit: defaultUnit)
    }

    /// The category as a GeoReport service, named in `language`.
    public func open311Service(language: Language) -> Open311Service {
        Open311Service(
            code: code, name: name.text(in: language), description: description?.text(in: language), hasMetadata: !fields.isEmpty,
            keywords: keywords, group: group)
    }

    /// The category's GeoReport service definition (its extra fields as attributes), in `language`.
    public func open311Definition(language: Language) -> Open311ServiceDefinition {
        Open311ServiceDefinition(
            code: code, attributes: fields.enumerated().map { $0.element.open311Attribute(order: $0.offset + 1, language: language) })
    }

    private static func localizedText(
        _ key: String, in reader: JSONFieldReader, rule: TextRule, required: Bool, errors: inout [FieldError]
    ) -> LocalizedText? {
        guard let object = reader.object(key, errors: &errors) else {
            if required && !reader.has(key) { errors.append(.required(reader.pointer(key))) }
            return nil
        }
        object.rejectUnknownMembers(allowed: Set(Language.allCases.map(\.rawValue)), errors: &errors)
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            guard let raw = object.string(language.rawValue, errors: &errors) else {
                if language == .fr && !object.has("fr") { errors.append(.required(object.pointer("fr"))) }
                continue
            }
            texts[language] = rule.clean(raw, field: object.pointer(language.rawValue), errors: &errors)
        }
        guard let french = texts[.fr] else { return nil }
        return LocalizedText(fr: french, ar: texts[.ar], en: texts[.en])
    }

    private static func deadlines(in reader: JSONFieldReader, errors: inout [FieldError]) -> DeadlinePolicy {
        guard let object = reader.object("deadlines", errors: &errors) else { return .default }
        object.rejectUnknownMembers(allowed: ["acknowledgement", "answer", "alert", "extend"], errors: &errors)
        var policy = DeadlinePolicy.default
        for (key, keyPath) in [("acknowledgement", \DeadlinePolicy.acknowledgement), ("answer", \DeadlinePolicy.answer)] {
            guard let count = object.object(key, errors: &errors) else { continue }
            count.rejectUnknownMembers(allowed: ["days", "unit"], errors: &errors)
            let unit = count.enumeration("unit", as: DayCount.Unit.self, errors: &errors) ?? .calendar
            guard let days = count.number("days", errors: &errors) else {
                if !count.has("days") { errors.append(.required(count.pointer("days"))) }
                continue
            }
            guard days == days.rounded(), (0...Double(BusinessCalendar.maximumDayCount)).contains(days) else {
                errors.append(.outOfRange(count.pointer("days"), minimum: 0, maximum: Double(BusinessCalendar.maximumDayCount)))
                continue
            }
            policy[keyPath: keyPath] = DayCount(Int(days), unit)
        }
        if let alert = object.number("alert", errors: &errors) {
            if alert == alert.rounded(), (1...100).contains(alert) {
                policy.alertPercent = Int(alert)
            } else {
                errors.append(.outOfRange(object.pointer("alert"), minimum: 1, maximum: 100))
            }
        }
        switch object.members["extend"] {
        case nil, .null?: break
        case .bool(let extend)?: policy.extendsToWorkingDay = extend
        default: errors.append(.invalidType(object.pointer("extend"), expected: .boolean))
        }
        return policy
    }
}
