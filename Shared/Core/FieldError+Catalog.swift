// The platform's field errors, with messages in French, Arabic and English. A service adds its own
// in `FieldError+<Service>.swift` only for a rule no other service has.

extension FieldError {
    /// The JSON types a field can be expected to have, named in each language.
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        /// A JSON string.
        case string
        /// A JSON number.
        case number
        /// A whole number.
        case integer
        /// `true` or `false`.
        case boolean
        /// A JSON object.
        case object
        /// A JSON array.
        case array

        /// The type's name in each language.
        public var name: LocalizedText {
            switch self {
            case .string: LocalizedText(fr: "texte", ar: "نص", en: "string")
            case .number: LocalizedText(fr: "nombre", ar: "رقم", en: "number")
            case .integer: LocalizedText(fr: "nombre entier", ar: "عدد صحيح", en: "integer")
            case .boolean: LocalizedText(fr: "booléen", ar: "قيمة منطقية", en: "boolean")
            case .object: LocalizedText(fr: "objet", ar: "كائن", en: "object")
            case .array: LocalizedText(fr: "liste", ar: "قائمة", en: "array")
            }
        }
    }

    /// `required`: the field is missing or empty.
    public static func required(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "required",
            message: LocalizedText(fr: "Ce champ est obligatoire.", ar: "هذا الحقل إلزامي.", en: "This field is required."))
    }

    /// `invalid_type`: the field has the wrong JSON type.
    public static func invalidType(_ field: String, expected: ValueType) -> FieldError {
        let name = expected.name
        return FieldError(
            field: field, code: "invalid_type",
            message: LocalizedText(
                fr: "Ce champ n'a pas le bon type (attendu : \(name.fr)).",
                ar: "نوع هذا الحقل غير صحيح (المتوقع: \(name.text(in: .ar))).",
                en: "This field has the wrong type (expected: \(name.text(in: .en)))."),
            parameters: ["expected": .string(expected.rawValue)])
    }

    /// `invalid_format`: the value does not have the expected form; `format` names it for people
    /// (for example "adresse e-mail" / "بريد إلكتروني" / "email address").
    public static func invalidFormat(_ field: String, format: LocalizedText? = nil) -> FieldError {
        let message: LocalizedText
        if let format {
            message = LocalizedText(
                fr: "Ce champ n'a pas le format attendu (\(format.fr)).",
                ar: "صيغة هذا الحقل غير صحيحة (المتوقع: \(format.text(in: .ar))).",
                en: "This field does not have the expected format (\(format.text(in: .en))).")
        } else {
            message = LocalizedText(
                fr: "Ce champ n'a pas le format attendu.", ar: "صيغة هذا الحقل غير صحيحة.",
                en: "This field does not have the expected format.")
        }
        return FieldError(field: field, code: "invalid_format", message: message)
    }

    /// `invalid_format` for an email address: not one Guichet can write to (see ``EmailAddress``).
    public static func invalidEmail(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "invalid_format",
            message: LocalizedText(
                fr: "Cette adresse e-mail n'est pas valide.", ar: "عنوان البريد الإلكتروني هذا غير صالح.",
                en: "This email address is not valid."))
    }

    /// `invalid_format` for a phone number: not an international (E.164) or Moroccan one (see
    /// ``PhoneNumber``).
    public static func invalidPhone(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "invalid_format",
            message: LocalizedText(
                fr: "Ce numéro de téléphone n'est pas valide (format international +… ou marocain 06…).",
                ar: "رقم الهاتف هذا غير صالح (الصيغة الدولية +… أو المغربية 06…).",
                en: "This phone number is not valid (international +… or Moroccan 06… format)."))
    }

    /// `control_character`: the text holds a control character (or a line break where only one
    /// line is allowed).
    public static func controlCharacter(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "control_character",
            message: LocalizedText(
                fr: "Ce texte contient un caractère de contrôle ou un saut de ligne non autorisé.",
                ar: "يحتوي هذا النص على حرف تحكم أو سطر جديد غير مسموح به.",
                en: "This text contains a control character or a line break that is not allowed."))
    }

    /// `too_long`: the text has more than `maximum` characters.
    public static func tooLong(_ field: String, maximum: Int) -> FieldError {
        FieldError(
            field: field, code: "too_long",
            message: LocalizedText(
                fr: "Ce champ ne doit pas dépasser \(maximum) caractères.",
                ar: "يجب ألا يتجاوز عدد أحرف هذا الحقل \(maximum).",
                en: "This field must not exceed \(maximum) characters."),
            parameters: ["maximum": .number(Double(maximum))])
    }

    /// `too_short`: the text has fewer than `minimum` characters.
    public static func tooShort(_ field: String, minimum: Int) -> FieldError {
        FieldError(
            field: field, code: "too_short",
            message: LocalizedText(
                fr: "Ce champ doit contenir au moins \(minimum) caractères.",
                ar: "يجب ألا يقل عدد أحرف هذا الحقل عن \(minimum).",
                en: "This field must contain at least \(minimum) characters."),
            parameters: ["minimum": .number(Double(minimum))])
    }

    /// `out_of_range`: the number is outside `minimum...maximum`.
    public static func outOfRange(_ field: String, minimum: Double, maximum: Double) -> FieldError {
        let low = JSONValue.number(minimum).encodedJSONString
        let high = JSONValue.number(maximum).encodedJSONString
        return FieldError(
            field: field, code: "out_of_range",
            message: LocalizedText(
                fr: "La valeur doit être comprise entre \(low) et \(high).",
                ar: "يجب أن تكون القيمة بين \(low) و\(high).",
                en: "The value must be between \(low) and \(high)."),
            parameters: ["minimum": .number(minimum), "maximum": .number(maximum)])
    }

    /// `unknown_value`: the value is not one of `allowed` (listed in the message when given).
    public static func unknownValue(_ field: String, allowed: [String] = []) -> FieldError {
        if allowed.isEmpty {
            return FieldError(
                field: field, code: "unknown_value",
                message: LocalizedText(fr: "Cette valeur est inconnue.", ar: "هذه القيمة غير معروفة.", en: "This value is unknown."))
        }
        let list = allowed.joined(separator: ", ")
        return FieldError(
            field: field, code: "unknown_value",
            message: LocalizedText(
                fr: "Valeur inconnue. Valeurs acceptées : \(list).",
                ar: "قيمة غير معروفة. القيم المقبولة: \(list).",
                en: "Unknown value. Accepted values: \(list)."),
            parameters: ["allowed": .array(allowed.map(JSONValue.string))])
    }

    /// `too_few_items`: the list has fewer than `minimum` elements.
    public static func tooFewItems(_ field: String, minimum: Int) -> FieldError {
        FieldError(
            field: field, code: "too_few_items",
            message: LocalizedText(
                fr: "Cette liste doit contenir au moins \(minimum) éléments.",
                ar: "يجب أن تحتوي هذه القائمة على \(minimum) عناصر على الأقل.",
                en: "This list must contain at least \(minimum) items."),
            parameters: ["minimum": .number(Double(minimum))])
    }

    /// `too_many_items`: the list (or geometry) has more than `maximum` elements.
    public static func tooManyItems(_ field: String, maximum: Int) -> FieldError {
        FieldError(
            field: field, code: "too_many_items",
            message: LocalizedText(
                fr: "Cette liste ne doit pas dépasser \(maximum) éléments.",
                ar: "يجب ألا يتجاوز عدد عناصر هذه القائمة \(maximum).",
                en: "This list must not exceed \(maximum) items."),
            parameters: ["maximum": .number(Double(maximum))])
    }

    /// `duplicate_value`: the value (a recipient, a date, a reminder) appears more than once where it
    /// must be unique.
    public static func duplicateValue(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "duplicate_value",
            message: LocalizedText(
                fr: "Cette valeur apparaît plusieurs fois.", ar: "هذه القيمة مكررة.",
                en: "This value appears more than once."))
    }

    /// `not_allowed`: the field may not be sent here (unknown member, or read-only).
    public static func notAllowed(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "not_allowed",
            message: LocalizedText(
                fr: "Ce champ n'est pas autorisé ici.", ar: "هذا الحقل غير مسموح به هنا.",
                en: "This field is not allowed here."))
    }
}
