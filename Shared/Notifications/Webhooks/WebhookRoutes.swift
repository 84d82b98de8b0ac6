import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetPlatform

/// Lets a tenant's administrators register the endpoints of other systems for a service's events,
/// under the service's path (`/v1/{tenant}/<service>/webhooks`):
///
/// | route | what |
/// |---|---|
/// | `GET …/webhooks/event-types` | the events the service emits |
/// | `POST …/webhooks/endpoints` | register `{url, event_types, description?}` → 201 with the signing `secret`, shown this once |
/// | `GET …/webhooks/endpoints`, `GET …/endpoints/{id}` | the endpoints (never their secrets) |
/// | `PATCH …/endpoints/{id}` | change `url`, `event_types`, `description`, or `disabled` |
/// | `DELETE …/endpoints/{id}` | remove it |
/// | `POST …/endpoints/{id}/rotate-secret` | a new secret; the old one keeps signing for `overlap_seconds` (default a day) |
/// | `GET …/endpoints/{id}/deliveries` | its deliveries, newest first, each with its attempts |
///
/// A URL must be `https://` (unless plain HTTP is allowed) and resolve to public addresses only,
/// unless the tenant may reach private networks (the SSRF guard, checked again at every delivery).
public struct WebhookRoutes: Sendable {
    /// Who manages webhooks: the tenant's administrators (the platform's see nothing inside a tenant).
    public static let administrators = AccessRule.tenantAdministrators
    /// The largest request body.
    public static let bodyLimit = 16 << 10

    private let store: WebhookStore
    private let outbox: OutboxStore
    private let catalog: WebhookEventCatalog
    private let policy: WebhookPolicy
    private let prefix: String

    /// Routes for the endpoints in `store`, subscribing to `catalog`'s events, under
    /// `/v1/:tenant/<service>/webhooks`.
    public init(store: WebhookStore, outbox: OutboxStore, catalog: WebhookEventCatalog, policy: WebhookPolicy, service: String) {
        self.store = store
        self.outbox = outbox
        self.catalog = catalog
        self.policy = policy
        self.prefix = "/v1/:tenant/\(service)/webhooks"
    }

    /// Registers the routes on `routes` (a group behind the context-token middleware).
    public func install(on routes: RouteGroup) {
        let read = RouteOptions(access: Self.administrators, bodyLimit: 0)
        let write = RouteOptions(access: Self.administrators, bodyLimit: Self.bodyLimit)
        routes.get("\(prefix)/event-types", options: read) { _, _ in
            try .json(WebhookViews.EventTypes(eventTypes: catalog.names.compactMap { catalog.types[$0] }.map {
                WebhookViews.EventType(name: $0.name, summary: $0.summary)
            }))
        }
        routes.post("\(prefix)/endpoints", options: write) { request, context in try await create(request, context) }
        routes.get("\(prefix)/endpoints", options: read) { _, context in
            let tenant = try context.requireTenant()
            return try .json(WebhookViews.EndpointList(endpoints: try await store.endpoints(tenant: tenant.id).map {
                WebhookViews.Endpoint($0, secret: nil, timeZone: tenant.zone)
            }))
        }
        routes.get("\(prefix)/endpoints/:id", options: read) { _, context in
            let tenant = try context.requireTenant()
            return try .json(WebhookViews.Endpoint(try await existing(context), secret: nil, timeZone: tenant.zone))
        }
        routes.patch("\(prefix)/endpoints/:id", options: write) { request, context in try await update(request, context) }
        routes.delete("\(prefix)/endpoints/:id", options: read) { _, context in
            let tenant = try context.requireTenant()
            guard let id = UUID(uuidString: try context.parameter("id")), try await store.delete(id, tenant: tenant.id) else {
                throw Problem(.notFound, language: context.language)
            }
            return .empty()
        }
        routes.post("\(prefix)/endpoints/:id/rotate-secret", options: write) { request, context in try await rotate(request, context) }
        routes.get("\(prefix)/endpoints/:id/deliveries", options: read) { request, context in try await deliveries(request, context) }
    }

    // MARK: Handlers

    func create(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let input = try context.decode(WebhookViews.Input.self, from: request)
        var errors: [FieldError] = []
        guard let url = input.url else { throw Problem.validation([.required("/url")], language: context.language) }
        guard let types = input.eventTypes else { throw Problem.validation([.required("/event_types")], language: context.language) }
        errors += try await check(url: url, tenant: tenant)
        errors += check(eventTypes: types)
        if let description = input.description ?? nil, description.count > 500 { errors.append(.tooLong("/description", maximum: 500)) }
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let secret = WebhookSecret.generate()
        let endpoint = try await store.create(url: url, eventTypes: types, description: input.description ?? nil, secret: secret, tenant: tenant.id)
        context.logger.info("webhook endpoint registered", ["endpoint_id": .string(endpoint.id.lowercaseString)])
        var response = try HTTPResponse.json(WebhookViews.Endpoint(endpoint, secret: secret.text, timeZone: tenant.zone), status: .created)
        response.headers.add("Location", "/v1/\(tenant.slug)/\(serviceSegment)/webhooks/endpoints/\(endpoint.id.lowercaseString)")
        return response
    }

