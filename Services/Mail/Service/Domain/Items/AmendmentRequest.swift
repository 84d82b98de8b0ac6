import FoundationEssentials
import GuichetCore

/// An amendment as a client asks for it (`PATCH` with the fields to correct and a `reason`), parsed and
/// validated with the registration rules.
///
/// ```swift
/// let request = try AmendmentRequest(body, rules: validator)   // 409 for an immutable field, 422 for bad values
/// var changes = request.changes
/// if let reference = request.correspondent { changes.append(.correspondent(try directory.resolve(reference))) }
/// let amendment = try item.amend(changes, reason: request.reason, by: principal, at: clock.now)
/// ```
public struct AmendmentRequest: Sendable, Hashable {
    /// The validated changes, except the correspondent.
    public let changes: [MailItemChange]
    /// The new correspondent, for the store to resolve into a ``Correspondent`` snapshot.
    public let correspondent: CorrespondentReference?
    /// Why.
    public let reason: String

    /// Parses a request body. Any field that can never change (``RegisteredField/isAmendable``) makes it
    /// a `registered_field_immutable` problem (409) listing them in `fields`; otherwise every problem is
    /// a field error of one `validation_failed` problem (unknown fields, wrong types, invalid values, a
    /// missing reason, nothing to change).
    public init(_ body: [String: JSONValue], rules: RegistrationValidator) throws(Problem) {
        let immutable = body.keys.filter { RegisteredField(rawValue: $0)?.isAmendable == false || $0 == "id" }.sorted()
        if !immutable.isEmpty {
            throw Problem(.registeredFieldImmutable).withExtension("fields", .array(immutable.map(JSONValue.string)))
        }
        var checks = FieldChecks()
        let now = rules.clock.now
        func string(_ key: String) -> String? {
            guard let value = body[key] else { return nil }
            guard case .string(let text) = value else {
                checks.errors.append(.invalidType("/" + key, expected: .string))
                return nil
            }
            return text
        }
        var changes: [MailItemChange] = []
        var correspondent: CorrespondentReference?
        for key in body.keys.sorted() where key != "reason" {
            guard let field = RegisteredField(rawValue: key) else {
                checks.errors.append(.notAllowed(FieldError.pointer(key)))
                continue
            }
            let pointer = field.pointer
            switch field {
            case .subject:
                if let value = checks.text(string(key), at: pointer, required: true, length: rules.configuration.subjectLength) {
                    changes.append(.subject(value))
                }
            case .correspondent:
                guard case .object(let object) = body[key] else {
                    checks.errors.append(.invalidType(pointer, expected: .object))
                    continue
                }
                let input = CorrespondentInput(
                    id: object["id"]?.stringValue, kind: object["kind"]?.stringValue, name: object["name"]?.stringValue,
                    email: object["email"]?.stringValue)
                correspondent = rules.check(input, at: pointer, with: &checks)
            case .documentType:
                if let type = rules.check(documentType: string(key), for: nil, at: pointer, with: &checks) {
                    changes.append(.documentType(type))
                }
            case .medium:
                if let text = string(key), let value: MailMedium = checks.choice(text, at: pointer) { changes.append(.medium(value)) }
            case .priority:
                if let text = string(key), let value: MailPriority = checks.choice(text, at: pointer) { changes.append(.priority(value)) }
            case .confidentiality:
                if let text = string(key), let value: ConfidentialityLevel = checks.choice(text, at: pointer) {
                    changes.append(.confidentiality(value))
                }
            case .receivedAt:
                if let text = string(key), let date = rules.check(date: text, at: pointer, now: now, with: &checks) {
                    changes.append(.receivedAt(date))
                }
            case .sentAt:
                if let text = string(key), let date = rules.check(date: text, at: pointer, now: now, with: &checks) {
                    changes.append(.sentAt(date))
                }
            case .reference:
                if body[key] == .null {
                    changes.append(.reference(nil))
                } else if let text = string(key) {
                    if text.isBlank {
                        changes.append(.reference(nil))
                    } else if let value = checks.text(text, at: pointer, required: false, length: 1...rules.configuration.referenceMaximumLength) {
                        changes.append(.reference(value))
                    }
                }
            case .registryNumber, .registeredAt, .direction, .registeredBy, .documents:
                break
            }
        }
        let reason = checks.text(
            string("reason"), at: "/reason", required: true, length: 3...rules.configuration.reasonMaximumLength, multiline: true)
        if checks.errors.isEmpty, changes.isEmpty, correspondent == nil {
            checks.errors.append(.noChanges(""))
        }
        guard checks.errors.isEmpty, let reason else { throw Problem.validation(checks.errors) }
        self.changes = changes
        self.correspondent = correspondent
        self.reason = reason
    }
}
