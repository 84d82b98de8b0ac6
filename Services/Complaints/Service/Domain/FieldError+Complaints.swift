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
}
