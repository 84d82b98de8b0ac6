extension StringProtocol {
    /// The text without leading and trailing white space: any Unicode white space, line breaks and
    /// the no-break space included (`"\u{A0} Amina \n"` gives `"Amina"`).
    public func trimmingWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    /// Whether the text is empty or only white space (line breaks included).
    public var isBlank: Bool {
        allSatisfy(\.isWhitespace)
    }
}
