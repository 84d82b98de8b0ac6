import FoundationEssentials
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetPostgres

/// Verification messages through the gateway's notification outbox (`GUICHET_VERIFICATION_CODES=outbox`,
/// the default when SMTP or an SMS provider is configured): each is recorded in the transaction
/// that stores the code, as an email to an email address or an SMS to a phone number, in the
/// citizen's language, from a template of ``CitizenNotifications``; the kit's dispatcher delivers
/// it once committed, with retries.
///
/// Citizens belong to no tenant: the messages are the platform's own, recorded under the nil
/// tenant (whose partition of the outbox the gateway's `after-kit` migration makes). The code
/// travels in the message's payload, never in a log line; the row is purged with the other
/// delivered messages (`GUICHET_OUTBOX_RETENTION_MS`), long after the code expired.
struct OutboxVerificationCodes: VerificationCodeSender {
    /// The tenant of the platform's own messages.
    static let tenant = AuditEvent.platformTenant

    private let notifications: ServiceNotifications
    private let media: Set<TemplateDefinition.Medium>

    /// Messages recorded through `notifications`, by the media it has a channel for.
    init(notifications: ServiceNotifications) {
        self.notifications = notifications
        var media: Set<TemplateDefinition.Medium> = []
        if notifications.configuration.smtp != nil { media.insert(.email) }
        if notifications.configuration.sms != nil { media.insert(.sms) }
        self.media = media
    }

    /// Why a message could not be recorded (the identifier passed the sign-up's checks, so this
    /// is a programming error surfacing as a 500).
    struct UnreachableDestination: Error, CustomStringConvertible {
        let description: String
    }

    /// Email addresses when SMTP is configured, phone numbers when an SMS provider is.
    func canSend(to destination: VerificationMessage.Destination) -> Bool {
        media.contains(Self.medium(of: destination))
    }

    /// The outbox insertion of `message`.
    func recording(_ message: VerificationMessage) throws -> [PostgresQuery] {
        let template = CitizenNotifications.template(for: message.purpose, by: Self.medium(of: message.destination))
        var variables: [String: String] = [:]
        if let code = message.code {
            variables["code"] = code
            variables["minutes"] = String(CitizenStore.codeLifetime.components.seconds / 60)
        }
        switch message.destination {
        case .email(let text):
            guard let address = EmailAddress(text) else { throw UnreachableDestination(description: "not an email address") }
            let payload = EmailPayload(to: address, language: message.language, template: template.name, variables: variables)
            return [try notifications.recording(email: payload, tenant: Self.tenant)]
        case .phone(let text):
            guard let number = PhoneNumber(text) else { throw UnreachableDestination(description: "not a phone number") }
            let payload = SMSPayload(to: number, language: message.language, template: template.name, variables: variables)
            return [try notifications.recording(sms: payload, tenant: Self.tenant)]
        }
    }

    private static func medium(of destination: VerificationMessage.Destination) -> TemplateDefinition.Medium {
        switch destination {
        case .email: .email
        case .phone: .sms
        }
    }
}
