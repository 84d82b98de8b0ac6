import Foundation
import Appointments
import Gateway
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

/// An appointments service that delivers email (to a local SMTP sink) behind a gateway of its own:
/// a citizen verifies an address and books through the gateway, and the confirmation arrives in
/// their language.
@Suite("End to end: a booking through the gateway is confirmed by email in the citizen's language")
struct AppointmentNotificationsEndToEndTests {
    @Test("an Arabic-speaking citizen who books through the gateway receives the code and the confirmation in Arabic, laid out right to left")
    func confirmationByEmail() async throws {
        let stack = try await Stack.shared.value
        let sink = try await SMTPSink()
        let appointments = try await RunningService.start(
            Appointments.definition, configuration: TestDatabase.configuration(),
            environment: Environment([
                "GUICHET_SMTP_HOST": "127.0.0.1", "GUICHET_SMTP_PORT": String(sink.port), "GUICHET_SMTP_SECURITY": "none",
                "GUICHET_SMTP_TIMEOUT_MS": "5000", "GUICHET_MAIL_FROM": "rendez-vous@guichet.test", "GUICHET_MAIL_FROM_NAME": "Guichet",
                "GUICHET_OUTBOX_POLL_MS": "100",
            ]))
        let gateway = try await RunningService.start(
            Gateway.definition, configuration: TestDatabase.configuration(),
            environment: Stack.gatewayEnvironment(
                complaints: stack.complaints.address.port, appointments: appointments.address.port, mail: stack.mail.address.port))
        func stop() async {
            await gateway.stop()
            await appointments.stop()
            await sink.stop()
        }
        do {
            let slug = try await stack.onboardTenant()
            let (tenant, site, service) = try await AppointmentsThroughGatewayTests.configure(stack, slug: slug)
            let port = gateway.address.port
            let base = "/v1/\(slug)/appointments"
            let recipient = "citizen-\(UUID().uuidString.prefix(8).lowercased())@example.ma"
            func post(_ path: String, _ json: String) async throws -> RawResponse {
                try await stack.request("POST", base + path, headers: ["Content-Type": "application/json"], body: json, port: port)
            }

            // The one-time code goes by email, in Arabic; the citizen reads it there.
            let started = try await post("/verifications", #"{"email":"\#(recipient)","language":"ar"}"#)
            #expect(started.status == 201, "\(started.text)")
            let verification = try #require(try Stack.json(started)["id"] as? String)
            let codeMail = await Self.eventually { !Self.messages(to: recipient, in: sink).isEmpty }
            #expect(codeMail, "the verification code never arrived")
            let codeMessage = try #require(Self.messages(to: recipient, in: sink).first)
            let codeReader = MIMEReaderLite(codeMessage.data)
            #expect(codeReader.subject == "رمز التحقق")
            let codeText = codeReader.decodedParts.first ?? ""
            let code = try #require(codeText.firstMatch(of: /\d{6}/).map { String($0.output) }, "\(codeText)")
            let confirmed = try await post("/verifications/\(verification)/confirm", #"{"code":"\#(code)"}"#)
            #expect(confirmed.status == 200, "\(confirmed.text)")

            let zone = TimeZone(identifier: tenant.timeZone) ?? .casablanca
            let day = LocalDate(Date().addingTimeInterval(3 * 86_400), in: zone)
            let availability = try await stack.request(
                "GET", base + "/availability?site=\(site)&service=\(service)&from=\(day)&to=\(day)", port: port)
            let slots = try #require(try Stack.json(availability)["slots"] as? [[String: Any]], "\(availability.text)")
            let start = try #require(slots.first?["start"] as? String)
            #expect(start.hasPrefix("\(day)T08:00:00"))
            let date = BookingNotice.humanDate(day)
            let booked = try await post(
                "/bookings",
                #"{"site":"\#(site)","service":"\#(service)","start":"\#(start)","contact":{"name":"أمينة","email":"\#(recipient)"},"verification":"\#(verification)","language":"ar"}"#)
            #expect(booked.status == 201, "\(booked.text)")
            let bookingCode = try #require(try Stack.json(booked)["code"] as? String)

            let arrived = await Self.eventually { Self.messages(to: recipient, in: sink).count >= 2 }
            #expect(arrived, "the confirmation never arrived")
            let messages = Self.messages(to: recipient, in: sink)
            #expect(messages.count == 2)
            let message = try #require(messages.last)
            let reader = MIMEReaderLite(message.data)
            #expect(reader.header("Content-Language") == "ar")
            let subject = try #require(reader.subject)
            #expect(subject.hasPrefix("تأكيد الموعد — "), "\(subject)")
            #expect(subject.contains(date) && subject.contains("08:00"), "\(subject)")
            let text = reader.decodedParts.first ?? ""
            #expect(text.contains("تم تأكيد موعدك: Passeport، Agence centrale، يوم \(date) على الساعة 08:00. الرمز: \(bookingCode)."), "\(text)")
            let html = reader.decodedParts.last ?? ""
            #expect(html.contains("dir=\"rtl\"") && html.contains(bookingCode), "\(html.prefix(500))")

            // The outbox says so (once the dispatcher has read the server's reply): the confirmation
            // delivered, its Message-ID its id; the reminders waiting for their instants.
            func emails() async throws -> [(id: UUID, topic: String, state: String)] {
                try await appointments.runtime.database.query(
                    """
                    SELECT id, topic, state FROM appointments.outbox_messages
                    WHERE tenant_id = \(tenant.id) AND channel = 'email' ORDER BY available_at, id
                    """,
                    tenant: tenant.id
                ).map { try $0.decode((UUID, String, String).self) }
            }
            let settled = await Self.eventually {
                (try? await emails())?.contains { $0.topic == "appointment.confirmation" && $0.state == "delivered" } == true
            }
            #expect(settled, "the confirmation's delivery was never recorded")
            let rows = try await emails()
            let confirmation = try #require(rows.first { $0.topic == "appointment.confirmation" })
            #expect(reader.header("Message-ID") == "<\(confirmation.id.lowercaseString)@guichet.test>")
            #expect(rows.filter { $0.topic == "appointment.reminder" }.map(\.state) == ["pending", "pending"])
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    static func messages(to recipient: String, in sink: SMTPSink) -> [SMTPSink.Message] {
        sink.messages.filter { $0.recipients.contains(recipient) }
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
