import FoundationEssentials
import GuichetCore
import GuichetPlatform

/// What a service records in its outbox to send an SMS: to which number, in which language,
/// which template (of medium `sms`), with which values.
public struct SMSPayload: Codable, Sendable, Hashable {
    /// The number, E.164.
    public var to: String
    /// The language to write in.
    public var language: Language
    /// The template's name.
    public var template: String
    /// The values of the template's variables.
    public var variables: [String: String]

    /// A payload from its parts.
    public init(to: PhoneNumber, language: Language, template: String, variables: [String: String]) {
        self.to = to.e164
        self.language = language
        self.template = template
        self.variables = variables
    }
}

/// The outbox channel `sms`: renders the template in the recipient's language and hands it to the
/// provider, with the outbox message's id as reference and idempotency key (a provider that
/// honours it never sends a retried message twice).
public final class SMSChannel: OutboxChannel {
    /// The channel's name in the outbox.
    public static let name = "sms"
    /// The channel's name in the outbox.
    public var name: String { Self.name }

    private let provider: SMSProvider
    private let library: TemplateLibrary

    /// A channel sending through `provider`, with templates from `library`.
    public init(provider: SMSProvider, library: TemplateLibrary) {
        self.provider = provider
        self.library = library
    }

    /// The provider's timeout, and a margin for the template's lookup.
    public var maximumDeliveryTime: Duration { provider.configuration.timeout + .seconds(5) }

    /// The outbox message that sends `payload`.
    public static func message(_ payload: SMSPayload, id: UUID = .timeOrdered()) throws -> OutboxMessage {
        try OutboxMessage(channel: name, topic: payload.template, payload: payload, id: id)
    }

    public func deliver(_ envelope: OutboxEnvelope) async -> DeliveryResult {
        let payload: SMSPayload
        do {
            payload = try envelope.decodePayload(SMSPayload.self)
        } catch {
            return .rejected("unreadable SMS payload: \(error)")
        }
        guard let phone = PhoneNumber(payload.to) else { return .rejected("not a phone number") }
        let rendered: RenderedNotification
        switch await library.rendering(payload, for: envelope) {
        case .rendered(let text): rendered = text
        case .undeliverable(let result): return result
        }
        switch await provider.send(rendered.text, to: phone, reference: envelope.messageID) {
        case .accepted(let reference, let status):
            return .delivered(reference.map { "accepted as \($0)" } ?? "accepted", statusCode: status)
        case .failed(let detail, let status, let retryAfter):
            return .failed(detail, statusCode: status, retryAfter: retryAfter)
        case .refused(let detail, let status):
            return .rejected(detail, statusCode: status)
        }
    }
}
