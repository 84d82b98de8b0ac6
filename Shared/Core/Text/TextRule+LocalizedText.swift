extension TextRule {
    /// `text` with each translation cleaned by the rule (see ``clean(_:field:errors:)``), or `nil`
    /// after appending the errors: the French text at `<field>/fr`, and each other translation that
    /// is given at `<field>/ar` or `<field>/en` — a translation that is given may not be blank either.
    @discardableResult
    public func clean(_ text: LocalizedText, field: String, errors: inout [FieldError]) -> LocalizedText? {
        let count = errors.count
        let required = minimumLength > 0 ? self : TextRule(minimumLength: 1, maximumLength: maximumLength, allowsLineBreaks: allowsLineBreaks)
        let french = required.clean(text.fr, field: field + "/fr", errors: &errors)
        let arabic = text.ar.flatMap { required.clean($0, field: field + "/ar", errors: &errors) }
        let english = text.en.flatMap { required.clean($0, field: field + "/en", errors: &errors) }
        guard errors.count == count, let french else { return nil }
        return LocalizedText(fr: french, ar: arabic, en: english)
    }
}
