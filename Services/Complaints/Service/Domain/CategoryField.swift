import GuichetCore

/// An extra field a category asks for on submission (the school's name, the meter number, the
/// date of the incident): its code, type, label in French, Arabic and English, whether it is
/// required, and the choices of a list. GeoReport publishes them as a service's attributes.
///
/// In a category body:
///
/// ```json
/// "fields": [{"code": "school", "type": "string", "label": {"fr": "Établissement"}, "required": true},
///            {"code": "level", "type": "single_choice", "label": {"fr": "Cycle"},
///             "choices": [{"key": "primary", "label": {"fr": "Primaire"}}, {"key": "middle", "label": {"fr": "Collège"}}]}]
/// ```
///
/// A submission then carries `"attributes": {"school": "Lycée Ibn Sina", "level": "middle"}`,
/// checked by ``validate(_:against:pointer:errors:)``.
public struct CategoryField: Sendable, Hashable, Codable {
    /// The type of a field's value.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// One line of text (up to 200 characters).
        case string
        /// Text on several lines (up to 2 000 characters).
        case text
        /// A finite number.
        case number
        /// An RFC 3339 date-time with an offset (stored in UTC).
        case datetime
        /// One key among the choices.
        case singleChoice = "single_choice"
        /// Several distinct keys among the choices (an array).
        case multipleChoice = "multiple_choice"

        /// Whether the field offers choices.
        public var hasChoices: Bool { self == .singleChoice || self == .multipleChoice }

        /// The GeoReport datatype of the kind.
        public var open311DataType: Open311ServiceDefinition.Attribute.DataType {
            switch self {
            case .string: .string
            case .text: .text
            case .number: .number
            case .datetime: .datetime
            case .singleChoice: .singlevaluelist
            case .multipleChoice: .multivaluelist
            }
        }
    }

    /// One choice of a list field.
    public struct Choice: Sendable, Hashable, Codable {
        /// What is submitted.
        public var key: String
        /// What people read.
        public var label: LocalizedText

        /// A choice from its key and label.
        public init(key: String, label: LocalizedText) {
            self.key = key
            self.label = label
        }
    }

    /// The field's code, unique in its category (the key in `attributes`).
    public var code: String
    /// Its type.
    public var kind: Kind
    /// What the form asks.
    public var label: LocalizedText
    /// Whether a submission must give it.
    public var required: Bool
    /// The choices of a list field (empty otherwise).
    public var choices: [Choice]

    /// A field from already valid parts.
    public init(code: String, kind: Kind, label: LocalizedText, required: Bool = false, choices: [Choice] = []) {
        self.code = code
        self.kind = kind
        self.label = label
        self.required = required
        self.choices = choices
    }

    private enum CodingKeys: String, CodingKey {
        case code, kind = "type", label, required, choices
    }

    /// The most fields a category may have.
    public static let maximumFields = 20
    /// The most choices a list field may have.
    public static let maximumChoices = 50
    static let labelRule = TextRule(minimumLength: 1, maximumLength: 200)
    static let stringRule = TextRule(minimumLength: 1, maximumLength: 200)
    static let textRule = TextRule(minimumLength: 1, maximumLength: 2000, allowsLineBreaks: true)

    /// The field as a GeoReport attribute, labelled in `language`, at position `order`.
    public func open311Attribute(order: Int, language: Language) -> Open311ServiceDefinition.Attribute {
        Open311ServiceDefinition.Attribute(
            code: code, dataType: kind.open311DataType, required: required, order: order, description: label.text(in: language),
            values: choices.map { .init(key: $0.key, name: $0.label.text(in: language)) })
    }
}

