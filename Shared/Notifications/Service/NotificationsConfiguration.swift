import GuichetCore
import GuichetPlatform

/// Every notification setting a service reads from its environment (the README lists them with
/// their defaults). A channel whose server is not configured is off: its messages wait in the
/// outbox for a process that has it.
public struct NotificationsConfiguration: Sendable {
    /// The mail server (`GUICHET_SMTP_*`); nil when `GUICHET_SMTP_HOST` is unset.
    public var smtp: SMTPClient.Configuration?
    /// The sender of emails (`GUICHET_MAIL_FROM`, `GUICHET_MAIL_FROM_NAME`).
    public var sender: Mailbox
    /// Where answers to emails go (`GUICHET_MAIL_REPLY_TO`), if not to the sender.
    public var replyTo: Mailbox?
    /// The SMS provider (`GUICHET_SMS_*`); nil when `GUICHET_SMS_URL` is unset.
    public var sms: SMSProvider.Configuration?
    /// What webhook endpoints may be and how deliveries go (`GUICHET_WEBHOOK_*`).
    public var webhooks: WebhookPolicy
    /// The outbox dispatcher (`GUICHET_OUTBOX_*`).
    public var outbox: OutboxDispatcher.Configuration

    /// The sender used when `GUICHET_MAIL_FROM` is unset.
    public static let defaultSender = Mailbox(EmailAddress("noreply@guichet.localhost")!, name: "Guichet")

    /// A configuration from its parts: by default no mail server, no SMS provider, public https
    /// webhooks only.
    public init(
        smtp: SMTPClient.Configuration? = nil, sender: Mailbox = defaultSender, replyTo: Mailbox? = nil,
        sms: SMSProvider.Configuration? = nil, webhooks: WebhookPolicy = WebhookPolicy(),
        outbox: OutboxDispatcher.Configuration = .init()
    ) {
        self.smtp = smtp
        self.sender = sender
        self.replyTo = replyTo
        self.sms = sms
        self.webhooks = webhooks
        self.outbox = outbox
    }

    /// A variable that is not what it should be.
    public struct InvalidVariable: Error, Sendable, Hashable, CustomStringConvertible {
        /// The variable.
        public let variable: String
        /// What it should hold.
        public let expected: String

        public var description: String { "\(variable): expected \(expected)" }
    }

    /// Reads the variables; throws `Environment.Errors` listing every malformed one, or
    /// ``InvalidVariable`` for an address that is not one.
    public static func read(from environment: Environment) throws -> NotificationsConfiguration {
        var environment = environment
        var configuration = NotificationsConfiguration()
        if let host = environment.raw("GUICHET_SMTP_HOST") {
            var smtp = SMTPClient.Configuration(host: host)
            smtp.port = UInt16(environment.int("GUICHET_SMTP_PORT", default: 587, range: 1...65_535))
            smtp.security = environment.value("GUICHET_SMTP_SECURITY", default: SMTPClient.Security.starttls)
            smtp.verifyCertificate = environment.bool("GUICHET_SMTP_VERIFY_CERTIFICATE", default: true)
            smtp.trustedCertificatesFile = environment.raw("GUICHET_SMTP_CA_FILE")
            if let username = environment.raw("GUICHET_SMTP_USERNAME") {
                smtp.credentials = .init(username: username, password: Secret(environment.requiredString("GUICHET_SMTP_PASSWORD")))
            }
            smtp.localName = environment.string("GUICHET_SMTP_EHLO_NAME", default: "localhost")
            smtp.totalTimeout = environment.duration("GUICHET_SMTP_TIMEOUT_MS", default: .seconds(60))
            smtp.commandTimeout = min(smtp.commandTimeout, smtp.totalTimeout)
            smtp.connectTimeout = min(smtp.connectTimeout, smtp.totalTimeout)
            configuration.smtp = smtp
        }
        configuration.sender = try mailbox(
            environment, "GUICHET_MAIL_FROM", name: environment.string("GUICHET_MAIL_FROM_NAME", default: "Guichet"))
            ?? defaultSender
        configuration.replyTo = try mailbox(environment, "GUICHET_MAIL_REPLY_TO", name: nil)
        if environment.raw("GUICHET_SMS_URL") != nil {
            let text = environment.url("GUICHET_SMS_URL", default: "")
            if let url = OutboundURL(text) {
                let token = environment.raw("GUICHET_SMS_TOKEN").map(Secret.init)
                let basic = environment.raw("GUICHET_SMS_USERNAME").map { username in
                    (username: username, password: Secret(environment.requiredString("GUICHET_SMS_PASSWORD")))
                }
                configuration.sms = SMSProvider.Configuration(
                    url: url, sender: environment.string("GUICHET_SMS_SENDER", default: "GUICHET"), token: token, basic: basic,
                    maximumSegments: environment.int("GUICHET_SMS_MAX_SEGMENTS", default: 4, range: 1...10),
                    timeout: environment.duration("GUICHET_SMS_TIMEOUT_MS", default: .seconds(10)),
                    verifyCertificate: environment.bool("GUICHET_SMS_VERIFY_CERTIFICATE", default: true))
            }
        }
        var webhooks = WebhookPolicy(
            privateNetworks: .init(parsing: environment.string("GUICHET_WEBHOOK_PRIVATE_NETWORKS", default: "none")),
            allowsPlainHTTP: environment.bool("GUICHET_WEBHOOK_ALLOW_HTTP", default: false))
        webhooks.http.timeout = environment.duration("GUICHET_WEBHOOK_TIMEOUT_MS", default: .seconds(15))
        webhooks.http.connectTimeout = min(webhooks.http.connectTimeout, webhooks.http.timeout)
        webhooks.http.verifyCertificate = environment.bool("GUICHET_WEBHOOK_VERIFY_CERTIFICATE", default: true)
        configuration.webhooks = webhooks
        configuration.outbox = OutboxDispatcher.Configuration.read(from: &environment)
        try environment.validate()
        return configuration
    }

    /// The mailbox in `variable`, if set.
    private static func mailbox(_ environment: Environment, _ variable: String, name: String?) throws(InvalidVariable) -> Mailbox? {
        guard let text = environment.raw(variable) else { return nil }
        guard let address = EmailAddress(text.trimmingWhitespace()) else {
            throw InvalidVariable(variable: variable, expected: "an email address (local@domain)")
        }
        return Mailbox(address, name: name)
    }
}
