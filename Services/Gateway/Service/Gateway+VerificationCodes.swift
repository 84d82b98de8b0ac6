import GuichetCore
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
        var settings = try NotificationsConfiguration.read(from: runtime.environment)
        settings.outbox.retry = verificationRetry(settings.outbox.retry, environment: runtime.environment)
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

    /// How the gateway retries its deliveries: a code is worth nothing once expired, so unless
    /// `GUICHET_OUTBOX_MAX_ATTEMPTS`, `GUICHET_OUTBOX_RETRY_INITIAL_MS` or `GUICHET_OUTBOX_RETRY_MAX_MS`
    /// say otherwise (each wins on its own), 8 attempts, 5 s doubling up to 2 min: at most about
    /// 7 minutes of waiting between attempts, well inside the code's 15. Then the message is a
    /// dead letter, and the citizen signs up again for a new code.
    static func verificationRetry(_ configured: RetryPolicy, environment: Environment) -> RetryPolicy {
        RetryPolicy(
            maximumAttempts: environment.raw("GUICHET_OUTBOX_MAX_ATTEMPTS") == nil ? 8 : configured.maximumAttempts,
            initialDelay: environment.raw("GUICHET_OUTBOX_RETRY_INITIAL_MS") == nil ? .seconds(5) : configured.initialDelay,
            maximumDelay: environment.raw("GUICHET_OUTBOX_RETRY_MAX_MS") == nil ? .seconds(120) : configured.maximumDelay)
    }
}
