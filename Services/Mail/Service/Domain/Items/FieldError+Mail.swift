import GuichetCore

// Field error codes of the mail rules, beside the platform's (`required`, `too_long`, …).

extension FieldError {
    /// `in_the_future`: the date is later than now (beyond the allowed clock skew).
    static func inTheFuture(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "in_the_future",
            message: LocalizedText(
                fr: "Cette date ne peut pas être dans le futur.", ar: "لا يمكن أن يكون هذا التاريخ في المستقبل.",
                en: "This date cannot be in the future."))
    }

    /// `too_old`: the date is further back than registration allows.
    static func tooOld(_ field: String, maximumDays: Int) -> FieldError {
        FieldError(
            field: field, code: "too_old",
            message: LocalizedText(
                fr: "Cette date ne peut pas remonter à plus de \(maximumDays) jours.",
                ar: "لا يمكن أن يعود هذا التاريخ إلى أكثر من \(maximumDays) يومًا.",
                en: "This date cannot be more than \(maximumDays) days ago."),
            parameters: ["maximum_days": .number(Double(maximumDays))])
    }

    /// `not_allowed_for_direction`: the field does not apply to mail of this direction.
    static func notForDirection(_ field: String, _ direction: MailDirection) -> FieldError {
        let label = direction.label
        return FieldError(
            field: field, code: "not_allowed_for_direction",
            message: LocalizedText(
                fr: "Ce champ ne s'applique pas au courrier « \(label.fr) ».",
                ar: "هذا الحقل لا ينطبق على المراسلات «\(label.text(in: .ar))».",
                en: "This field does not apply to \(label.text(in: .en).lowercased()) mail."),
            parameters: ["direction": .string(direction.rawValue)])
    }

    /// `mutually_exclusive`: the field cannot be sent together with `other`.
    static func mutuallyExclusive(_ field: String, with other: String) -> FieldError {
        FieldError(
            field: field, code: "mutually_exclusive",
            message: LocalizedText(
                fr: "Ce champ ne peut pas être envoyé avec \(other).", ar: "لا يمكن إرسال هذا الحقل مع \(other).",
                en: "This field cannot be sent together with \(other)."),
            parameters: ["other": .string(other)])
    }

    /// `unchanged`: an amendment gives the value the field already has.
    static func unchanged(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "unchanged",
            message: LocalizedText(
                fr: "Cette valeur est identique à la valeur actuelle.", ar: "هذه القيمة مطابقة للقيمة الحالية.",
                en: "This value is the same as the current one."))
    }

    /// `no_changes`: an amendment changes nothing.
    static func noChanges(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "no_changes",
            message: LocalizedText(
                fr: "La demande ne modifie aucun champ.", ar: "الطلب لا يعدل أي حقل.", en: "The request changes no field."))
    }

    /// `principal_in_copies`: the principal unit is also listed as a copy.
    static func principalInCopies(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "principal_in_copies",
            message: LocalizedText(
                fr: "L'unité principale ne peut pas être aussi en copie.", ar: "لا يمكن أن تكون الوحدة الرئيسية أيضًا ضمن النسخ.",
                en: "The principal unit cannot also be a copy."))
    }

    /// `hash_mismatch`: the content's SHA-256 is not the one declared.
    static func hashMismatch(_ field: String, computed: String) -> FieldError {
        FieldError(
            field: field, code: "hash_mismatch",
            message: LocalizedText(
                fr: "L'empreinte SHA-256 du contenu reçu ne correspond pas à celle déclarée.",
                ar: "بصمة SHA-256 للمحتوى المستلم لا تطابق البصمة المصرح بها.",
                en: "The SHA-256 of the content received is not the one declared."),
            parameters: ["computed": .string(computed)])
    }

    /// `size_mismatch`: the content's size is not the one declared.
    static func sizeMismatch(_ field: String, received: Int) -> FieldError {
        FieldError(
            field: field, code: "size_mismatch",
            message: LocalizedText(
                fr: "La taille du contenu reçu ne correspond pas à celle déclarée.",
                ar: "حجم المحتوى المستلم لا يطابق الحجم المصرح به.",
                en: "The size of the content received is not the one declared."),
            parameters: ["received": .number(Double(received))])
    }
}
