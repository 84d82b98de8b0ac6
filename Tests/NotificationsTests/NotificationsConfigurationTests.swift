import GuichetCore
@testable import GuichetNotifications
import Testing

@Suite("Notification settings from the environment")
struct NotificationsConfigurationTests {
    @Test("by default: no mail server, no SMS provider, public https webhooks only, the outbox's defaults")
    func defaults() throws {
        let configuration = try NotificationsConfiguration.read(from: Environment([:]))
        #expect(configuration.smtp == nil && configuration.sms == nil)
        #expect(configuration.sender.address.value == "noreply@guichet.localhost")
        #expect(configuration.webhooks.privateNetworks == .none && !configuration.webhooks.allowsPlainHTTP)
        #expect(configuration.outbox.lease == .seconds(120) && configuration.outbox.retry.maximumAttempts == 12)
    }

    @Test("every variable is read")
    func everything() throws {
        let configuration = try NotificationsConfiguration.read(from: Environment([
            "GUICHET_SMTP_HOST": "smtp.example.ma", "GUICHET_SMTP_PORT": "465", "GUICHET_SMTP_SECURITY": "tls",
            "GUICHET_SMTP_VERIFY_CERTIFICATE": "false", "GUICHET_SMTP_CA_FILE": "/etc/ca.pem", "GUICHET_SMTP_USERNAME": "u",
            "GUICHET_SMTP_PASSWORD": "p", "GUICHET_SMTP_EHLO_NAME": "guichet.example.ma", "GUICHET_SMTP_TIMEOUT_MS": "20s",
            "GUICHET_MAIL_FROM": "ne-pas-repondre@menfp.ma", "GUICHET_MAIL_FROM_NAME": "Ministère", "GUICHET_MAIL_REPLY_TO": "contact@menfp.ma",
            "GUICHET_SMS_URL": "https://sms.example.ma/v1/messages", "GUICHET_SMS_TOKEN": "t", "GUICHET_SMS_SENDER": "MENFP",
            "GUICHET_SMS_MAX_SEGMENTS": "2", "GUICHET_SMS_TIMEOUT_MS": "3000",
            "GUICHET_WEBHOOK_PRIVATE_NETWORKS": "menfp", "GUICHET_WEBHOOK_ALLOW_HTTP": "true", "GUICHET_WEBHOOK_TIMEOUT_MS": "5s",
            "GUICHET_OUTBOX_POLL_MS": "250", "GUICHET_OUTBOX_LEASE_MS": "5m", "GUICHET_OUTBOX_MAX_ATTEMPTS": "3",
        ]))
        let smtp = try #require(configuration.smtp)
        #expect(smtp.host == "smtp.example.ma" && smtp.port == 465 && smtp.security == .tls && !smtp.verifyCertificate)
        #expect(smtp.trustedCertificatesFile == "/etc/ca.pem" && smtp.credentials?.username == "u" && smtp.credentials?.password.value == "p")
        #expect(smtp.totalTimeout == .seconds(20) && smtp.commandTimeout == .seconds(20) && smtp.localName == "guichet.example.ma")
        #expect(configuration.sender == Mailbox(EmailAddress("ne-pas-repondre@menfp.ma")!, name: "Ministère"))
        #expect(configuration.replyTo?.address.value == "contact@menfp.ma")
        let sms = try #require(configuration.sms)
        #expect(sms.url.isSecure && sms.url.target == "/v1/messages" && sms.sender == "MENFP" && sms.maximumSegments == 2)
        #expect(sms.token?.value == "t" && sms.timeout == .seconds(3))
        #expect(configuration.webhooks.privateNetworks == .tenants(["menfp"]) && configuration.webhooks.allowsPlainHTTP)
        #expect(configuration.webhooks.http.timeout == .seconds(5))
        #expect(configuration.outbox.pollInterval == .milliseconds(250) && configuration.outbox.lease == .seconds(300))
        #expect(configuration.outbox.retry.maximumAttempts == 3)
    }

    @Test("malformed variables are all reported")
    func errors() {
        #expect(throws: Environment.Errors.self) {
            _ = try NotificationsConfiguration.read(from: Environment([
                "GUICHET_SMTP_HOST": "h", "GUICHET_SMTP_PORT": "99999", "GUICHET_SMTP_SECURITY": "maybe", "GUICHET_SMTP_USERNAME": "u",
            ]))
        }
        #expect(throws: NotificationsConfiguration.InvalidVariable.self) {
            _ = try NotificationsConfiguration.read(from: Environment(["GUICHET_MAIL_FROM": "not an address"]))
        }
        #expect(throws: Environment.Errors.self) {
            _ = try NotificationsConfiguration.read(from: Environment(["GUICHET_SMS_URL": "ftp://x"]))
        }
    }
}
