import Foundation
import GuichetCore
import GuichetPostgres
import GuichetTestSupport
import Testing

/// What the workflow's steps record in the outbox, read back from it (the shared stack delivers
/// no email nor SMS: the messages stay there to be read). Delivery itself is tested in
/// `ComplaintNoticeDeliveryTests.swift`.
@Suite("End to end: the workflow's notices recorded in the outbox with their step, or not at all")
struct ComplaintNoticeOutboxTests {
    static let reasoned = "Les services techniques ont rebouché le nid-de-poule le 12 mars."

    /// One outbox message about a complaint.
    struct Recorded: Equatable, CustomStringConvertible {
        let channel: String
        let template: String
        let to: String
        let language: String

        var description: String { "\(channel) \(template) → \(to) (\(language))" }
    }

    /// The email and SMS messages whose template variables name the tracking code `code`, oldest first.
    func recorded(_ fixture: ComplaintFixture, code: String) async throws -> [Recorded] {
        let rows = try await fixture.stack.complaints.runtime.database.query(
            """
            SELECT channel, topic, payload->>'to', payload->>'language' FROM complaints.outbox_messages
            WHERE tenant_id = \(fixture.tenant.id) AND channel IN ('email', 'sms') AND payload->'variables'->>'tracking_code' = \(code)
            ORDER BY created_at, id
            """,
            tenant: fixture.tenant.id)
        return try rows.map { row in
            let (channel, template, to, language) = try row.decode((String, String, String, String).self)
            return Recorded(channel: channel, template: template, to: to, language: language)
        }
    }

    /// Every outbox message of the tenant (any channel).
    func outboxCount(_ fixture: ComplaintFixture) async throws -> Int {
        try await fixture.count("SELECT count(*)::int8 FROM complaints.outbox_messages WHERE tenant_id = \(fixture.tenant.id)")
    }

    static func complaint(contact: String, language: String, subject: String = "Nid-de-poule dangereux") -> String {
        #"{"category":"roads","subject":"\#(subject)","description":"Un trou profond devant l'école primaire, rue 12.","contact":\#(contact),"language":"\#(language)"}"#
    }

