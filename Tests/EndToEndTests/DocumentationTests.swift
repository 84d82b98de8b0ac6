import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("End to end: OpenAPI documents and health")
struct DocumentationTests {
    @Test("every service's routes match its document")
    func coverage() async throws {
        let stack = try await Stack.shared.value
        for service in [stack.complaints, stack.appointments, stack.mail, stack.gateway] {
            let document = try #require(service.parts.openAPIDocument)
            #expect(OpenAPICoverage.mismatches(routes: service.routes, document: document) == [], "\(service.runtime.name)")
        }
    }

    @Test("the served documents and the merged public one validate as OpenAPI 3.1")
    func validation() async throws {
        let stack = try await Stack.shared.value
        var documents: [(String, RawResponse)] = []
        for (name, port) in [
            ("complaints", stack.complaints.address.port), ("appointments", stack.appointments.address.port),
            ("mail", stack.mail.address.port), ("gateway", stack.gateway.address.port),
        ] {
            documents.append((name, try await stack.request("GET", "/openapi.json", port: port)))
        }
        let merged = try await stack.request("GET", "/v1/openapi.json")
        documents.append(("public", merged))
        for (name, response) in documents {
            #expect(response.status == 200, "\(name)")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(name)-\(getpid()).json")
            try Data(response.body).write(to: file)
            let (status, output) = try OpenAPIValidator.validate(file.path)
            #expect(status == 0, "\(name): \(output)")
        }
        let paths = (try Stack.json(merged)["paths"] as? [String: Any] ?? [:]).keys
        #expect(paths.contains("/v1/{tenant}/complaints"))
        #expect(paths.contains("/v1/auth/token"))
        #expect(paths.contains("/v1/platform/tenants"))
    }

    @Test("the gateway is ready when every service is")
    func readiness() async throws {
        let stack = try await Stack.shared.value
        let ready = try await stack.request("GET", "/readyz")
        #expect(ready.status == 200, "\(ready.text)")
        let components = try Stack.json(ready)["components"] as? [String: String] ?? [:]
        #expect(components == ["database": "ok", "complaints": "ok", "appointments": "ok", "mail": "ok"])
    }
}
