import GuichetCore

/// A complaint, request or suggestion as submitted, once validated: clean text, checked
/// coordinates, normalised contact details. Build it with ``init(validating:configuration:)``
/// from the request body.
///
/// The body, as JSON:
///
/// ```json
/// {"kind": "complaint", "category": "voirie", "subject": "Nid de poule",
///  "description": "Un nid de poule dangereux devant l'école.",
///  "location": {"lat": 33.5731, "lon": -7.5898}, "address": "Bd Zerktouni, Casablanca",
///  "contact": {"name": "Amina", "email": "amina@example.ma", "phone": "06 12 34 56 78"},
///  "language": "fr", "channel": "web", "attributes": {"school": "Lycée Ibn Sina"}}
/// ```
///
/// Only `category`, `subject` and `description` are required; `kind` defaults to `complaint`,
/// `language` and `channel` to the configuration's defaults. `null` is the same as absent.
/// Members the service does not know are refused (`not_allowed`) rather than ignored: a typo such
/// as `"emial"` would otherwise silently lose the citizen's contact.
public struct ComplaintSubmission: Sendable, Hashable {
    /// The limits and defaults used by validation.
    public struct Configuration: Sendable, Hashable {
        /// The subject: one line of 3 to 200 characters.
        public var subject = TextRule(minimumLength: 3, maximumLength: 200)
        /// The description: 10 to 10 000 characters, line breaks allowed.
        public var description = TextRule(minimumLength: 10, maximumLength: 10_000, allowsLineBreaks: true)
        /// The address text: one line of at most 300 characters.
        public var address = TextRule(minimumLength: 1, maximumLength: 300)
        /// The contact name: one line of at most 120 characters.
        public var name = TextRule(minimumLength: 1, maximumLength: 120)
        /// The channels this caller may declare (citizens: web and mobile; agents: all).
        public var allowedChannels: Set<SubmissionChannel> = Set(SubmissionChannel.allCases)
        /// The channel recorded when the body names none.
        public var defaultChannel: SubmissionChannel = .web
        /// The language recorded when the body names none (the request's negotiated language).
        public var defaultLanguage: Language = .default

        /// The default limits: all channels allowed, `web` and French by default.
        public init() {}
    }

    /// Complaint, request or suggestion.
    public var kind: ComplaintKind
    /// The category's code (its existence in the tenant is checked by the store).
    public var category: String
    /// The subject, one line.
    public var subject: String
    /// The description, possibly several lines.
    public var description: String
    /// Where it is, if the citizen placed it on the map.
    public var location: GeoPoint?
    /// The address as the citizen wrote it.
    public var address: String?
    /// How to reach the citizen (empty for an anonymous submission).
    public var contact: ContactDetails
    /// The language the citizen wants to be answered in.
    public var language: Language
    /// How it was submitted.
    public var channel: SubmissionChannel
    /// The values of the category's extra fields, as sent (checked against the category with
    /// ``CategoryField/validate(_:against:pointer:errors:)`` once the category is known).
    public var attributes: [String: JSONValue]

    /// A submission from already valid parts (tests, and agents' tools that build it themselves).
    public init(
        kind: ComplaintKind = .complaint, category: String, subject: String, description: String, location: GeoPoint? = nil,
        address: String? = nil, contact: ContactDetails = .none, language: Language = .default, channel: SubmissionChannel = .web,
        attributes: [String: JSONValue] = [:]
    ) {
        self.kind = kind
        self.category = category
        self.subject = subject
        self.description = description
        self.location = location
        self.address = address
        self.contact = contact
        self.language = language
        self.channel = channel
        self.attributes = attributes
    }

    /// Whether `code` is a well-formed category code: 1 to 64 ASCII letters, digits, `.`, `_` or
    /// `-`, starting with a letter or digit.
    public static func isValidCategoryCode(_ code: some StringProtocol) -> Bool {
        let bytes = code.utf8
        guard (1...64).contains(bytes.count), let first = bytes.first, isCodeLetterOrDigit(first) else { return false }
        return bytes.allSatisfy { isCodeLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isCodeLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
