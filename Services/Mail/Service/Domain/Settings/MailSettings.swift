import GuichetCore

/// A tenant's mail settings: the registry number format and how many working days before a due
/// date a reminder is raised. Validated when an administrator saves them.
public struct MailSettings: Sendable, Hashable {
    /// The longest reminder offset accepted, in working days.
    public static let maximumReminderWorkingDays = 60

    /// The registry number format (new numbers only: registered numbers keep their text).
    public var format: RegistryNumberFormat
    /// Working days before the due date when the reminder is raised (0: on the due date).
    public var reminderWorkingDays: Int

    /// Settings from their parts.
    public init(format: RegistryNumberFormat = .standard, reminderWorkingDays: Int = 2) {
        self.format = format
        self.reminderWorkingDays = reminderWorkingDays
    }

    /// The settings of a tenant that saved none.
    public static let standard = MailSettings()

    /// Parses and validates `{"registry_format": {"template": …, "direction_codes": {…}},
    /// "reminder_working_days": …}`; every member is optional and falls back to `current`.
    /// Throws `validation_failed` listing every problem with its JSON pointer.
    public static func validating(_ body: [String: JSONValue], current: MailSettings) throws(Problem) -> MailSettings {
        var errors: [FieldError] = []
        for key in body.keys.sorted() where key != "registry_format" && key != "reminder_working_days" {
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
        let formatErrors = RegistryNumberFormat.validationErrors(template: template, directionCodes: codes).map { error in
            var moved = error
            moved.field = "/registry_format" + error.field
            return moved
        }
        errors += formatErrors
        guard errors.isEmpty, let format = try? RegistryNumberFormat(template, directionCodes: codes) else {
            throw Problem.validation(errors)
        }
        return MailSettings(format: format, reminderWorkingDays: reminder)
    }

    /// The settings as JSON: `registry_format` (`template`, `direction_codes`) and `reminder_working_days`.
    public var jsonValue: JSONValue {
        var codes: [String: JSONValue] = [:]
        for direction in MailDirection.allCases { codes[direction.rawValue] = .string(format.code(of: direction)) }
        return [
            "registry_format": ["template": .string(format.template), "direction_codes": .object(codes)],
            "reminder_working_days": .number(Double(reminderWorkingDays)),
        ]
    }
}
