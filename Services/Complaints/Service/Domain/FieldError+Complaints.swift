import GuichetCore

// Field errors of the complaints service, with messages in French, Arabic and English.

extension FieldError {
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
