import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

/// Notifications assembled for one service: its outbox and the channels configured for this
/// process (email, SMS, webhooks), its templates and webhook events, the administrators' routes,
/// and the OpenAPI description of all that. A service builds it in `makeParts`, records messages
/// with it in the transactions of its changes, and hands ``delivery`` to the kit.
///
/// ```swift
/// let notifications = try ServiceNotifications(
///     service: "complaints", outbox: Outbox(schema: "complaints"), templates: catalog, events: events, runtime: runtime)
/// queries.append(try notifications.recording(email: payload, tenant: tenant.id))
/// queries.append(try notifications.recording(event: event, tenant: tenant))
/// return ServiceParts(installRoutes: { … notifications.install(on: group) … },
///                     openAPIDocument: notifications.document(completing: own), outbox: notifications.delivery)
/// ```
public final class ServiceNotifications: Sendable {
    /// The settings read from the environment.
    public let configuration: NotificationsConfiguration
    /// The service's outbox.
    public let outbox: Outbox
    /// Its templates, with the tenants' wordings.
    public let templates: TemplateLibrary
    /// Its webhook endpoints.
    public let webhooks: WebhookStore
    /// The events it sends.
    public let events: WebhookEventCatalog
    /// What the kit's dispatcher delivers, through which channels.
    public let delivery: OutboxDelivery
    private let service: String
    private let outboxStore: OutboxStore
    private let client: HTTPClient

    /// Notifications for `service` (its path segment) with its `outbox`, `templates` and `events`,
    /// configured from `runtime`'s environment (or `configuration` when given).
    public init(
        service: String, outbox: Outbox, templates: TemplateCatalog, events: WebhookEventCatalog, runtime: ServiceRuntime,
        configuration: NotificationsConfiguration? = nil
    ) throws {
        let configuration = try configuration ?? NotificationsConfiguration.read(from: runtime.environment)
        self.configuration = configuration
        self.service = service
        self.outbox = outbox
        self.events = events
        outboxStore = OutboxStore(database: runtime.database, outbox: outbox)
        self.templates = TemplateLibrary(catalog: templates, store: TemplateStore(database: runtime.database, schema: outbox.schema))
        webhooks = WebhookStore(database: runtime.database, outbox: outbox)
        client = HTTPClient(group: runtime.group)
        var channels: [any OutboxChannel] = [try WebhookChannel(store: webhooks, policy: configuration.webhooks)]
        if let smtp = configuration.smtp {
            channels.append(EmailChannel(
                client: try SMTPClient(configuration: smtp), library: self.templates, sender: configuration.sender,
                replyTo: configuration.replyTo))
        }
        if let sms = configuration.sms {
            channels.append(SMSChannel(provider: try SMSProvider(configuration: sms, client: client), library: self.templates))
        }
        delivery = OutboxDelivery(outbox: outbox, channels: channels, configuration: configuration.outbox)
    }

    /// The channels this process delivers through.
    public var channelNames: [String] { delivery.channels.map(\.name).sorted() }

    /// The statement recording an email (add it to the transaction of the change it tells about).
    public func recording(email payload: EmailPayload, tenant: UUID, id: UUID = .timeOrdered()) throws -> PostgresQuery {
        outbox.recording(try EmailChannel.message(payload, id: id), tenant: tenant)
    }

    /// The statement recording an SMS.
    public func recording(sms payload: SMSPayload, tenant: UUID, id: UUID = .timeOrdered()) throws -> PostgresQuery {
        outbox.recording(try SMSChannel.message(payload, id: id), tenant: tenant)
    }

    /// The statement fanning `event` out to the tenant's subscribed endpoints.
    public func recording(event: WebhookEvent, tenant: TenantReference) -> PostgresQuery {
        webhooks.recording(event, tenant: tenant)
    }

    /// Registers the outbox, template and webhook routes on `routes` (a group behind the
    /// context-token middleware).
    public func install(on routes: RouteGroup) {
        OutboxRoutes(store: outboxStore, service: service).install(on: routes)
        TemplateRoutes(library: templates, service: service).install(on: routes)
        WebhookRoutes(store: webhooks, outbox: outboxStore, catalog: events, policy: configuration.webhooks, service: service)
            .install(on: routes)
    }

    /// `document` (the service's own) with the outbox, template and webhook routes and the
    /// `webhooks` section added.
    public func document(completing document: JSONValue) -> JSONValue {
        OpenAPIMerger.merge(document, with: [OutboxRoutes.document(service: service), NotificationsDocument.fragment(service: service, events: events)])
    }

    /// Closes the idle connections of the SMS provider's HTTP client.
    public func shutdown() async {
        await client.shutdown()
    }
}
