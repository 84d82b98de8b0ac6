import Foundation
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Webhook routes: administrators register, change, rotate and remove endpoints")
struct WebhookRoutesTests {
    @Test("register, list without secrets, change, rotate with an overlap, remove")
    func lifecycle() async throws {
        let tenant = try await NotificationsTestService.privateTenant.value
        let service = try await NotificationsTestService.shared.value
        let port = service.address.port
        let admin = try NotificationsTestService.administrator(tenant)
        let base = "/v1/\(tenant.slug)/notiftest/webhooks"

        let types = NotificationsTestService.json(try await NotificationsTestService.send("GET", "\(base)/event-types", token: admin, port: port))
        #expect((types["event_types"] as? [[String: Any]])?.map { $0["name"] as? String } == ["test.fanned_out", "test.happened", "test.other_thing"])

        let created = try await NotificationsTestService.send(
            "POST", "\(base)/endpoints", token: admin,
            json: #"{"url":"http://127.0.0.1:9/hook","event_types":["test.happened"],"description":"CRM"}"#, port: port)
        #expect(created.status == 201, "\(created.text)")
        let endpoint = NotificationsTestService.json(created)
        let id = try #require(endpoint["id"] as? String)
        let secret = try #require(endpoint["secret"] as? String)
        #expect(WebhookSecret(secret) != nil)
        #expect(created.header("location") == "/v1/\(tenant.slug)/notiftest/webhooks/endpoints/\(id)")

        let listed = try await NotificationsTestService.send("GET", "\(base)/endpoints", token: admin, port: port)
        #expect(listed.text.contains(id) && !listed.text.contains(secret) && !listed.text.contains("whsec_"))
        let shown = NotificationsTestService.json(try await NotificationsTestService.send("GET", "\(base)/endpoints/\(id)", token: admin, port: port))
        #expect(shown["secret"] == nil && shown["description"] as? String == "CRM")

        let changed = try await NotificationsTestService.send(
            "PATCH", "\(base)/endpoints/\(id)", token: admin,
            json: #"{"event_types":["test.happened","test.other_thing"],"description":null,"disabled":true}"#, port: port)
        #expect(changed.status == 200, "\(changed.text)")
        let after = NotificationsTestService.json(changed)
        #expect(after["event_types"] as? [String] == ["test.happened", "test.other_thing"])
        #expect(after["description"] == nil && after["disabled"] as? Bool == true)
        let resumed = NotificationsTestService.json(try await NotificationsTestService.send(
            "PATCH", "\(base)/endpoints/\(id)", token: admin, json: #"{"disabled":false}"#, port: port))
        #expect(resumed["disabled"] as? Bool == false && resumed["event_types"] as? [String] == ["test.happened", "test.other_thing"])

        let rotated = try await NotificationsTestService.send(
            "POST", "\(base)/endpoints/\(id)/rotate-secret", token: admin, json: #"{"overlap_seconds":600}"#, port: port)
        #expect(rotated.status == 200)
        let rotation = NotificationsTestService.json(rotated)
        let newSecret = try #require(rotation["secret"] as? String)
        #expect(newSecret != secret && rotation["previous_secret_expires_at"] != nil)
        let endpointID = try #require(UUID(uuidString: id))
        let found = try await WebhookStore(database: service.runtime.database, outbox: NotificationsTestService.outbox)
            .endpoint(endpointID, tenant: tenant.id)
        let stored = try #require(found)
        #expect(stored.signingSecrets(at: Date()).map(\.text) == [newSecret, secret])
        #expect(stored.signingSecrets(at: Date().addingTimeInterval(601)).map(\.text) == [newSecret])
        let immediate = NotificationsTestService.json(try await NotificationsTestService.send(
            "POST", "\(base)/endpoints/\(id)/rotate-secret", token: admin, json: #"{"overlap_seconds":0}"#, port: port))
        #expect(immediate["previous_secret_expires_at"] == nil)
        #expect(try await NotificationsTestService.send(
            "POST", "\(base)/endpoints/\(id)/rotate-secret", token: admin, json: #"{"overlap_seconds":99999999}"#, port: port).status == 422)
        #expect(try await NotificationsTestService.send("POST", "\(base)/endpoints/\(id)/rotate-secret", token: admin, port: port).status == 200)

        #expect(try await NotificationsTestService.send("DELETE", "\(base)/endpoints/\(id)", token: admin, port: port).status == 204)
        #expect(try await NotificationsTestService.send("GET", "\(base)/endpoints/\(id)", token: admin, port: port).status == 404)
        #expect(try await NotificationsTestService.send("DELETE", "\(base)/endpoints/\(id)", token: admin, port: port).status == 404)
    }

    @Test("bad registrations are refused: URL, event types, private addresses for tenants not allowed, unresolvable names")
    func validation() async throws {
        let (tenant, service) = try await NotificationsTestService.tenant()
        let port = service.address.port
        let admin = try NotificationsTestService.administrator(tenant)
        let base = "/v1/\(tenant.slug)/notiftest/webhooks/endpoints"
        func register(_ json: String) async throws -> RawResponse {
            try await NotificationsTestService.send("POST", base, token: admin, json: json, port: port)
        }
        for (json, code) in [
            (#"{"url":"ftp://example.ma/x","event_types":["test.happened"]}"#, "invalid_format"),
            (#"{"url":"https://user:pw@example.ma/","event_types":["test.happened"]}"#, "invalid_format"),
            (#"{"url":"http://127.0.0.1:9/x","event_types":["test.happened"]}"#, "address_not_allowed"),
            (#"{"url":"http://10.0.0.8/x","event_types":["test.happened"]}"#, "address_not_allowed"),
            (#"{"url":"http://169.254.169.254/latest/meta-data","event_types":["test.happened"]}"#, "address_not_allowed"),
            (#"{"url":"http://localhost:9/x","event_types":["test.happened"]}"#, "address_not_allowed"),
            (#"{"url":"https://no-such-host.invalid/x","event_types":["test.happened"]}"#, "unresolvable"),
            (#"{"url":"https://8.8.8.8/x","event_types":["test.nope"]}"#, "unknown_value"),
            (#"{"url":"https://8.8.8.8/x","event_types":[]}"#, "too_few_items"),
            (#"{"url":"https://8.8.8.8/x","event_types":["test.happened","test.happened"]}"#, "duplicate_value"),
            (#"{"event_types":["test.happened"]}"#, "required"),
            (#"{"url":"https://8.8.8.8/x"}"#, "required"),
        ] {
            let response = try await register(json)
            #expect(response.status == 422, "\(json): \(response.status) \(response.text)")
            #expect(response.text.contains("\"\(code)\""), "\(json): \(response.text)")
        }
        #expect(try await register("not json").status == 400)
        // A public address is accepted for any tenant.
        #expect(try await register(#"{"url":"http://8.8.8.8:9/x","event_types":["test.happened"]}"#).status == 201)

        let agent = try TestContextTokens.token(for: TestContextTokens.agent(of: tenant.id, roles: [Roles.complaintsHandler]), in: tenant.reference)
        #expect(try await NotificationsTestService.send("GET", base, token: agent, port: port).status == 403)
        #expect(try await NotificationsTestService.send("GET", base, token: nil, port: port).status == 401)
        #expect(try await NotificationsTestService.send("GET", "\(base)/not-a-uuid", token: admin, port: port).status == 404)
    }
}
