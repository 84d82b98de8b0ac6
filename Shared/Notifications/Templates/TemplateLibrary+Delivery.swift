import FoundationEssentials
import GuichetCore
import GuichetPlatform

/// What a channel renders from a template: an email's or an SMS's payload.
public protocol TemplatedPayload: Sendable {
    /// The language to write in.
    var language: Language { get }
    /// The template's name.
    var template: String { get }
    /// The values of the template's variables.
    var variables: [String: String] { get }
}

extension EmailPayload: TemplatedPayload {}
extension SMSPayload: TemplatedPayload {}

extension TemplateLibrary {
    /// What rendering a message's template for its delivery gives.
    enum DeliveryRendering {
        /// The text to send.
        case rendered(RenderedNotification)
        /// The delivery's outcome without sending: refused for an unknown or broken template,
        /// failed (retried) when the tenant's wording could not be read.
        case undeliverable(DeliveryResult)
    }

    /// `payload`'s template rendered in the tenant of `envelope`, the one way every channel does it.
    func rendering(_ payload: some TemplatedPayload, for envelope: OutboxEnvelope) async -> DeliveryRendering {
        do {
            return .rendered(try await render(payload.template, language: payload.language, tenant: envelope.tenant, values: payload.variables))
        } catch let failure as Failure {
            return .undeliverable(.rejected(failure.description))
        } catch {
            return .undeliverable(.failed("template lookup failed: \(error)"))
        }
    }
}
