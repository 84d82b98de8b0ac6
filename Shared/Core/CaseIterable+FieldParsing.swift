extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// The case whose raw value is `text` (a request's enumeration member: `"incoming"`,
    /// `"urgent"`), or `nil` after appending `unknown_value` at `field`, listing every raw value.
    public static func parse(_ text: String, at field: String, errors: inout [FieldError]) -> Self? {
        guard let value = Self(rawValue: text) else {
            errors.append(.unknownValue(field, allowed: allCases.map(\.rawValue)))
            return nil
        }
        return value
    }
}