    static func email(_ address: String, language: String) -> String {
        complaint(contact: #"{"name":"Citoyen","email":"\#(address)"}"#, language: language)
    }

    func path(_ fixture: ComplaintFixture, _ id: UUID) -> String {
        "\(fixture.base)/cases/\(id.uuidString.lowercased())"
    }

    @Test("a step refused (stale If-Match, transition not allowed, bad text) records nothing; an accepted one records its notice")
    func refusedStepsRecordNothing() async throws {
        let fixture = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let (code, id) = try await fixture.submit(Self.email("refused@example.ma", language: "en"))
        #expect(try await recorded(fixture, code: code) == [Recorded(channel: "email", template: "complaint.acknowledgement", to: "refused@example.ma", language: "en")])
        let before = try await outboxCount(fixture)

        let stale = try await fixture.call(
            "POST", "\(path(fixture, id))/events", as: supervisor, json: #"{"type":"answer","text":"\#(Self.reasoned)"}"#,
            headers: ["If-Match": "\"7\""])
        #expect(stale.status == 412)
        let notAllowed = try await fixture.gateway("POST", "\(fixture.base)/\(code)/reopen", json: #"{"reason":"Le trou n'a pas été rebouché du tout."}"#)
        #expect(notAllowed.status == 409 && notAllowed.problemCode == "transition_not_allowed", "\(notAllowed.text)")
        let tooShort = try await fixture.step(id, as: supervisor, #"{"type":"answer","text":"Fait."}"#)
        #expect(tooShort.status == 422)
        let staleCitizen = try await fixture.gateway(
            "POST", "\(fixture.base)/\(code)/information", json: #"{"text":"Devant le numéro 12."}"#, headers: ["If-Match": "\"9\""])
        #expect(staleCitizen.status == 412)
        #expect(try await outboxCount(fixture) == before)
        #expect(try await fixture.count("SELECT version::int8 FROM complaints.complaints WHERE tenant_id = \(fixture.tenant.id) AND id = \(id)") == 1)

        // Accepted steps: one message each, from the template of the news.
        #expect(try await fixture.step(id, as: supervisor, #"{"type":"acknowledge"}"#).status == 200)
        #expect(try await fixture.step(id, as: supervisor, #"{"type":"answer","text":"\#(Self.reasoned)"}"#).status == 200)
        let notAllowedAfter = try await fixture.step(id, as: supervisor, #"{"type":"acknowledge"}"#)
        #expect(notAllowedAfter.status == 409)
        #expect(try await recorded(fixture, code: code).map(\.template) == [
            "complaint.acknowledgement", "complaint.status_changed", "complaint.answered",
        ])
        #expect(try await outboxCount(fixture) == before + 2)
    }

    @Test("a citizen who gave only a phone number is told by SMS, in their language; one who gave no contact is told nothing")
    func smsAndSilence() async throws {
        let fixture = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let (phoneCode, phoneID) = try await fixture.submit(Self.complaint(contact: #"{"phone":"0612345678"}"#, language: "ar"))
        #expect(try await fixture.step(phoneID, as: supervisor, #"{"type":"start"}"#).status == 200)
        #expect(try await fixture.step(
            phoneID, as: supervisor, #"{"type":"reply","text":"Pouvez-vous préciser l'adresse exacte, s'il vous plaît ?","asks_for_information":true}"#
        ).status == 200)
        #expect(try await recorded(fixture, code: phoneCode) == [
            Recorded(channel: "sms", template: "complaint.acknowledgement.sms", to: "+212612345678", language: "ar"),
            Recorded(channel: "sms", template: "complaint.status_changed.sms", to: "+212612345678", language: "ar"),
            Recorded(channel: "sms", template: "complaint.information_requested.sms", to: "+212612345678", language: "ar"),
        ])

        let silentJSON = #"{"category":"roads","subject":"Nid-de-poule dangereux","description":"Un trou profond devant l'école primaire, rue 12.","language":"fr"}"#
        let (silentCode, silentID) = try await fixture.submit(silentJSON)
        let before = try await outboxCount(fixture)
        #expect(try await fixture.step(silentID, as: supervisor, #"{"type":"answer","text":"\#(Self.reasoned)"}"#).status == 200)
        #expect(try await fixture.step(silentID, as: supervisor, #"{"type":"close"}"#).status == 200)
        #expect(try await recorded(fixture, code: silentCode).isEmpty)
        #expect(try await outboxCount(fixture) == before)
    }

    @Test("merging keeps every citizen informed: the merged one is told, then a decision on the survivor reaches all, through chains; anonymised ones hear nothing")
    func mergesInformEveryone() async throws {
        let fixture = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let (survivorCode, survivor) = try await fixture.submit(Self.email("survivor@example.ma", language: "ar"))
        let (mergedCode, merged) = try await fixture.submit(Self.email("merged@example.ma", language: "fr"))
        let (chainedCode, chained) = try await fixture.submit(Self.email("chained@example.ma", language: "en"))
        let (forgottenCode, forgotten) = try await fixture.submit(Self.email("forgotten@example.ma", language: "fr"))

        // chained → merged, then merged → survivor; forgotten → survivor, then anonymised.
        for (duplicate, target) in [(chained, merged), (merged, survivor), (forgotten, survivor)] {
            let response = try await fixture.step(duplicate, as: supervisor, #"{"type":"merge","into":"\#(target.uuidString.lowercased())"}"#)
            #expect(response.status == 200 && response.object["status"] as? String == "merged", "\(response.text)")
        }
        try await fixture.asOwner([
            "UPDATE complaints.complaints SET anonymised_at = now() WHERE tenant_id = \(fixture.tenant.id) AND id = \(forgotten)"
        ])

        let rejected = try await fixture.step(
            survivor, as: supervisor, #"{"type":"reject","reason":"Cette voie relève de la commune, pas du ministère."}"#)
        #expect(rejected.status == 200, "\(rejected.text)")

        #expect(try await recorded(fixture, code: survivorCode) == [
            Recorded(channel: "email", template: "complaint.acknowledgement", to: "survivor@example.ma", language: "ar"),
            Recorded(channel: "email", template: "complaint.rejected", to: "survivor@example.ma", language: "ar"),
        ])
        #expect(try await recorded(fixture, code: mergedCode) == [
            Recorded(channel: "email", template: "complaint.acknowledgement", to: "merged@example.ma", language: "fr"),
            Recorded(channel: "email", template: "complaint.merged", to: "merged@example.ma", language: "fr"),
            Recorded(channel: "email", template: "complaint.rejected", to: "merged@example.ma", language: "fr"),
        ])
        // Told of its own merge once, not again when the complaint it followed was merged in turn.
        #expect(try await recorded(fixture, code: chainedCode) == [
            Recorded(channel: "email", template: "complaint.acknowledgement", to: "chained@example.ma", language: "en"),
            Recorded(channel: "email", template: "complaint.merged", to: "chained@example.ma", language: "en"),
            Recorded(channel: "email", template: "complaint.rejected", to: "chained@example.ma", language: "en"),
        ])
        #expect(try await recorded(fixture, code: forgottenCode).map(\.template) == ["complaint.acknowledgement", "complaint.merged"])

        // The rejection's reason reaches the followers as it reached the survivor's citizen.
        let replies = try await fixture.stack.complaints.runtime.database.query(
            """
            SELECT DISTINCT payload->'variables'->>'reply' FROM complaints.outbox_messages
            WHERE tenant_id = \(fixture.tenant.id) AND topic = 'complaint.rejected'
            """,
            tenant: fixture.tenant.id)
        let reasons: [String] = try replies.map { try $0.decode(String.self) }
        #expect(reasons == ["Cette voie relève de la commune, pas du ministère."])
    }

    @Test("the served and the public OpenAPI documents describe complaint.status_changed in their webhooks, with its thin data")
    func documented() async throws {
        let stack = try await Stack.shared.value
        for response in [
            try await stack.request("GET", "/openapi.json", port: stack.complaints.address.port), try await stack.request("GET", "/v1/openapi.json"),
        ] {
            let webhooks = try Stack.json(response)["webhooks"] as? [String: Any] ?? [:]
            #expect(webhooks["complaint.status_changed"] != nil && webhooks["complaint.submitted"] != nil, "\(webhooks.keys)")
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(text.contains("from_status") && text.contains("to_status"))
        }
    }
}
