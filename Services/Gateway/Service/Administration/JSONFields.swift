import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// Reads the members of a JSON object body one by one, collecting every field error, so that a
/// request with several mistakes hears about all of them. Absent and `null` are told apart (a
/// `PATCH` with `"parent_id": null` moves a unit to the top).
struct JSONFields {
    let object: [String: JSONValue]
    private(set) var errors: [FieldError] = []

    /// The fields of the request's JSON object body (a 400/415/422 problem when it is not one).
    init(_ request: HTTPRequest, context: RequestContext) throws(Problem) {
        let body = try context.decode(JSONValue.self, from: request)
        guard let object = body.objectValue else {
            throw Problem.validation([.invalidType("", expected: .object)], language: context.language)
        }
        self.object = object
    }

    init(object: [String: JSONValue]) {
        self.object = object
    }

    /// Whether the member is present (even as `null`).
    func has(_ key: String) -> Bool { object[key] != nil }

    mutating func fail(_ error: FieldError) { errors.append(error) }

    /// A trimmed string of 1…`maximum` characters without control characters.
    mutating func text(_ key: String, at pointer: String? = nil, required: Bool = false, maximum: Int = 200) -> String? {
        let pointer = pointer ?? "/\(key)"
        guard let value = object[key], !value.isNull else {
            if required { errors.append(.required(pointer)) }
            return nil
        }
        guard let string = value.stringValue else {
            errors.append(.invalidType(pointer, expected: .string))
            return nil
        }
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            errors.append(.required(pointer))
            return nil
        }
        if trimmed.count > maximum {
            errors.append(.tooLong(pointer, maximum: maximum))
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.append(.controlCharacter(pointer))
            return nil
        }
        return trimmed
    }

    /// A string kept as given (passwords), at most `maximum` UTF-8 bytes.
    mutating func secret(_ key: String, required: Bool, minimum: Int, maximum: Int) -> String? {
        let pointer = "/\(key)"
        guard let value = object[key], !value.isNull else {
            if required { errors.append(.required(pointer)) }
            return nil
        }
        guard let string = value.stringValue else {
            errors.append(.invalidType(pointer, expected: .string))
            return nil
        }
        if string.utf8.count < minimum { errors.append(.tooShort(pointer, minimum: minimum)) }
        if string.utf8.count > maximum { errors.append(.tooLong(pointer, maximum: maximum)) }
        return string.utf8.count >= minimum && string.utf8.count <= maximum ? string : nil
    }

    /// A UUID; `.some(nil)` for an explicit `null`, nil when absent or wrong.
    mutating func uuid(_ key: String, required: Bool = false) -> UUID?? {
        let pointer = "/\(key)"
        guard let value = object[key] else {
            if required { errors.append(.required(pointer)) }
            return nil
        }
        if value.isNull { return .some(nil) }
        guard let string = value.stringValue, string.utf8.count == 36, let id = UUID(uuidString: string) else {
            errors.append(.invalidFormat(pointer, format: LocalizedText(fr: "UUID", ar: "UUID", en: "UUID")))
            return nil
        }
        return .some(id)
    }

    /// A boolean.
    mutating func bool(_ key: String) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let bool = value.boolValue else {
            errors.append(.invalidType("/\(key)", expected: .boolean))
            return nil
        }
        return bool
    }

    /// An array of strings, at most `maximum` of them, each at most `length` characters.
    mutating func strings(_ key: String, required: Bool = false, maximum: Int, length: Int = 200) -> [String]? {
        let pointer = "/\(key)"
        guard let value = object[key], !value.isNull else {
            if required { errors.append(.required(pointer)) }
            return nil
        }
        guard let array = value.arrayValue else {
            errors.append(.invalidType(pointer, expected: .array))
            return nil
        }
        if array.count > maximum {
            errors.append(.tooManyItems(pointer, maximum: maximum))
            return nil
        }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let string = element.stringValue, !string.isEmpty, string.count <= length else {
                errors.append(.invalidType("\(pointer)/\(index)", expected: .string))
                continue
            }
            result.append(string)
        }
        if Set(result).count != result.count { errors.append(.duplicateValue(pointer)) }
        return result
    }

    /// An array of UUIDs.
    mutating func uuids(_ key: String, required: Bool = false, maximum: Int) -> [UUID]? {
        guard let strings = strings(key, required: required, maximum: maximum, length: 36) else { return nil }
        var result: [UUID] = []
        for (index, string) in strings.enumerated() {
            guard let id = UUID(uuidString: string) else {
                errors.append(.invalidFormat("/\(key)/\(index)", format: LocalizedText(fr: "UUID", ar: "UUID", en: "UUID")))
                continue
            }
            result.append(id)
        }
        return result
    }

    /// A name in French (required when `required`), Arabic and English.
    mutating func names(_ key: String, required: Bool) -> LocalizedText? {
        guard let value = object[key], !value.isNull else {
            if required { errors.append(.required("/\(key)/fr")) }
            return nil
        }
        guard let members = value.objectValue else {
            errors.append(.invalidType("/\(key)", expected: .object))
            return nil
        }
        var inner = JSONFields(object: members)
        let fr = inner.text("fr", at: "/\(key)/fr", required: true)
        let ar = inner.text("ar", at: "/\(key)/ar")
        let en = inner.text("en", at: "/\(key)/en")
        errors += inner.errors
        return fr.map { LocalizedText(fr: $0, ar: ar, en: en) }
    }

    /// Throws the collected field errors, if any.
    func validate(language: Language) throws(Problem) {
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
    }
}
