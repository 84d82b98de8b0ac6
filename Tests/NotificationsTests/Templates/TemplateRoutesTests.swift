import Foundation
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Template routes: a tenant rewords its notifications, checked when saved")
struct TemplateRoutesTests {
    @Test("an administrator saves a wording, it is used for that tenant only, and can be reset; bad wordings are refused")
    func reword() async throws {
        let (tenant, service) = try await NotificationsTestService.tenant()
        let (other, _) = try await NotificationsTestService.tenant()
        let port = service.address.port
        let admin = try NotificationsTestService.administrator(tenant)
        let base = "/v1/\(tenant.slug)/notiftest/notification-templates"

        let list = NotificationsTestService.json(try await NotificationsTestService.send("GET", base, token: admin, port: port))
        let templates = list["templates"] as? [[String: Any]] ?? []
        #expect(templates.map { $0["name"] as? String } == ["test.notice", "test.reminder"])
        #expect(templates.first?["required_variables"] as? [String] == ["code"])

        let unknown = try await NotificationsTestService.send(
            "PUT", "\(base)/test.notice/fr", token: admin, json: #"{"subject":"Avis","text":"Code {{code}} et {{password}}"}"#, port: port)
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("unknown_variable"))
        let missing = try await NotificationsTestService.send(
            "PUT", "\(base)/test.notice/fr", token: admin, json: #"{"subject":"Avis","text":"Bonjour {{name}}"}"#, port: port)
        #expect(missing.status == 422)
        #expect(missing.text.contains("missing_variable"))
        let malformed = try await NotificationsTestService.send(
            "PUT", "\(base)/test.notice/fr", token: admin, json: #"{"subject":"Avis","text":"Code {{code"}"#, port: port)
        #expect(malformed.status == 422 && malformed.text.contains("template_syntax"))
        #expect(try await NotificationsTestService.send("PUT", "\(base)/test.notice/fr", token: admin, json: #"{"subject":1}"#, port: port).status == 422)
        #expect(try await NotificationsTestService.send("PUT", "\(base)/test.unknown/fr", token: admin, json: #"{"text":"x"}"#, port: port).status == 404)
        #expect(try await NotificationsTestService.send("PUT", "\(base)/test.notice/de", token: admin, json: #"{"text":"x"}"#, port: port).status == 404)

        let saved = try await NotificationsTestService.send(
            "PUT", "\(base)/test.notice/fr", token: admin, json: #"{"subject":"Ministère — avis {{code}}","text":"Votre code : {{code}}"}"#,
            port: port)
        #expect(saved.status == 200, "\(saved.text)")
        #expect(NotificationsTestService.json(saved)["customized"] as? Bool == true)
        let shown = NotificationsTestService.json(try await NotificationsTestService.send("GET", "\(base)/test.notice/fr", token: admin, port: port))
        #expect(shown["subject"] as? String == "Ministère — avis {{code}}")

        // Rendering uses the tenant's wording; another tenant keeps the default.
        let library = TemplateLibrary(
            catalog: NotificationsTestService.templates, store: TemplateStore(database: service.runtime.database, schema: "notiftest"))
        let mine = try await library.render("test.notice", language: .fr, tenant: tenant.id, values: ["code": "42"])
        #expect(mine.subject == "Ministère — avis 42")
        let theirs = try await library.render("test.notice", language: .fr, tenant: other.id, values: ["code": "42"])
        #expect(theirs.subject == "Avis 42")
        await #expect(throws: TemplateLibrary.Failure.self) {
            _ = try await library.render("test.nope", language: .fr, tenant: tenant.id, values: [:])
        }

        let listed = NotificationsTestService.json(try await NotificationsTestService.send("GET", base, token: admin, port: port))
        #expect((listed["templates"] as? [[String: Any]])?.first?["customized_languages"] as? [String] == ["fr"])
        #expect(try await NotificationsTestService.send("DELETE", "\(base)/test.notice/fr", token: admin, port: port).status == 204)
        #expect(try await NotificationsTestService.send("DELETE", "\(base)/test.notice/fr", token: admin, port: port).status == 404)
        #expect(try await library.render("test.notice", language: .fr, tenant: tenant.id, values: ["code": "42"]).subject == "Avis 42")

        // Only administrators of the tenant.
        let agent = try TestContextTokens.token(for: TestContextTokens.agent(of: tenant.id, roles: [Roles.complaintsHandler]), in: tenant.reference)
        #expect(try await NotificationsTestService.send("GET", base, token: agent, port: port).status == 403)
        #expect(try await NotificationsTestService.send("GET", base, token: nil, port: port).status == 401)
        // Another tenant's administrator on this tenant's path (the gateway signs the path's tenant).
        let stranger = try TestContextTokens.token(for: TestContextTokens.tenantAdministrator(of: other.id), in: tenant.reference)
        #expect(try await NotificationsTestService.send(
            "PUT", "\(base)/test.notice/fr", token: stranger, json: #"{"subject":"x","text":"{{code}}"}"#, port: port).status == 404)
    }

    @Test("the notification routes match their OpenAPI fragment, which has a webhooks section")
    func documented() async throws {
        let service = try await NotificationsTestService.shared.value
        let document = try #require(service.parts.openAPIDocument)
        #expect(OpenAPICoverage.mismatches(routes: service.routes, document: document) == [])
        let webhooks = document["webhooks"]?.objectValue ?? [:]
        #expect(webhooks.keys.sorted() == ["test.fanned_out", "test.happened", "test.other_thing"])
        #expect(webhooks["test.happened"]?["post"]?["parameters"]?.arrayValue?.count == 3)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-notiftest-\(getpid()).json")
        try Data(document.encodedJSON).write(to: file)
        let (status, output) = try OpenAPIValidator.validate(file.path)
        #expect(status == 0, "\(output)")
    }
}
