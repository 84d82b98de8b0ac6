import GuichetCore

// Field errors of the complaints service, with messages in French, Arabic and English.

extension FieldError {
    /// `ring_not_closed`: a polygon ring does not end where it starts.
    public static func ringNotClosed(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "ring_not_closed",
            message: LocalizedText(
                fr: "Ce contour n'est pas fermé : sa dernière position doit être égale à la première.",
                ar: "هذا المحيط غير مغلق: يجب أن يكون موضعه الأخير مطابقا للأول.",
                en: "This ring is not closed: its last position must equal its first."))
    }

    /// `invalid_transitions`: a transition table that would let complaints get stuck; every
    /// violation is listed in `violations`.
    public static func invalidTransitions(_ field: String, violations: [TransitionTable.Violation]) -> FieldError {
        FieldError(
            field: field, code: "invalid_transitions",
            message: LocalizedText(
                fr: "Ce tableau des transitions n'est pas valide : \(violations.map(\.description).joined(separator: " ; ")).",
                ar: "جدول الانتقالات هذا غير صالح: \(violations.map(\.description).joined(separator: "؛ ")).",
                en: "This transition table is not valid: \(violations.map(\.description).joined(separator: "; "))."),
            parameters: ["violations": .array(violations.map { .string($0.description) })])
    }

    /// `unknown_tenant`: a tenant slug that names no active tenant.
    public static func unknownTenant(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "unknown_tenant",
            message: LocalizedText(
                fr: "Aucune administration active ne porte cet identifiant.",
                ar: "لا توجد إدارة نشطة تحمل هذا المعرف.",
                en: "No active administration has this identifier."))
    }
}
