public import GuichetCore

// Field errors of the appointments configuration, beside the platform's (`required`, `too_long` …).

extension FieldError {
    /// `invalid_time_zone`: the value is not an IANA time zone the system knows (`Africa/Casablanca`).
    public static func invalidTimeZone(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "invalid_time_zone",
            message: LocalizedText(
                fr: "Ce fuseau horaire est inconnu (exemple attendu : Africa/Casablanca).",
                ar: "هذه المنطقة الزمنية غير معروفة (مثال: Africa/Casablanca).",
                en: "This time zone is unknown (expected for example: Africa/Casablanca)."))
    }

    /// `overlapping_ranges`: this time range overlaps another one of the same day.
    public static func overlappingRanges(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "overlapping_ranges",
            message: LocalizedText(
                fr: "Cette plage horaire chevauche une autre plage du même jour.",
                ar: "هذه الفترة الزمنية تتداخل مع فترة أخرى في اليوم نفسه.",
                en: "This time range overlaps another range of the same day."))
    }

    /// `not_whole_minutes`: a duration must be a whole number of minutes.
    public static func notWholeMinutes(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "not_whole_minutes",
            message: LocalizedText(
                fr: "Cette durée doit être un nombre entier de minutes.",
                ar: "يجب أن تكون هذه المدة عددًا صحيحًا من الدقائق.",
                en: "This duration must be a whole number of minutes."))
    }

    /// `invalid_range`: the end is not after the start.
    public static func invalidRange(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "invalid_range",
            message: LocalizedText(
                fr: "La fin doit être postérieure au début.", ar: "يجب أن تكون النهاية بعد البداية.",
                en: "The end must be after the start."))
    }

    /// `unknown_reference`: the id does not name a known object (a site, service or counter).
    public static func unknownReference(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "unknown_reference",
            message: LocalizedText(
                fr: "Cet identifiant ne correspond à aucun élément connu.",
                ar: "هذا المعرّف لا يطابق أي عنصر معروف.",
                en: "This id does not match any known item."))
    }
}

extension FieldError {
    /// The errors of a duration that must be whole minutes within `range` (minutes).
    static func validateMinutes(_ duration: Duration, at field: String, in range: ClosedRange<Int64>) -> [FieldError] {
        let (seconds, attoseconds) = duration.components
        guard attoseconds == 0, seconds % 60 == 0 else { return [.notWholeMinutes(field)] }
        guard range.contains(seconds / 60) else {
            return [.outOfRange(field, minimum: Double(range.lowerBound), maximum: Double(range.upperBound))]
        }
        return []
    }

    /// The errors of a day's ranges: each must not overlap another.
    static func validate(_ ranges: [LocalTimeRange], at field: String) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, range) in ranges.enumerated() where ranges[..<index].contains(where: { $0.overlaps(range) }) {
            errors.append(.overlappingRanges(field + "/\(index)"))
        }
        return errors
    }
}
