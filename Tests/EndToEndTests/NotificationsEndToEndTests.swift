import Foundation
import Glibc
import GuichetCore
import GuichetHTTP
import GuichetNotifications
import GuichetTestSupport
import Testing

@Suite("End to end: acknowledgements by email despite a crash, signed webhooks", .serialized)
struct NotificationsEndToEndTests {
    static func complaint(email: String, language: String) -> String {
        #"""
        {"category":"roads","subject":"Nid-de-poule dangereux","description":"Un trou profond devant l'école primaire, rue 12.",
         "contact":{"name":"أمينة","email":"\#(email)"},"language":"\#(language)"}
        """#
    }

    @Test("a complaint submitted through the gateway is acknowledged by email in the citizen's language exactly once, though complaints is killed mid-delivery")
    func acknowledgementSurvivesACrash() async throws {
        let recipient = "citizen-\(UUID().uuidString.prefix(8).lowercased())@example.ma"
        let stack = try await NotificationsStack(holdFirstMessageTo: recipient)
        do {
            let (slug, token) = try await stack.onboardTenant()
            let submitted = try await stack.post("/v1/\(slug)/complaints", json: Self.complaint(email: recipient, language: "ar"))
            #expect(submitted.status == 201, "\(submitted.text)")
            let code = try #require(try Stack.json(submitted)["tracking_code"] as? String)

            // The dispatcher claimed the acknowledgement and is in the middle of the SMTP
            // conversation: the server holds the message's DATA. Kill -9 now.
            let holding = await Self.eventually { stack.sink.isHolding }
            #expect(holding, "the acknowledgement was never attempted: \(stack.complaintsLog.suffix(3000))")
            await stack.killComplaints()
            stack.sink.release()
            #expect(Self.messages(to: recipient, in: stack.sink).isEmpty)

            // Restarted, the service finds the claim expired and delivers the message — once.
            try await stack.startComplaints()
            let delivered = await Self.eventually(timeout: .seconds(90)) { !Self.messages(to: recipient, in: stack.sink).isEmpty }
            #expect(delivered, "\(stack.complaintsLog.suffix(3000))")
            let outbox = try await Self.outboxState(slug: slug, stack: stack, token: token)
            #expect(outbox.map(\.state) == ["delivered"], "\(outbox)")
            #expect(outbox.first?.attempts == 2)
            let messages = Self.messages(to: recipient, in: stack.sink)
            #expect(messages.count == 1)

            let message = try #require(messages.first)
            let reader = MIMEReaderLite(message.data)
            #expect(reader.header("Content-Language") == "ar")
            #expect(reader.header("Message-ID") == "<\(outbox.first?.id ?? "?")@guichet.test>")
            let subject = try #require(reader.subject)
            #expect(subject.contains("تم استلام طلبكم") && subject.contains(code), "\(subject)")
            let body = String(decoding: message.data, as: UTF8.self)
            #expect(body.contains("multipart/alternative"))
            let html = reader.decodedParts.last ?? ""
            #expect(html.contains("dir=\"rtl\"") && html.contains(code), "\(html.prefix(500))")
            #expect((reader.decodedParts.first ?? "").contains(code))
        } catch {
            await stack.stop()
            throw error
        }
        await stack.stop()
    }

    @Test("webhooks registered through the gateway arrive signed and verifiable; deliveries are visible; a rotated secret overlaps")
    func signedWebhooks() async throws {
        let stack = try await NotificationsStack(holdFirstMessageTo: nil)
        do {
            let (slug, token) = try await stack.onboardTenant()
            let auth = ["Authorization": "Bearer \(token)"]
            let registered = try await stack.post(
                "/v1/\(slug)/complaints/webhooks/endpoints",
                json: #"{"url":"http://127.0.0.1:\#(stack.receiver.port)/hooks/\#(slug)","event_types":["complaint.submitted"],"description":"CRM"}"#,
                headers: auth)
            #expect(registered.status == 201, "\(registered.text)")
            let endpoint = try Stack.json(registered)
            let secretText = try #require(endpoint["secret"] as? String)
            let secret = try #require(WebhookSecret(secretText))
            let endpointID = try #require(endpoint["id"] as? String)

            let submitted = try await stack.post("/v1/\(slug)/complaints", json: Self.complaint(email: "x@example.ma", language: "fr"))
            let code = try #require(try Stack.json(submitted)["tracking_code"] as? String)
            let first = try #require(await stack.receiver.waitForDeliveries(1).first { $0.path == "/hooks/\(slug)" })
            #expect(Self.verify(first, secrets: [secret]))
            #expect(!Self.verify(first, secrets: [WebhookSecret.generate()]))
            let event = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
            #expect(event["type"] as? String == "complaint.submitted")
            #expect(event["tenant"] as? String == slug)
            let data = try #require(event["data"] as? [String: Any])
            #expect(data["tracking_code"] as? String == code)
            #expect(!String(decoding: first.body, as: UTF8.self).contains("x@example.ma"), "contact details leaked")

            let deliveries = try Stack.json(try await stack.request(
                "GET", "/v1/\(slug)/complaints/webhooks/endpoints/\(endpointID)/deliveries", headers: auth))
            let list = deliveries["deliveries"] as? [[String: Any]] ?? []
            #expect(list.first?["id"] as? String == first.headers["webhook-id"])
            #expect(list.first?["state"] as? String == "delivered")
            #expect((list.first?["attempts"] as? [[String: Any]])?.first?["status_code"] as? Int == 204)

            // Rotation with overlap: the next delivery carries both signatures.
            let rotated = try await stack.post(
                "/v1/\(slug)/complaints/webhooks/endpoints/\(endpointID)/rotate-secret", json: #"{"overlap_seconds":3600}"#, headers: auth)
            #expect(rotated.status == 200, "\(rotated.text)")
            let newSecretText = try #require(try Stack.json(rotated)["secret"] as? String)
            let newSecret = try #require(WebhookSecret(newSecretText))
            _ = try await stack.post("/v1/\(slug)/complaints", json: Self.complaint(email: "y@example.ma", language: "en"))
            let all = await stack.receiver.waitForDeliveries(2).filter { $0.path == "/hooks/\(slug)" }
            let second = try #require(all.count == 2 ? all[1] : nil)
            #expect(second.headers["webhook-signature"]?.split(separator: " ").count == 2)
            #expect(Self.verify(second, secrets: [newSecret]))
            #expect(Self.verify(second, secrets: [secret]))
            #expect(second.headers["webhook-id"] != first.headers["webhook-id"])
        } catch {
            await stack.stop()
            throw error
        }
        await stack.stop()
    }

    // MARK: Helpers

    static func verify(_ delivery: WebhookReceiver.Delivery, secrets: [WebhookSecret]) -> Bool {
        WebhookSignature.verify(
            id: delivery.headers["webhook-id"] ?? "", timestamp: delivery.headers["webhook-timestamp"] ?? "",
            signature: delivery.headers["webhook-signature"] ?? "", body: delivery.body, secrets: secrets)
    }

    static func messages(to recipient: String, in sink: SMTPSink) -> [SMTPSink.Message] {
        sink.messages.filter { $0.recipients.contains(recipient) }
    }

    /// The tenant's email outbox messages, through the gateway (the administrators' route).
    static func outboxState(slug: String, stack: NotificationsStack, token: String) async throws -> [(id: String, state: String, attempts: Int)] {
        let response = try await stack.request("GET", "/v1/\(slug)/complaints/outbox/messages", headers: ["Authorization": "Bearer \(token)"])
        let messages = (try Stack.json(response)["messages"] as? [[String: Any]] ?? []).filter { $0["channel"] as? String == "email" }
        return messages.map { ($0["id"] as? String ?? "", $0["state"] as? String ?? "", $0["attempt_count"] as? Int ?? -1) }
    }

    static func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return await condition()
    }
}

/// Enough of a mail reader for these tests: headers with RFC 2047 words decoded, and the parts of
/// a multipart/alternative body with base64 or quoted-printable undone.
struct MIMEReaderLite {
    let head: [(String, String)]
    let body: String

    init(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let split = text.components(separatedBy: "\r\n\r\n")
        var fields: [(String, String)] = []
        for line in (split.first ?? "").components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), let last = fields.popLast() { fields.append((last.0, last.1 + line)) } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        head = fields
        body = split.dropFirst().joined(separator: "\r\n\r\n")
    }

    func header(_ name: String) -> String? { head.first { $0.0 == name.lowercased() }?.1 }

    var subject: String? {
        guard let raw = header("subject") else { return nil }
        var output: [UInt8] = []
        for word in raw.split(separator: " ") {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") {
                output += Array(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data())
            } else {
                output += Array((output.isEmpty ? "" : " ").utf8) + Array(word.utf8)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    var decodedParts: [String] {
        guard let type = header("content-type"), let range = type.range(of: "boundary=\"") else { return [] }
        let boundary = String(type[range.upperBound...].prefix { $0 != "\"" })
        return body.components(separatedBy: "--\(boundary)").dropFirst().filter { !$0.hasPrefix("--") }.map { part in
            let pieces = part.components(separatedBy: "\r\n\r\n")
            let headers = pieces.first?.lowercased() ?? ""
            let content = pieces.dropFirst().joined(separator: "\r\n\r\n")
            if headers.contains("base64") {
                return String(decoding: Data(base64Encoded: content.replacingOccurrences(of: "\r\n", with: "")) ?? Data(), as: UTF8.self)
            }
            return String(decoding: QuotedPrintable.decode(content) ?? [], as: UTF8.self)
        }
    }
}
