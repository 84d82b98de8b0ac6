import FoundationEssentials
import GuichetCore
import GuichetPlatform

/// What a service records in its outbox to send an email: to whom, in which language, which
/// template, with which values.
public struct EmailPayload: Codable, Sendable, Hashable {
    /// The recipient's address.
    public var to: String
    /// The recipient's name, if known.
    public var name: String?
    /// The language to write in.
    public var language: Language
    /// The template's name.
    public var template: String
    /// The values of the template's variables.
    public var variables: [String: String]

    /// A payload from its parts.
    public init(to: EmailAddress, name: String? = nil, language: Language, template: String, variables: [String: String]) {
        self.to = to.value
        self.name = name
        self.language = language
        self.template = template
        self.variables = variables
    }
}

/// The outbox channel `email`: renders the template (the tenant's wording or the default) in the
/// recipient's language and sends it over SMTP, with the outbox message's id as `Message-ID`.
///
/// A refused recipient or content (SMTP 5xx to RCPT or after the data) is a permanent refusal;
/// anything else (server down, dropped connection, timeouts, 4xx) is retried. SMTP cannot tell a
/// client whether a message whose final reply was lost was delivered: such a message is sent
/// again, with the same `Message-ID`.
public final class EmailChannel: OutboxChannel {
    /// The channel's name in the outbox.
    public static let name = "email"
    /// The channel's name in the outbox.
    public var name: String { Self.name }

    private let client: SMTPClient
    private let library: TemplateLibrary
    private let sender: Mailbox
    private let replyTo: Mailbox?
    private let messageIDDomain: String

    /// A channel sending through `client` from `sender`, with templates from `library`.
    /// `messageIDDomain` ends every `Message-ID` (the sender's domain by default).
    public init(client: SMTPClient, library: TemplateLibrary, sender: Mailbox, replyTo: Mailbox? = nil, messageIDDomain: String? = nil) {
        self.client = client
        self.library = library
        self.sender = sender
        self.replyTo = replyTo
        self.messageIDDomain = messageIDDomain ?? String(sender.address.domain)
    }

    /// The SMTP conversation's limit, and a margin for the template's lookup.
    public var maximumDeliveryTime: Duration { client.configuration.totalTimeout + .seconds(5) }

    /// The outbox message that sends `payload` (record it in the transaction of the change).
    public static func message(_ payload: EmailPayload, id: UUID = .timeOrdered()) throws -> OutboxMessage {
        try OutboxMessage(channel: name, topic: payload.template, payload: payload, id: id)
    }

    public func deliver(_ envelope: OutboxEnvelope) async -> DeliveryResult {
        let payload: EmailPayload
        do {
            payload = try envelope.decodePayload(EmailPayload.self)
        } catch {
            return .rejected("unreadable email payload: \(error)")
        }
        guard let address = EmailAddress(payload.to) else { return .rejected("not an address Guichet can write to") }
        let rendered: RenderedNotification
        switch await library.rendering(payload, for: envelope) {
        case .rendered(let text): rendered = text
        case .undeliverable(let result): return result
        }
        let message = EmailMessage(
            from: sender, to: [Mailbox(address, name: payload.name)], replyTo: replyTo, subject: rendered.subject ?? "",
            text: rendered.text, html: rendered.html, language: payload.language,
            messageID: "\(envelope.messageID)@\(messageIDDomain)", date: envelope.createdAt)
        do {
            let receipt = try await client.send(message)
            return .delivered(receipt.reply, statusCode: 250)
        } catch {
            switch error.kind {
            case .permanent: return .rejected(error.description, statusCode: error.code)
            case .transient: return .failed(error.description, statusCode: error.code)
            }
        }
    }
}
