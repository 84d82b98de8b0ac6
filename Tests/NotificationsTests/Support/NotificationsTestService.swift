import Foundation
import GuichetCore
import GuichetHTTP
import GuichetNotifications
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport

/// A service defined in the tests, schema `notiftest`, with the kit's tables (outbox, templates,
/// webhook endpoints) and the notification routes installed under `/v1/{tenant}/notiftest/…`.
/// It runs no dispatcher: tests deliver through the channels themselves, so that no two tests
/// claim each other's messages.
enum NotificationsTestService {
    static let migrations = """
        CREATE SCHEMA notiftest;
        GRANT USAGE ON SCHEMA notiftest TO guichet_app;
        """

    static let migrationsDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-notiftest-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? migrations.write(to: directory.appendingPathComponent("0001_schema.sql"), atomically: true, encoding: .utf8)
        return directory
    }()

    static let outbox = Outbox(schema: "notiftest")

    /// An email notice with required and optional variables, and an SMS.
    static let notice = TemplateDefinition(
        name: "test.notice", medium: .email, requiredVariables: ["code"], optionalVariables: ["name"],
        defaults: [
            .fr: NotificationTemplate(subject: "Avis {{code}}", text: "Bonjour {{name}}, votre code : {{code}}"),
            .ar: NotificationTemplate(subject: "إشعار {{code}}", text: "مرحبا {{name}}، رمزكم: {{code}}", html: "<p>رمزكم: <b>{{code}}</b></p>"),
            .en: NotificationTemplate(subject: "Notice {{code}}", text: "Hello {{name}}, your code: {{code}}"),
        ])
    static let reminder = TemplateDefinition(
        name: "test.reminder", medium: .sms, requiredVariables: ["code"],
        defaults: [
            .fr: NotificationTemplate(text: "Rappel : {{code}}"), .ar: NotificationTemplate(text: "تذكير: {{code}}"),
            .en: NotificationTemplate(text: "Reminder: {{code}}"),
        ])
    static let templates = TemplateCatalog([notice, reminder])

    static let happened = WebhookEventType(
        name: "test.happened", summary: "Something happened.", dataSchema: ["type": "object"], example: ["n": 1])
    static let other = WebhookEventType(
        name: "test.other_thing", summary: "Something else.", dataSchema: ["type": "object"], example: [:])
    /// Used by the fan-out test alone (other tests' endpoints in the shared private tenant never
    /// subscribe to it).
    static let fannedOut = WebhookEventType(
        name: "test.fanned_out", summary: "Fanned out.", dataSchema: ["type": "object"], example: [:])
    static let events = WebhookEventCatalog([happened, other, fannedOut])

    /// Tenants whose endpoints may be on loopback (by slug); the rest are public-only.
    static let privateTenants = PrivateTenants()

    static func configuration() -> NotificationsConfiguration {
        var webhooks = WebhookPolicy(privateNetworks: .tenants(privateTenants.slugs), allowsPlainHTTP: true)
        webhooks.http.timeout = .seconds(2)
        return NotificationsConfiguration(webhooks: webhooks)
    }

    static let definition = ServiceDefinition(
        name: "notiftest", defaultPort: 0, schema: "notiftest", migrationsDirectory: migrationsDirectory, usesKitTables: true
    ) { runtime in
        let notifications = try ServiceNotifications(
            service: "notiftest", outbox: outbox, templates: templates, events: events, runtime: runtime,
            configuration: configuration())
        let document = try ServiceDocument.completing(Array(#"{"openapi":"3.1.0","info":{"title":"notiftest","version":"1"},"paths":{}}"#.utf8))
        return ServiceParts(
            installRoutes: { routes in notifications.install(on: routes.group(runtime.requireContextToken)) },
            openAPIDocument: notifications.document(completing: document),
            onShutdown: { await notifications.shutdown() })
    }

    /// The service, started once for the whole test process.
    static let shared = Task { () throws -> RunningService in
        let service = try await RunningService.start(definition, configuration: TestDatabase.configuration())
        try await TestContextTokens.publish(in: service.runtime.database)
        return service
    }

    /// A tenant of the test database.
    static func tenant() async throws -> (Tenant, RunningService) {
        let service = try await shared.value
        return (try await TestDatabase.makeTenant(in: service.runtime.database), service)
    }

    /// The one tenant allowed to reach private networks (made once per process).
    static let privateTenant = Task { () throws -> Tenant in
        let service = try await shared.value
        return try await TenantDirectory(database: service.runtime.database).create(
            slug: privateTenants.slug, name: LocalizedText(fr: "Privé", ar: "خاص", en: "Private"), timeZone: "Africa/Casablanca")
    }

    /// An administrator's context token for `tenant`.
    static func administrator(_ tenant: Tenant) throws -> String {
        try TestContextTokens.token(for: TestContextTokens.tenantAdministrator(of: tenant.id), in: tenant.reference)
    }

    /// Sends a request straight to the service with a context token.
    static func send(
        _ method: String, _ path: String, token: String?, json: String? = nil, port: UInt16
    ) async throws -> RawResponse {
        let connection = try RawConnection(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: x\r\n"
        if let token { head += "X-Guichet-Context: \(token)\r\n" }
        if let json {
            head += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n"
        } else if method != "GET" {
            head += "Content-Length: 0\r\n"
        }
        try connection.send(head + "\r\n" + (json ?? ""))
        guard let response = await connection.readResponse() else { throw TestServiceError("no answer to \(method) \(path)") }
        return response
    }

    static func json(_ response: RawResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }
}

/// The slugs of tenants allowed to reach private networks in the test service, fixed before it
/// starts (the test service's policy is read at start).
final class PrivateTenants: Sendable {
    /// One slug made for the process; tests that need the allowance make their tenant with it.
    let slug = "priv-\(UUID().uuidString.prefix(8).lowercased())"
    var slugs: Set<String> { [slug] }
}

struct TestServiceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