    func update(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let current = try await existing(context)
        let input = try context.decode(WebhookViews.Input.self, from: request)
        var errors: [FieldError] = []
        if let url = input.url { errors += try await check(url: url, tenant: tenant) }
        if let types = input.eventTypes { errors += check(eventTypes: types) }
        if let description = input.description ?? nil, description.count > 500 { errors.append(.tooLong("/description", maximum: 500)) }
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        guard let updated = try await store.update(
            current.id, tenant: tenant.id, url: input.url, eventTypes: input.eventTypes, description: input.description,
            disabled: input.disabled, reason: input.disabled == true ? "disabled by \(context.principal.subject)" : nil)
        else { throw Problem(.notFound, language: context.language) }
        return try .json(WebhookViews.Endpoint(updated, secret: nil, timeZone: tenant.zone))
    }

    func rotate(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let current = try await existing(context)
        var overlap = policy.defaultOverlap
        if !request.body.isEmpty {
            let input = try context.decode(WebhookViews.Rotation.self, from: request)
            if let seconds = input.overlapSeconds {
                let maximum = Int(policy.maximumOverlap.components.seconds)
                guard (0...maximum).contains(seconds) else {
                    throw Problem.validation([.outOfRange("/overlap_seconds", minimum: 0, maximum: Double(maximum))], language: context.language)
                }
                overlap = .seconds(seconds)
            }
        }
        let secret = WebhookSecret.generate()
        guard let rotated = try await store.rotate(current.id, tenant: tenant.id, secret: secret, overlap: overlap) else {
            throw Problem(.notFound, language: context.language)
        }
        context.logger.info("webhook secret rotated", ["endpoint_id": .string(current.id.lowercaseString)])
        return try .json(WebhookViews.Endpoint(rotated, secret: secret.text, timeZone: tenant.zone))
    }

    func deliveries(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let endpoint = try await existing(context)
        var before: UUID?
        var limit = 20
        var errors: [FieldError] = []
        if let text = request.query["before"] {
            before = UUID(uuidString: text)
            if before == nil { errors.append(.invalidFormat("/before")) }
        }
        if let text = request.query["limit"] {
            if let value = Int(text), (1...100).contains(value) { limit = value } else { errors.append(.outOfRange("/limit", minimum: 1, maximum: 100)) }
        }
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let messages = try await outbox.messages(tenant: tenant.id, target: endpoint.id.lowercaseString, before: before, limit: limit)
        var views: [WebhookViews.Delivery] = []
        for message in messages {
            let attempts = try await outbox.attempts(of: message.id, tenant: tenant.id)
            views.append(WebhookViews.Delivery(message, attempts: attempts, timeZone: tenant.zone))
        }
        return try .json(WebhookViews.DeliveryList(deliveries: views, nextBefore: messages.count == limit ? messages.last?.id.lowercaseString : nil))
    }

    // MARK: Checks

    private var serviceSegment: String {
        String(prefix.split(separator: "/")[2])
    }

    /// The endpoint named in the path; 404 when the tenant has none of that id.
    private func existing(_ context: RequestContext) async throws -> WebhookEndpoint {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("id")), let endpoint = try await store.endpoint(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return endpoint
    }

    /// The URL's form, scheme, and addresses (resolved off the loops).
    private func check(url text: String, tenant: TenantReference) async throws -> [FieldError] {
        guard let url = OutboundURL(text) else { return [.invalidFormat("/url", format: LocalizedText(fr: "URL http(s)", ar: "رابط http(s)", en: "http(s) URL"))] }
        guard url.isSecure || policy.allowsPlainHTTP else { return [.webhookNeedsHTTPS("/url")] }
        let addressPolicy = policy.privateNetworks.policy(tenant: tenant.id, slug: tenant.slug)
        let resolved = await BlockingWork.run { () -> [SocketAddress] in
            (try? SocketAddress.resolve(url.host, port: url.port)) ?? []
        }
        guard !resolved.isEmpty else { return [.webhookUnresolvable("/url")] }
        guard resolved.contains(where: addressPolicy.allows) else { return [.webhookAddressNotAllowed("/url")] }
        return []
    }

    private func check(eventTypes: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if eventTypes.isEmpty { errors.append(.tooFewItems("/event_types", minimum: 1)) }
        if eventTypes.count > 100 { errors.append(.tooManyItems("/event_types", maximum: 100)) }
        var seen: Set<String> = []
        for (index, type) in eventTypes.enumerated() {
            if !catalog.contains(type) { errors.append(.unknownValue("/event_types/\(index)", allowed: catalog.names)) }
            if !seen.insert(type).inserted { errors.append(.duplicateValue("/event_types/\(index)")) }
        }
        return errors
    }
}

extension TenantReference {
    /// The tenant's time zone (Casablanca's when unknown).
    var zone: TimeZone { TimeZone.named(timeZone) ?? .casablanca }
}
