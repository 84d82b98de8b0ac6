/// A text a person reads, in French (required) and optionally Arabic and English.
///
/// A missing translation falls back to French, the platform's default language.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The French text, always present.
    public var fr: String
    /// The Arabic text, if translated.
    public var ar: String?
    /// The English text, if translated.
    public var en: String?

    /// Creates a text from its translations; French is required.
    public init(fr: String, ar: String? = nil, en: String? = nil) {
        self.fr = fr
        self.ar = ar
        self.en = en
    }

    /// The text in `language`, or the French text when that translation is missing.
    public func text(in language: Language) -> String {
        switch language {
        case .fr: fr
        case .ar: ar ?? fr
        case .en: en ?? fr
        }
    }

    /// A copy with `{name}` placeholders replaced by the given values in every translation.
    public func replacing(_ parameters: KeyValuePairs<String, String>) -> LocalizedText {
        func fill(_ text: String) -> String {
            var result = text
            for (name, value) in parameters {
                result = result.replacing("{\(name)}", with: value)
            }
            return result
        }
        return LocalizedText(fr: fill(fr), ar: ar.map(fill), en: en.map(fill))
    }
}
