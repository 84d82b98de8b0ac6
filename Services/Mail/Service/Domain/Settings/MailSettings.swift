import GuichetCore

/// A tenant's mail settings: the registry number format, how many working days before a due date a
/// reminder is raised, and the language acknowledgements are written in by default. Validated when
/// an administrator saves them.
public struct MailSettings: Sendable, Hashable {
    /// The longest reminder offset accepted, in working days.
    public static let maximumReminderWorkingDays = 60

    /// The registry number format (new numbers only: registered numbers keep their text).
    public var format: RegistryNumberFormat
    /// Working days before the due date when the reminder is raised (0: on the due date).
    public var reminderWorkingDays: Int
    /// The language of acknowledgements (and their emails) when the registrar names none.
    public var defaultLanguage: Language

    /// Settings from their parts.
    public init(format: RegistryNumberFormat = .standard, reminderWorkingDays: Int = 2, defaultLanguage: Language = .fr) {
        self.format = format
        self.reminderWorkingDays = reminderWorkingDays
        self.defaultLanguage = defaultLanguage
    }

    /// The members a settings body may hold.
    public static let members: Set<String> = ["registry_format", "reminder_working_days", "default_language"]

    /// The settings of a tenant that saved none.
    public static let standard = MailSettings()

    /// Parses and validates `{"registry_format": {"template": …, "direction_codes": {…}},
    /// "reminder_working_days": …, "default_language": "fr"}`; every member is optional and falls
    /// back to `current`.
    /// Throws `validation_failed` listing every problem with its JSON pointer.
    public static func validating(_ body: [String: JSONValue], current: MailSettings) throws(Problem) -> MailSettings {
        var errors: [FieldError] = []
        for key in body.keys.sorted() where !members.contains(key) {
            errors.append(.notAllowed(FieldError.pointer(key)))
        }
        var template = current.format.template
        var codes = current.format.directionCodes
        if let format = body["registry_format"] {
            if let object = format.objectValue {
                for key in object.keys.sorted() where key != "template" && key != "direction_codes" {
                    errors.append(.notAllowed(FieldError.pointer("registry_format", key)))
                }
                if let value = object["template"] {
                    if let text = value.stringValue { template = text } else {
                        errors.append(.invalidType("/registry_format/template", expected: .string))
                    }
                }
                if let value = object["direction_codes"] {
                    if let members = value.objectValue {
                        for (key, code) in members {
                            guard let direction = MailDirection(rawValue: key) else {
                                errors.append(.notAllowed(FieldError.pointer("registry_format", "direction_codes", key)))
                                continue
                            }
                            guard let text = code.stringValue else {
                                errors.append(.invalidType(FieldError.pointer("registry_format", "direction_codes", key), expected: .string))
                                continue
                            }
                            codes[direction] = text
                        }
                    } else {
                        errors.append(.invalidType("/registry_format/direction_codes", expected: .object))
                    }
                }
            } else {
                errors.append(.invalidType("/registry_format", expected: .object))
            }
        }
        var reminder = current.reminderWorkingDays
        if let value = body["reminder_working_days"] {
            if let number = value.numberValue, number == number.rounded(), (0...Double(maximumReminderWorkingDays)).contains(number) {
                reminder = Int(number)
            } else {
                errors.append(.outOfRange("/reminder_working_days", minimum: 0, maximum: Double(maximumReminderWorkingDays)))
            }
        }
        var language = current.defaultLanguage
        if let value = body["default_language"] {
            if let chosen = value.stringValue.flatMap(Language.init(rawValue:)) {
                language = chosen
            } else {
                errors.append(.unknownValue("/default_language", allowed: Language.allCases.map(\.rawValue)))
            }
        }
        let formatErrors = RegistryNumberFormat.validationErrors(template: template, directionCodes: codes).map { error in
            var moved = error
            moved.field = "/registry_format" + error.field
            return moved
        }
        errors += formatErrors
        guard errors.isEmpty, let format = try? RegistryNumberFormat(template, directionCodes: codes) else {
            throw Problem.validation(errors)
        }
        return MailSettings(format: format, reminderWorkingDays: reminder, defaultLanguage: language)
    }

    /// The settings as JSON: `registry_format` (`template`, `direction_codes`), `reminder_working_days`
    /// and `default_language`.
    public var jsonValue: JSONValue {
        var codes: [String: JSONValue] = [:]
        for direction in MailDirection.allCases { codes[direction.rawValue] = .string(format.code(of: direction)) }
        return [
            "registry_format": ["template": .string(format.template), "direction_codes": .object(codes)],
            "reminder_working_days": .number(Double(reminderWorkingDays)),
            "default_language": .string(defaultLanguage.rawValue),
        ]
    }
}
