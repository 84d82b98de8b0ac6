/// A search typed by a person, prepared for the store: the normalised text for PostgreSQL's text
/// search, the registry number it names if it reads as one, and the numbers in it.
///
/// ```swift
/// let query = SearchQuery("Réclamation 2026 / a / 123", format: tenantFormat)
/// query.text          // "reclamation 2026 / a / 123"
/// query.registryKey   // nil: the whole query is not a number
/// SearchQuery("2026 A 000123", format: .standard).registryKey   // "2026a123"
/// ```
///
/// The store matches `registryKey` against ``SearchNormalizer/indexTerms(for:)`` of each item's
/// number, ``numbers`` against those terms and ``SearchNormalizer/numberTerms(inText:)`` of the indexed
/// text, and ``text`` with the text search.
public struct SearchQuery: Sendable, Hashable {
    /// The longest query considered, in characters; the rest is ignored.
    public static let maximumLength = 200

    /// The query normalised by ``SearchNormalizer/normalize(_:)``.
    public let text: String
    /// The registry search key (``RegistryNumber/searchKey``) if the whole query reads as a registry
    /// number of the tenant's format.
    public let registryKey: String?
    /// The numbers in the query, without leading zeros (``SearchNormalizer/numberTerms(inQuery:)``).
    public let numbers: [String]
    /// The query's words other than numbers (``SearchNormalizer/words(_:)``), for the text search.
    public let words: String

    /// Prepares `query` for a tenant whose numbers follow `format`.
    public init(_ query: String, format: RegistryNumberFormat) {
        let text = SearchNormalizer.normalize(String(query.prefix(Self.maximumLength)))
        self.text = text
        registryKey = format.searchKey(forQuery: text)
        numbers = SearchNormalizer.numberTerms(inQuery: text)
        words = SearchNormalizer.words(text).split(separator: " ").filter { word in
            !word.unicodeScalars.allSatisfy { (0x30...0x39).contains($0.value) }
        }.joined(separator: " ")
    }

    /// Whether the query has nothing to search for.
    public var isEmpty: Bool { words.isEmpty && numbers.isEmpty && registryKey == nil }
}
