import GuichetNotifications
import GuichetPlatform

extension Gateway {
    /// The sender of citizens' verification messages that `configured` (`GUICHET_VERIFICATION_CODES`,
    /// nil when unset) and the notification settings of `runtime`'s environment call for, by the
    /// rule of ``GatewayConfiguration/VerificationCodeDelivery``, and — for `outbox` — the
    /// notifications whose delivery the kit runs. No sender: sign-up is closed.
    static func verificationDelivery(
        _ runtime: ServiceRuntime, configured: GatewayConfiguration.VerificationCodeDelivery?
    ) throws -> (sender: (any VerificationCodeSender)?, notifications: ServiceNotifications?) {
        let settings = try NotificationsConfiguration.read(from: runtime.environment)
        switch GatewayConfiguration.VerificationCodeDelivery.inForce(
            configured: configured, email: settings.smtp != nil, sms: settings.sms != nil)
        {
        case nil:
            throw ConfigurationProblems(problems: [
                "GUICHET_VERIFICATION_CODES=outbox needs GUICHET_SMTP_HOST or GUICHET_SMS_URL (or set it to off)"
            ])
        case .off?:
            runtime.logger.info("citizens' sign-up is closed: no channel delivers verification codes")
            return (nil, nil)
        case .log?:
            runtime.logger.warning("development mode: citizens' verification codes are written to the log, not sent")
            return (LoggedVerificationCodes(logger: runtime.logger.with("component", "verification")), nil)
        case .outbox?:
            let notifications = try ServiceNotifications(
                service: "gateway", outbox: Outbox(trustedSchema: schema), templates: CitizenNotifications.templates,
                events: WebhookEventCatalog([]), runtime: runtime, configuration: settings)
            return (OutboxVerificationCodes(notifications: notifications), notifications)
        }
    }
}