extension CategoryField {
    /// Validates a category's `fields` member (at `pointer`), reporting every problem.
    static func fields(_ value: JSONValue?, pointer: String, errors: inout [FieldError]) -> [CategoryField] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else {
            errors.append(.invalidType(pointer, expected: .array))
            return []
        }
        if items.count > maximumFields { errors.append(.tooManyItems(pointer, maximum: maximumFields)) }
        var fields: [CategoryField] = []
        var codes: Set<String> = []
        for (index, item) in items.prefix(maximumFields).enumerated() {
            guard let field = field(item, pointer: pointer + "/\(index)", errors: &errors) else { continue }
            if !codes.insert(field.code).inserted {
                errors.append(.duplicateValue(pointer + "/\(index)/code"))
                continue
            }
            fields.append(field)
        }
        return fields
    }

    private static func field(_ value: JSONValue, pointer: String, errors: inout [FieldError]) -> CategoryField? {
        guard let reader = JSONFieldReader(value, pointer: pointer, errors: &errors) else { return nil }
        reader.rejectUnknownMembers(allowed: ["code", "type", "label", "required", "choices"], errors: &errors)
        var code: String?
        if let raw = reader.string("code", errors: &errors) {
            if isValidKey(raw) { code = raw } else { errors.append(.invalidFormat(reader.pointer("code"))) }
        } else if !reader.has("code") {
            errors.append(.required(reader.pointer("code")))
        }
        let kind = reader.enumeration("type", as: Kind.self, errors: &errors)
        if !reader.has("type") { errors.append(.required(reader.pointer("type"))) }
        let label = localizedText(reader.members["label"], pointer: reader.pointer("label"), errors: &errors)
        var required = false
        switch reader.members["required"] {
        case nil, .null?: break
        case .bool(let value)?: required = value
        default: errors.append(.invalidType(reader.pointer("required"), expected: .boolean))
        }
        var choices: [Choice] = []
        if let kind, kind.hasChoices {
            choices = Self.choices(reader.members["choices"], pointer: reader.pointer("choices"), errors: &errors)
        } else if reader.has("choices") {
            errors.append(.notAllowed(reader.pointer("choices")))
        }
        guard let code, let kind, let label else { return nil }
        return CategoryField(code: code, kind: kind, label: label, required: required, choices: choices)
    }

    private static func choices(_ value: JSONValue?, pointer: String, errors: inout [FieldError]) -> [Choice] {
        guard let value, value != .null else {
            errors.append(.required(pointer))
            return []
        }
        guard case .array(let items) = value else {
            errors.append(.invalidType(pointer, expected: .array))
            return []
        }
        guard !items.isEmpty else {
            errors.append(.tooFewItems(pointer, minimum: 1))
            return []
        }
        if items.count > maximumChoices { errors.append(.tooManyItems(pointer, maximum: maximumChoices)) }
        var choices: [Choice] = []
        var keys: Set<String> = []
        for (index, item) in items.prefix(maximumChoices).enumerated() {
            let itemPointer = pointer + "/\(index)"
            guard let reader = JSONFieldReader(item, pointer: itemPointer, errors: &errors) else { continue }
            reader.rejectUnknownMembers(allowed: ["key", "label"], errors: &errors)
            var key: String?
            if let raw = reader.string("key", errors: &errors) {
                if isValidKey(raw) { key = raw } else { errors.append(.invalidFormat(reader.pointer("key"))) }
            } else if !reader.has("key") {
                errors.append(.required(reader.pointer("key")))
            }
            let label = localizedText(reader.members["label"], pointer: reader.pointer("label"), errors: &errors)
            guard let key, let label else { continue }
            if !keys.insert(key).inserted {
                errors.append(.duplicateValue(reader.pointer("key")))
                continue
            }
            choices.append(Choice(key: key, label: label))
        }
        return choices
    }

    /// A `{"fr": …, "ar": …, "en": …}` label, French required.
    static func localizedText(_ value: JSONValue?, pointer: String, errors: inout [FieldError]) -> LocalizedText? {
        guard let value, value != .null else {
            errors.append(.required(pointer))
            return nil
        }
        guard let reader = JSONFieldReader(value, pointer: pointer, errors: &errors) else { return nil }
        reader.rejectUnknownMembers(allowed: Set(Language.allCases.map(\.rawValue)), errors: &errors)
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            guard let raw = reader.string(language.rawValue, errors: &errors) else {
                if language == .fr && !reader.has("fr") { errors.append(.required(reader.pointer("fr"))) }
                continue
            }
            texts[language] = labelRule.clean(raw, field: reader.pointer(language.rawValue), errors: &errors)
        }
        guard let french = texts[.fr] else { return nil }
        return LocalizedText(fr: french, ar: texts[.ar], en: texts[.en])
    }

    /// Whether `text` is a field code or choice key: 1 to 64 lower-case ASCII letters, digits, `_`
    /// or `-`, starting with a letter or digit (safe in GeoReport's `attribute[code]`, and the same
    /// in snake_case JSON).
    static func isValidKey(_ text: String) -> Bool {
        ComplaintSubmission.isValidCategoryCode(text) && !text.contains(".") && !text.utf8.contains { (0x41...0x5A).contains($0) }
    }
}

