import FoundationEssentials
import GuichetCore

/// An address with an optional display name (`"Amina" <amina@example.ma>`).
public struct Mailbox: Sendable, Hashable {
    /// The address.
    public var address: EmailAddress
    /// The name shown beside it, if any.
    public var name: String?

    /// A mailbox from its parts.
    public init(_ address: EmailAddress, name: String? = nil) {
        self.address = address
        self.name = name
    }
}

/// An email as Guichet sends it: one sender, recipients, a subject, a text body and optionally an
/// HTML alternative, in one language. ``MIMEWriter`` turns it into the bytes of the message.
public struct EmailMessage: Sendable, Hashable {
    /// The sender (`From`).
    public var from: Mailbox
    /// The recipients (`To`).
    public var to: [Mailbox]
    /// Where answers go (`Reply-To`), if not to the sender.
    public var replyTo: Mailbox?
    /// The subject (one line).
    public var subject: String
    /// The plain-text body.
    public var text: String
    /// The HTML alternative (a whole document), if any.
    public var html: String?
    /// The language of the message (`Content-Language`).
    public var language: Language
    /// The `Message-ID`, without angle brackets (`<id>@<domain>`): stable across retries, so that
    /// mail systems can recognise a message delivered twice.
    public var messageID: String
    /// The `Date`.
    public var date: Date

    /// A message from its parts.
    public init(
        from: Mailbox, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, text: String, html: String? = nil,
        language: Language, messageID: String, date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.language = language
        self.messageID = messageID
        self.date = date
    }
}
