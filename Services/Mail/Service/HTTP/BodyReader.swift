import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// Reads the members of a JSON object body one by one, collecting a field error for each member of
/// the wrong type or unknown, so that a client learns about every problem at once.
struct BodyReader {
    let object: [String: JSONValue]
    private(set) var errors: [FieldError] = []
    private let prefix: String

    /// The request's body, which must be a JSON object (400, 415 or 422 otherwise).
    init(_ request: HTTPRequest, _ context: RequestContext, allowed: Set<String>) throws(Problem) {
        let value = try context.decode(JSONValue.self, from: request)
        guard let object = value.objectValue else {
            throw Problem.validation([.invalidType("", expected: .object)], language: context.language)
        }
        self.init(object: object, prefix: "", allowed: allowed)
    }

    /// A nested object at `prefix` (a JSON pointer).
    init(object: [String: JSONValue], prefix: String, allowed: Set<String>) {
        self.object = object
        self.prefix = prefix
        for key in object.keys.sorted() where !allowed.contains(key) {
            errors.append(.notAllowed(prefix + FieldError.pointer(key)))
        }
    }

    func pointer(_ key: String) -> String { prefix + FieldError.pointer(key) }

    /// Whether the member is present (even `null`).
    func has(_ key: String) -> Bool { object[key] != nil }

    /// A string member; `null` reads as absent.
    mutating func string(_ key: String) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            errors.append(.invalidType(pointer(key), expected: .string))
            return nil
        }
        return text
    }

    /// A boolean member.
    mutating func bool(_ key: String) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            errors.append(.invalidType(pointer(key), expected: .boolean))
            return nil
        }
        return flag
    }

    /// An object member.
    mutating func object(_ key: String) -> [String: JSONValue]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let members = value.objectValue else {
            errors.append(.invalidType(pointer(key), expected: .object))
            return nil
        }
        return members
    }

    /// An array of strings, at most `maximum` long.
    mutating func strings(_ key: String, maximum: Int = 100) -> [String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            errors.append(.invalidType(pointer(key), expected: .array))
            return nil
        }
        if array.count > maximum {
            errors.append(.tooManyItems(pointer(key), maximum: maximum))
            return nil
        }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.stringValue else {
                errors.append(.invalidType(pointer(key) + "/\(index)", expected: .string))
                continue
            }
            strings.append(text)
        }
        return strings
    }

    /// A UUID member.
    mutating func identifier(_ key: String) -> UUID? {
        guard let text = string(key) else { return nil }
        guard let id = Self.uuid(text) else {
            errors.append(.invalidFormat(pointer(key), format: LocalizedText(fr: "UUID", ar: "UUID", en: "UUID")))
            return nil
        }
        return id
    }

    /// An array of UUIDs without repeats.
    mutating func identifiers(_ key: String, maximum: Int = 100) -> [UUID]? {
        guard let texts = strings(key, maximum: maximum) else { return nil }
        var ids: [UUID] = []
        for (index, text) in texts.enumerated() {
            guard let id = Self.uuid(text) else {
                errors.append(.invalidFormat(pointer(key) + "/\(index)", format: LocalizedText(fr: "UUID", ar: "UUID", en: "UUID")))
                continue
            }
            if ids.contains(id) {
                errors.append(.duplicateValue(pointer(key) + "/\(index)"))
            } else {
                ids.append(id)
            }
        }
        return ids
    }

    /// A required member was absent.
    mutating func require<Value>(_ value: Value?, _ key: String) -> Value? {
        if value == nil, !errors.contains(where: { $0.field == pointer(key) }) { errors.append(.required(pointer(key))) }
        return value
    }

    /// Adds errors found elsewhere.
    mutating func add(_ more: [FieldError]) {
        errors += more
    }

    /// Throws the collected errors as one `validation_failed` problem.
    func finish(_ language: Language) throws(Problem) {
        if !errors.isEmpty { throw Problem.validation(errors, language: language) }
    }

    /// A UUID in its canonical 36-character form.
    static func uuid(_ text: String) -> UUID? {
        guard text.utf8.count == 36 else { return nil }
        return UUID(uuidString: text)
    }
}
