import Foundation
import GuichetTestSupport
import Testing

@Suite("End to end: a complaint submitted and tracked through the gateway")
struct ComplaintSliceTests {
    static let complaint = #"""
        {"category":"roads","subject":"Nid-de-poule dangereux","description":"Un trou profond devant l'école primaire, rue 12.",
         "location":{"lat":33.5731,"lon":-7.5898},"contact":{"name":"Amal","email":"amal@example.ma","phone":"0612345678"},
         "language":"fr"}
        """#

    @Test("an anonymous citizen submits; the answer carries a typeable tracking code; tracking shows no contact data")
    func submitAndTrack() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let submitted = try await stack.post("/v1/\(slug)/complaints", json: Self.complaint, headers: ["X-Request-ID": "e2e-submit-1"])
        #expect(submitted.status == 201)
        #expect(submitted.header("x-request-id") == "e2e-submit-1")
        let receipt = try Stack.json(submitted)
        let code = try #require(receipt["tracking_code"] as? String)
        #expect(code.range(of: #"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"#, options: .regularExpression) != nil)
        #expect(receipt["status"] as? String == "received")
        let createdAt = try #require(receipt["created_at"] as? String)
        #expect(createdAt.hasSuffix("+01:00") || createdAt.hasSuffix("+00:00"))
        #expect(submitted.header("location") == "/v1/\(slug)/complaints/\(code)")

        for spelling in [code, code.lowercased(), code.replacingOccurrences(of: "-", with: ""), code.replacingOccurrences(of: "-", with: " ")] {
            let escaped = spelling.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? spelling
            let tracked = try await stack.request("GET", "/v1/\(slug)/complaints/\(escaped)")
            #expect(tracked.status == 200, "\(spelling)")
        }
        let tracked = try await stack.request("GET", "/v1/\(slug)/complaints/\(code)", headers: ["Accept-Language": "ar"])
        let view = try Stack.json(tracked)
        #expect(view["tracking_code"] as? String == code)
        #expect(view["status"] as? String == "received")
        #expect((view["category"] as? [String: Any])?["code"] as? String == "roads")
        #expect((view["location"] as? [String: Any])?["lat"] as? Double == 33.5731)
        #expect(!tracked.text.contains("amal@example.ma") && !tracked.text.contains("612345678") && !tracked.text.contains("Amal"))
    }

    @Test("the same code under another tenant, a malformed or a huge code: 404, never 500")
    func unknownCodes() async throws {
        let stack = try await Stack.shared.value
        let first = try await stack.onboardTenant()
        let second = try await stack.onboardTenant()
        let code = try #require(try Stack.json(try await stack.post("/v1/\(first)/complaints", json: Self.complaint))["tracking_code"] as? String)
        #expect(try await stack.request("GET", "/v1/\(second)/complaints/\(code)").status == 404)
        for bad in ["abc", String(repeating: "Z", count: 300), "%F0%9F%98%80", "0000-0000-0000-000U", "'%20OR%201=1--"] {
            let response = try await stack.request("GET", "/v1/\(first)/complaints/\(bad)")
            #expect(response.status == 404, "\(bad)")
        }
        // A NUL byte is not a malformed code but a malformed request: refused before routing.
        #expect(try await stack.request("GET", "/v1/\(first)/complaints/%00").status == 400)
    }

    @Test("an Idempotency-Key retry returns the first answer and creates nothing; the key with another body is a 422")
    func idempotency() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let key = UUID().uuidString
        let first = try await stack.post("/v1/\(slug)/complaints", json: Self.complaint, headers: ["Idempotency-Key": key])
        let retry = try await stack.post("/v1/\(slug)/complaints", json: Self.complaint, headers: ["Idempotency-Key": key])
        #expect(first.status == 201 && retry.status == 201)
        #expect(first.body == retry.body)
        #expect(retry.header("idempotent-replayed") == "true")
        let other = try await stack.post(
            "/v1/\(slug)/complaints", json: Self.complaint.replacingOccurrences(of: "Nid-de-poule", with: "Trou"),
            headers: ["Idempotency-Key": key])
        #expect(other.status == 422)
        #expect(try Stack.json(other)["code"] as? String == "idempotency_key_reused")

        // Concurrent first attempts with one key: one complaint, one answer for all.
        let concurrentKey = UUID().uuidString
        let answers = try await withThrowingTaskGroup(of: RawResponse.self) { group in
            for _ in 0..<8 {
                group.addTask { try await stack.post("/v1/\(slug)/complaints", json: Self.complaint, headers: ["Idempotency-Key": concurrentKey]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 201 })
        #expect(Set(answers.map(\.body)).count == 1)
        let tenant = try #require(try await stack.complaints.runtime.database.query(
            "SELECT id FROM platform.tenants WHERE slug = \(slug)", tenant: nil).first?.decode(UUID.self))
        let count = try await stack.complaints.runtime.database.query(
            "SELECT count(*) FROM complaints.complaints WHERE tenant_id = \(tenant)", tenant: tenant).single(Int.self)
        #expect(count == 2)
    }

    @Test("bad submissions get clear problems: malformed JSON 400, unknown category and invalid fields 422, too big 413")
    func badSubmissions() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let malformed = try await stack.post("/v1/\(slug)/complaints", json: "{\"category\": ")
        #expect(malformed.status == 400)
        let unknown = try await stack.post(
            "/v1/\(slug)/complaints", json: Self.complaint.replacingOccurrences(of: "\"roads\"", with: "\"potholes\""))
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("\"field\":\"/category\""))
        let invalid = try await stack.post(
            "/v1/\(slug)/complaints", json: #"{"category":"roads","subject":"x","description":"short","location":{"lat":120,"lon":0},"contact":{"email":"nope"}}"#,
            headers: ["Accept-Language": "en"])
        #expect(invalid.status == 422)
        let fields = (try Stack.json(invalid)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(Set(fields).isSuperset(of: ["/subject", "/description", "/location/lat", "/contact/email"]))
        let huge = try await stack.post(
            "/v1/\(slug)/complaints", json: #"{"description":"\#(String(repeating: "a", count: 70_000))"}"#)
        #expect(huge.status == 413)
    }

    @Test("the tenant's categories: public list; creating one needs the tenant's administrator")
    func categories() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let list = try await stack.request("GET", "/v1/\(slug)/complaints/categories")
        #expect(list.status == 200)
        #expect(list.text.contains("\"roads\""))
        let anonymous = try await stack.post("/v1/\(slug)/complaints/categories", json: #"{"code":"water","name":{"fr":"Eau"}}"#)
        #expect(anonymous.status == 401)
        let platform = try await stack.administratorToken()
        let byPlatform = try await stack.post(
            "/v1/\(slug)/complaints/categories", json: #"{"code":"water","name":{"fr":"Eau"}}"#,
            headers: ["Authorization": "Bearer \(platform)"])
        #expect(byPlatform.status == 403)
        let token = try await stack.tenantAdministratorToken(slug)
        let duplicate = try await stack.post(
            "/v1/\(slug)/complaints/categories", json: #"{"code":"roads","name":{"fr":"Voirie"}}"#,
            headers: ["Authorization": "Bearer \(token)"])
        #expect(duplicate.status == 409)
    }

    @Test("a direct call to a service without the gateway's context token is a 401")
    func directCallsNeedTheContextToken() async throws {
        let stack = try await Stack.shared.value
        let slug = try await stack.onboardTenant()
        let direct = try await stack.request(
            "POST", "/v1/\(slug)/complaints", headers: ["Content-Type": "application/json"], body: Self.complaint,
            port: stack.complaints.address.port)
        #expect(direct.status == 401)
        let forged = try await stack.request(
            "GET", "/v1/\(slug)/complaints/categories", headers: ["X-Guichet-Context": "eyJhbGciOiJub25lIn0.e30."],
            port: stack.complaints.address.port)
        #expect(forged.status == 401)
    }
}
