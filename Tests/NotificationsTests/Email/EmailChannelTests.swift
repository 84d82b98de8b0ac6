import Foundation
import GuichetCore
@testable import GuichetNotifications
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("The email channel: the tenant's wording, the message id, refusals")
struct EmailChannelTests {
    static func envelope(_ payload: EmailPayload, tenant: UUID, id: UUID = .timeOrdered()) throws -> OutboxEnvelope {
        OutboxEnvelope(
            tenant: tenant, id: id, channel: "email", topic: payload.template, payload: try EmailChannel.message(payload, id: id).payload,
            attempt: 1, createdAt: Date(secondsSince1970: 1_796_410_800))
    }

    @Test("an email is rendered with the tenant's own wording, in the recipient's language, with the message's id")
    func rendered() async throws {
        let (tenant, service) = try await NotificationsTestService.tenant()
        let database = service.runtime.database
        let store = TemplateStore(database: database, schema: "notiftest")
        try await store.save(
            NotificationTemplate(subject: "Ministère — {{code}}", text: "Votre code : {{code}}"), name: "test.notice", language: .fr,
            tenant: tenant.id, by: "test")
        let sink = try await SMTPSink()
        defer { Task { await sink.stop() } }
        let channel = EmailChannel(
            client: try SMTPClient(configuration: .init(host: "127.0.0.1", port: sink.port, security: .none)),
            library: TemplateLibrary(catalog: NotificationsTestService.templates, store: store),
            sender: Mailbox(EmailAddress("noreply@guichet.test")!, name: "Guichet"))
        let id = UUID.timeOrdered()
        let payload = EmailPayload(to: EmailAddress("amina@example.ma")!, name: "Amina", language: .fr, template: "test.notice", variables: ["code": "7K3M"])
        let result = await channel.deliver(try Self.envelope(payload, tenant: tenant.id, id: id))
        #expect(result.outcome == .delivered && result.statusCode == 250, "\(result)")
        let reader = MIMEReader(try #require(sink.messages.first).data)
        #expect(reader.header("Subject") == "Ministère — 7K3M")
        #expect(reader.header("Message-ID") == "<\(id.lowercaseString)@guichet.test>")
        #expect(reader.header("Date") == "Fri, 04 Dec 2026 19:00:00 +0000")
        #expect(reader.parts.first?.decodedContent == "Votre code : 7K3M")

        let arabic = EmailPayload(to: EmailAddress("amina@example.ma")!, language: .ar, template: "test.notice", variables: ["code": "9"])
        #expect(await channel.deliver(try Self.envelope(arabic, tenant: tenant.id)).outcome == .delivered)
        let second = MIMEReader(try #require(sink.messages.last).data)
        #expect(second.header("Subject") == "إشعار 9")
        #expect(second.parts.last?.decodedText.contains("dir=\"rtl\"") == true)
    }

    @Test("unreadable payloads, unknown templates and refused recipients become dead letters; a server down is retried")
    func refusals() async throws {
        let (tenant, service) = try await NotificationsTestService.tenant()
        let library = TemplateLibrary(
            catalog: NotificationsTestService.templates, store: TemplateStore(database: service.runtime.database, schema: "notiftest"))
        let refusing = try await SMTPSink(mode: .refuseRecipient)
        defer { Task { await refusing.stop() } }
        func channel(port: UInt16) throws -> EmailChannel {
            EmailChannel(
                client: try SMTPClient(configuration: .init(host: "127.0.0.1", port: port, security: .none, totalTimeout: .seconds(5))),
                library: library, sender: Mailbox(EmailAddress("noreply@guichet.test")!))
        }
        let payload = EmailPayload(to: EmailAddress("nobody@example.ma")!, language: .en, template: "test.notice", variables: ["code": "1"])
        let refused = try await channel(port: refusing.port).deliver(try Self.envelope(payload, tenant: tenant.id))
        #expect(refused.outcome == .rejected && refused.statusCode == 550)
        let down = try await channel(port: 1).deliver(try Self.envelope(payload, tenant: tenant.id))
        #expect(down.outcome == .failed)
        var unknown = payload
        unknown.template = "test.nope"
        #expect(try await channel(port: refusing.port).deliver(try Self.envelope(unknown, tenant: tenant.id)).outcome == .rejected)
        let garbage = OutboxEnvelope(tenant: tenant.id, id: UUID(), channel: "email", topic: "x", payload: Array("[]".utf8), attempt: 1, createdAt: Date())
        #expect(try await channel(port: refusing.port).deliver(garbage).outcome == .rejected)
        #expect(try channel(port: 1).maximumDeliveryTime == .seconds(10))
    }
}
