import GuichetCore

// Field errors of the complaints service, with messages in French, Arabic and English.

extension FieldError {
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

    /// `invalid_email`: not an email address Guichet can write to.
    public static func invalidEmail(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "invalid_email",
            message: LocalizedText(
                fr: "Cette adresse e-mail n'est pas valide.", ar: "عنوان البريد الإلكتروني هذا غير صالح.",
                en: "This email address is not valid."))
    }

    /// `invalid_phone`: not an international (E.164) or Moroccan phone number.
    public static func invalidPhone(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "invalid_phone",
            message: LocalizedText(
                fr: "Ce numéro de téléphone n'est pas valide (format international +… ou marocain 06…).",
                ar: "رقم الهاتف هذا غير صالح (الصيغة الدولية +… أو المغربية 06…).",
                en: "This phone number is not valid (international +… or Moroccan 06… format)."))
    }
}
