import GuichetCore

/// Reads the members of one JSON object of a request body for validation, appending a
/// ``FieldError`` (with its JSON pointer) for every member of the wrong type or not allowed, so
/// that one pass reports every problem.
struct JSONFieldReader {
    /// The object's members.
    let members: [String: JSONValue]
    /// The object's JSON pointer (`""` for the whole body).
    let pointer: String

    /// A reader of `value`, or `nil` after appending `invalid_type` when it is not an object.
    init?(_ value: JSONValue, pointer: String, errors: inout [FieldError]) {
        guard case .object(let members) = value else {
            errors.append(.invalidType(pointer, expected: .object))
            return nil
        }
        self.members = members
        self.pointer = pointer
    }

    /// The pointer of member `key`.
    func pointer(_ key: String) -> String {
        pointer + FieldError.pointer(key)
    }

    /// Appends `not_allowed` for every member outside `allowed`, in sorted order.
    func rejectUnknownMembers(allowed: Set<String>, errors: inout [FieldError]) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            errors.append(.notAllowed(pointer(key)))
        }
    }

    /// Whether member `key` is present and not `null`.
    func has(_ key: String) -> Bool {
        if let value = members[key], value != .null { return true }
        return false
    }

    /// Member `key` as a string; `nil` when absent or `null`, or (after appending
    /// `invalid_type`) when it is another type.
    func string(_ key: String, errors: inout [FieldError]) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default:
            errors.append(.invalidType(pointer(key), expected: .string))
            return nil
        }
    }

    /// Member `key` as a number; `nil` when absent or `null`, or (after appending
    /// `invalid_type`) when it is another type.
    func number(_ key: String, errors: inout [FieldError]) -> Double? {
        switch members[key] {
        case nil, .null?: return nil
        case .number(let value)?: return value
        default:
            errors.append(.invalidType(pointer(key), expected: .number))
            return nil
        }
    }

    /// Member `key` as an object reader; `nil` when absent or `null`, or (after appending
    /// `invalid_type`) when it is another type.
    func object(_ key: String, errors: inout [FieldError]) -> JSONFieldReader? {
        guard let value = members[key], value != .null else { return nil }
        return JSONFieldReader(value, pointer: pointer(key), errors: &errors)
    }

    /// Member `key` as a value of a string enumeration; `nil` when absent or `null`, or (after
    /// appending `invalid_type` or `unknown_value` listing the accepted values) when invalid.
    func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type, errors: inout [FieldError]) -> Value?
    where Value.RawValue == String {
        guard let text = string(key, errors: &errors) else { return nil }
        return Value.parse(text, at: pointer(key), errors: &errors)
    }
}
