import GuichetCore

/// The wording of one notification in one language: for an email a subject, a text body and
/// optionally an HTML body (the fragment inside `<body>`; without one, the text is laid out as
/// HTML); for an SMS the text alone.
public struct NotificationTemplate: Sendable, Hashable, Codable {
    /// The email's subject (emails only).
    public var subject: String?
    /// The plain-text body (the SMS itself for SMS).
    public var text: String
    /// The HTML body fragment (emails only); nil to derive it from the text.
    public var html: String?

    /// A template from its parts.
    public init(subject: String? = nil, text: String, html: String? = nil) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A notification rendered for one recipient: what the channel sends.
public struct RenderedNotification: Sendable, Hashable {
    /// The subject, on one line (emails).
    public var subject: String?
    /// The plain-text body.
    public var text: String
    /// The complete HTML document (emails), in the recipient's language and direction.
    public var html: String?
    /// The language it is written in.
    public var language: Language
}