extension CategoryField {
    /// Checks a submission's `attributes` object against a category's `fields`: every required
    /// field present, no unknown one, each value of its field's type. Returns the cleaned values
    /// (texts trimmed, date-times in UTC), appending an error with its pointer
    /// (`/attributes/school`) for each problem.
    public static func validate(
        _ attributes: [String: JSONValue], against fields: [CategoryField], pointer: String = "/attributes", errors: inout [FieldError]
    ) -> [String: JSONValue] {
        var cleaned: [String: JSONValue] = [:]
        let known = Set(fields.map(\.code))
        for key in attributes.keys.sorted() where !known.contains(key) {
            errors.append(.notAllowed(pointer + FieldError.pointer(key)))
        }
        for field in fields {
            let fieldPointer = pointer + FieldError.pointer(field.code)
            guard let value = attributes[field.code], value != .null, value != .string("") else {
                if field.required { errors.append(.required(fieldPointer)) }
                continue
            }
            if let clean = field.clean(value, pointer: fieldPointer, errors: &errors) {
                cleaned[field.code] = clean
            }
        }
        return cleaned
    }

    private func clean(_ value: JSONValue, pointer: String, errors: inout [FieldError]) -> JSONValue? {
        switch kind {
        case .string, .text:
            guard case .string(let text) = value else {
                errors.append(.invalidType(pointer, expected: .string))
                return nil
            }
            return (kind == .string ? Self.stringRule : Self.textRule).clean(text, field: pointer, errors: &errors).map(JSONValue.string)
        case .number:
            switch value {
            case .number(let number) where number.isFinite: return .number(number)
            case .string(let text) where text.utf8.count <= 32:
                // Form posts (GeoReport) carry numbers as text.
                if let number = Double(text.trimmingWhitespace()), number.isFinite { return .number(number) }
                errors.append(.invalidType(pointer, expected: .number))
                return nil
            default:
                errors.append(.invalidType(pointer, expected: .number))
                return nil
            }
        case .datetime:
            guard case .string(let text) = value, let date = Open311.parseDate(text) else {
                errors.append(.invalidFormat(pointer, format: LocalizedText(fr: "date RFC 3339", ar: "تاريخ RFC 3339", en: "RFC 3339 date-time")))
                return nil
            }
            return .string(RFC3339.formatUTC(date))
        case .singleChoice:
            guard case .string(let key) = value, choices.contains(where: { $0.key == key }) else {
                errors.append(.unknownValue(pointer, allowed: choices.map(\.key)))
                return nil
            }
            return .string(key)
        case .multipleChoice:
            let keys: [JSONValue]
            switch value {
            case .array(let items): keys = items
            case .string: keys = [value]
            default:
                errors.append(.invalidType(pointer, expected: .array))
                return nil
            }
            var chosen: [JSONValue] = []
            for (index, item) in keys.enumerated() {
                guard case .string(let key) = item, choices.contains(where: { $0.key == key }) else {
                    errors.append(.unknownValue(pointer + "/\(index)", allowed: choices.map(\.key)))
                    continue
                }
                if !chosen.contains(item) { chosen.append(item) }
            }
            if chosen.isEmpty && required { errors.append(.required(pointer)) }
            return .array(chosen)
        }
    }
}
