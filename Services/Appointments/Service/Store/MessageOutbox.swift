import FoundationEssentials
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetPostgres

/// Where the service records what must be sent (``AppointmentMessage``) and told (webhook events):
/// statements for the kit's outbox (`appointments.outbox_messages`), to add to the transaction of
/// the change that causes them, so a message exists exactly when its change committed. The kit's
/// dispatcher delivers them — emails and SMS rendered from ``AppointmentTemplates`` in the person's
/// language, reminders not before their instant — and a move, a cancellation or a no-show withdraws
/// the reminders still waiting.
struct MessageOutbox: Sendable {
    /// The service's outbox.
    static let outbox = Outbox(schema: "appointments")

    private let webhooks: WebhookStore

    /// The outbox, with the tenants' webhook endpoints read from `database`.
    init(database: PostgresPool) {
        webhooks = WebhookStore(database: database, outbox: Self.outbox)
    }

    /// A destination that is not a valid phone number or address (the service validated it: never).
    struct InvalidDestination: Error, CustomStringConvertible {
        let channel: AppointmentMessage.Channel
        var description: String { "an appointment message's \(channel.rawValue) destination is invalid" }
    }

    /// The statements that record `messages`, each an email or an SMS with its template, its
    /// variables and its instant.
    func recording(_ messages: [AppointmentMessage], tenant: UUID) throws -> [PostgresQuery] {
        try messages.map { message in
            let template = AppointmentTemplates.name(message.kind, channel: message.channel)
            let outboxMessage: OutboxMessage
            switch message.channel {
            case .email:
                guard let address = EmailAddress(message.destination) else { throw InvalidDestination(channel: .email) }
                outboxMessage = try EmailChannel.message(
                    EmailPayload(
                        to: address, name: message.variables["name"], language: message.language, template: template,
                        variables: message.variables),
                    id: message.id)
            case .sms:
                guard let phone = PhoneNumber(message.destination) else { throw InvalidDestination(channel: .sms) }
                outboxMessage = try SMSChannel.message(
                    SMSPayload(to: phone, language: message.language, template: template, variables: message.variables), id: message.id)
            }
            var timed = outboxMessage
            timed.notBefore = message.deliverAfter
            return Self.outbox.recording(timed, tenant: tenant)
        }
    }

    /// The statement that withdraws the reminders still waiting of `booking` as it was at
    /// `sequence` (its ``ReminderIdentity`` ids): never one delivered already.
    func cancellingReminders(of booking: UUID, sequence: Int, tenant: UUID) -> PostgresQuery {
        Self.outbox.cancelling(ids: ReminderIdentity.all(booking: booking, sequence: sequence), tenant: tenant)
    }

    /// The statement that sends `event` about `booking` to the tenant's endpoints subscribed to it.
    func recording(
        _ event: WebhookEventType, _ data: AppointmentEvents.BookingData, tenant: TenantReference, at instant: Date
    ) throws -> PostgresQuery {
        webhooks.recording(try WebhookEvent(type: event, tenant: tenant, data: data, timestamp: instant), tenant: tenant)
    }
}
