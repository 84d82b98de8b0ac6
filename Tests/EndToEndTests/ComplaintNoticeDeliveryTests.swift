import Foundation
import GuichetCore
import GuichetTestSupport
import Testing

/// Notices of the workflow delivered for real: an agent signed in through the gateway answers,
/// the complaints executable's dispatcher sends the email to an SMTP server and the event to a
/// webhook receiver.
///
/// These tests extend the serialized notifications suite on purpose: every complaints process
/// with an email channel claims pending emails of every tenant, so two such stacks at once
/// would take each other's messages.
extension NotificationsEndToEndTests {
    static let answer = "Les services techniques ont rebouché le nid-de-poule le 12 mars."

    @Test("an agent's answer through the gateway sends the citizen exactly one email, in their language, from the tenant's wording or the default; the webhook gets a thin complaint.status_changed")
    func answerNotices() async throws {
        let arabic = "notice-ar-\(UUID().uuidString.prefix(8).lowercased())@example.ma"
        let english = "notice-en-\(UUID().uuidString.prefix(8).lowercased())@example.ma"
        let stack = try await NotificationsStack(holdFirstMessageTo: nil)
        do {
            let (slug, tenantAdministrator) = try await Self.onboardTenantWithAgent(stack, token: try await stack.administratorToken())
            let admin = ["Authorization": "Bearer \(tenantAdministrator)"]
            let agent = ["Authorization": "Bearer \(try await Self.signIn(stack, "agent-notices", Self.agentPassword, tenant: slug))"]

            // The tenant rewords the English answer; the Arabic one stays the default.
            let reworded = try await stack.request(
                "PUT", "/v1/\(slug)/complaints/notification-templates/complaint.answered/en",
                headers: admin.merging(["Content-Type": "application/json"]) { $1 },
                body: #"{"subject":"Ministry answer on {{tracking_code}}","text":"Dear {{name}},\n\n{{reply}}\n\nReference {{tracking_code}}."}"#)
            #expect(reworded.status == 200, "\(reworded.text)")
            let registered = try await stack.post(
                "/v1/\(slug)/complaints/webhooks/endpoints",
                json: #"{"url":"http://127.0.0.1:\#(stack.receiver.port)/hooks/\#(slug)","event_types":["complaint.status_changed"]}"#,
                headers: admin)
            #expect(registered.status == 201, "\(registered.text)")

            let first = try await Self.submit(stack, slug: slug, email: arabic, language: "ar")
            let second = try await Self.submit(stack, slug: slug, email: english, language: "en")
            for (code, id) in [first, second] {
                let answered = try await Self.step(stack, slug: slug, id: id, headers: agent, #"{"type":"answer","text":"\#(Self.answer)"}"#)
                #expect(answered.status == 200, "\(code): \(answered.text)")
            }

            // Every email of the tenant delivered (two acknowledgements, two answers): then count.
            let delivered = await Self.eventually(timeout: .seconds(90)) {
                let outbox = (try? await Self.outboxState(slug: slug, stack: stack, token: tenantAdministrator)) ?? []
                return outbox.count == 4 && outbox.allSatisfy { $0.state == "delivered" }
            }
            #expect(delivered, "\(stack.complaintsLog.suffix(3000))")

            let arabicMessages = Self.messages(to: arabic, in: stack.sink)
            #expect(arabicMessages.count == 2)
            let arabicAnswers = arabicMessages.filter { MIMEReaderLite($0.data).subject?.contains("رد على طلبكم") == true }
            #expect(arabicAnswers.count == 1)
            let arabicAnswer = MIMEReaderLite(try #require(arabicAnswers.first).data)
            #expect(arabicAnswer.header("Content-Language") == "ar")
            #expect(arabicAnswer.subject?.contains(first.code) == true)
            #expect(arabicAnswer.decodedParts.first?.contains(Self.answer) == true)
            #expect(arabicAnswer.decodedParts.last?.contains("dir=\"rtl\"") == true)

            let englishMessages = Self.messages(to: english, in: stack.sink)
            #expect(englishMessages.count == 2)
            let englishAnswers = englishMessages.filter { MIMEReaderLite($0.data).subject == "Ministry answer on \(second.code)" }
            #expect(englishAnswers.count == 1, "\(englishMessages.map { MIMEReaderLite($0.data).subject ?? "" })")
            let englishAnswer = MIMEReaderLite(try #require(englishAnswers.first).data)
            #expect(englishAnswer.header("Content-Language") == "en")
            #expect(englishAnswer.decodedParts.first?.contains("Dear أمينة") == true)
            #expect(englishAnswer.decodedParts.first?.contains(Self.answer) == true)

            // One event per change of status, with neither contact details nor texts.
            let events = await stack.receiver.waitForDeliveries(2).filter { $0.path == "/hooks/\(slug)" }
            #expect(events.count == 2)
            for event in events {
                let body = String(decoding: event.body, as: UTF8.self)
                #expect(!body.contains("@example.ma") && !body.contains("rebouché") && !body.contains("Nid-de-poule"), "\(body)")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any])
                #expect(object["type"] as? String == "complaint.status_changed")
                let data = try #require(object["data"] as? [String: Any])
                #expect(data["to_status"] as? String == "answered")
                #expect([first.code, second.code].contains(data["tracking_code"] as? String ?? ""))
            }
        } catch {
            await stack.stop()
            throw error
        }
        await stack.stop()
    }

    // MARK: Helpers

    static let agentPassword = "notice agent password"

    /// Onboards a tenant with its first administrator, a category `roads`, and a supervisor agent
    /// `agent-notices`; returns its slug and its administrator's access token.
    static func onboardTenantWithAgent(_ stack: NotificationsStack, token: String) async throws -> (slug: String, administrator: String) {
        let slug = TestDatabase.uniqueSlug("notice")
        let created = try await stack.post(
            "/v1/platform/tenants",
            json: #"{"slug":"\#(slug)","name":{"fr":"Ministère \#(slug)","ar":"وزارة","en":"Ministry"},"admin":{"username":"admin","password":"\#(Stack.tenantAdministratorPassword)"}}"#,
            headers: ["Authorization": "Bearer \(token)"])
        guard created.status == 201 else { throw StackError("onboarding: \(created.status) \(created.text)") }
        let administrator = try await signIn(stack, "admin", Stack.tenantAdministratorPassword, tenant: slug)
        let admin = ["Authorization": "Bearer \(administrator)"]
        let category = try await stack.post(
            "/v1/\(slug)/complaints/categories", json: #"{"code":"roads","name":{"fr":"Voirie","ar":"الطرق","en":"Roads"}}"#, headers: admin)
        guard category.status == 201 else { throw StackError("category: \(category.status) \(category.text)") }
        let agent = try await stack.post(
            "/v1/\(slug)/admin/accounts",
            json: #"{"username":"agent-notices","kind":"agent","display_name":"Agent","password":"\#(agentPassword)","roles":["\#(Roles.complaintsSupervisor)"],"units":[]}"#,
            headers: admin)
        guard agent.status == 201 else { throw StackError("agent: \(agent.status) \(agent.text)") }
        return (slug, administrator)
    }

    static func signIn(_ stack: NotificationsStack, _ username: String, _ password: String, tenant: String) async throws -> String {
        let response = try await stack.request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&username=\(Stack.formEncode(username))&password=\(Stack.formEncode(password))&tenant=\(tenant)")
        guard let token = try Stack.json(response)["access_token"] as? String else {
            throw StackError("sign-in of \(username): \(response.status) \(response.text)")
        }
        return token
    }

    /// Submits a complaint through the gateway; returns its tracking code and id.
    static func submit(_ stack: NotificationsStack, slug: String, email: String, language: String) async throws -> (code: String, id: String) {
        let submitted = try await stack.post("/v1/\(slug)/complaints", json: complaint(email: email, language: language))
        guard submitted.status == 201, let code = try Stack.json(submitted)["tracking_code"] as? String else {
            throw StackError("submission: \(submitted.status) \(submitted.text)")
        }
        guard let id = try Stack.json(try await stack.request("GET", "/v1/\(slug)/complaints/\(code)"))["id"] as? String else {
            throw StackError("no id for \(code)")
        }
        return (code, id)
    }

    /// A workflow step through the gateway, with the complaint's current ETag.
    static func step(_ stack: NotificationsStack, slug: String, id: String, headers: [String: String], _ json: String) async throws -> RawResponse {
        let path = "/v1/\(slug)/complaints/cases/\(id)"
        let current = try await stack.request("GET", path, headers: headers)
        guard current.status == 200, let etag = current.header("etag") else { throw StackError("case: \(current.status) \(current.text)") }
        return try await stack.post("\(path)/events", json: json, headers: headers.merging(["If-Match": etag]) { $1 })
    }
}
