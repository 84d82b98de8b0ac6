import FoundationEssentials
import GuichetCore

/// Checks the fields of a request one by one, collecting a ``FieldError`` for each problem so that a
/// client learns about all of them at once.
struct FieldChecks {
    /// The problems found so far.
    var errors: [FieldError] = []

    /// A text field cleaned by a ``TextRule`` (trimmed, in NFC, control characters refused except line
    /// breaks and tabs in multi-line text, length counted in characters). An absent field, or a blank
    /// one that is not `required`, gives `nil` without an error.
    mutating func text(
        _ value: String?, at field: String, required: Bool, length: ClosedRange<Int>, multiline: Bool = false
    ) -> String? {
        guard let value, required || !value.isBlank else {
            if required { errors.append(.required(field)) }
            return nil
        }
        let rule = TextRule(minimumLength: length.lowerBound, maximumLength: length.upperBound, allowsLineBreaks: multiline)
        return rule.clean(value, field: field, errors: &errors)
    }

    /// One of an enumeration's raw values; `fallback` when absent (and `required` is false).
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ value: String?, at field: String, fallback: Value? = nil
    ) -> Value? where Value.RawValue == String {
        guard let value else {
            if fallback == nil { errors.append(.required(field)) }
            return fallback
        }
        return Value.parse(value, at: field, errors: &errors)
    }

    /// A UUID in its canonical text form.
    mutating func identifier(_ value: String, at field: String) -> UUID? {
        guard value.utf8.count == 36, let id = UUID(uuidString: value) else {
            errors.append(.invalidFormat(field, format: LocalizedText(fr: "UUID", ar: "UUID", en: "UUID")))
            return nil
        }
        return id
    }

    /// An RFC 3339 instant no later than `now` plus `skew` and no earlier than `now` minus `maximumAge`.
    mutating func instant(_ value: String, at field: String, now: Date, skew: Duration, maximumAge: Duration) -> Date? {
        guard let date = RFC3339.parse(value) else {
            errors.append(
                .invalidFormat(field, format: LocalizedText(fr: "date RFC 3339", ar: "تاريخ RFC 3339", en: "RFC 3339 date-time")))
            return nil
        }
        if date.timeIntervalSince(now) > skew.timeInterval {
            errors.append(.inTheFuture(field))
            return nil
        }
        if now.timeIntervalSince(date) > maximumAge.timeInterval {
            errors.append(.tooOld(field, maximumDays: Int(maximumAge.timeInterval / 86_400)))
            return nil
        }
        return date
    }

    /// An email address (see ``EmailAddress``), trimmed of surrounding white space.
    mutating func email(_ value: String, at field: String) -> EmailAddress? {
        guard let email = EmailAddress(value.trimmingWhitespace()) else {
            errors.append(.invalidEmail(field))
            return nil
        }
        return email
    }
}
