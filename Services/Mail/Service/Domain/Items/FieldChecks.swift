import FoundationEssentials
import GuichetCore

/// Checks the fields of a request one by one, collecting a ``FieldError`` for each problem so that a
/// client learns about all of them at once.
struct FieldChecks {
    /// The problems found so far.
    var errors: [FieldError] = []

    /// A text field, trimmed of surrounding white space; control characters are refused (except line
    /// feeds and tabs in multi-line text), and the length is counted in characters.
    mutating func text(
        _ value: String?, at field: String, required: Bool, length: ClosedRange<Int>, multiline: Bool = false
    ) -> String? {
        guard let value else {
            if required { errors.append(.required(field)) }
            return nil
        }
        let trimmed = Self.trimmed(value)
        if trimmed.isEmpty {
            if required { errors.append(.required(field)) }
            return nil
        }
        let allowedControls: Set<UInt32> = multiline ? [0x0A, 0x09] : []
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowedControls.contains($0.value) }) {
            errors.append(.invalidFormat(field))
            return nil
        }
        let count = trimmed.count
        if count > length.upperBound {
            errors.append(.tooLong(field, maximum: length.upperBound))
            return nil
        }
        if count < length.lowerBound {
            errors.append(.tooShort(field, minimum: length.lowerBound))
            return nil
        }
        return trimmed
    }

    /// One of an enumeration's raw values; `fallback` when absent (and `required` is false).
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ value: String?, at field: String, fallback: Value? = nil
    ) -> Value? where Value.RawValue == String {
        guard let value else {
            if fallback == nil { errors.append(.required(field)) }
            return fallback
        }
        guard let choice = Value(rawValue: value) else {
            errors.append(.unknownValue(field, allowed: Value.allCases.map(\.rawValue)))
            return nil
        }
        return choice
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
        if date.timeIntervalSince(now) > Self.seconds(skew) {
            errors.append(.inTheFuture(field))
            return nil
        }
        if now.timeIntervalSince(date) > Self.seconds(maximumAge) {
            errors.append(.tooOld(field, maximumDays: Int(Self.seconds(maximumAge) / 86_400)))
            return nil
        }
        return date
    }

    /// An email address: one `@`, a non-empty local part, a domain with a dot, no spaces, at most 254
    /// characters. (Deliverability is the mail server's business.)
    mutating func email(_ value: String, at field: String) -> String? {
        let trimmed = Self.trimmed(value)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let valid = trimmed.utf8.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !trimmed.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        guard valid else {
            errors.append(.invalidFormat(field, format: LocalizedText(fr: "adresse e-mail", ar: "بريد إلكتروني", en: "email address")))
            return nil
        }
        return trimmed
    }

    /// `value` without leading and trailing white space.
    static func trimmed(_ value: String) -> String {
        var slice = Substring(value)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
