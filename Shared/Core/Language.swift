/// A language in which Guichet speaks to people: French (the default), Arabic and English.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    /// French, the default language of the platform.
    case fr
    /// Arabic, written right to left.
    case ar
    /// English.
    case en

    /// The language used when a client expresses no usable preference.
    public static let `default`: Language = .fr

    /// Whether text in this language is written right to left (true for Arabic).
    public var isRightToLeft: Bool {
        self == .ar
    }

    /// The BCP 47 tag for this language, suitable for a `Content-Language` header.
    public var tag: String {
        rawValue
    }
}
