import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetNotifications
import Testing
@testable import Complaints

@Suite struct ComplaintNoticeMessageTests {
    let both = ContactDetails(name: "Amal", email: EmailAddress("amal@example.ma"), phone: PhoneNumber("0612345678"))
    let casablanca = TimeZone.named("Africa/Casablanca") ?? .casablanca

    func recipient(_ contact: ContactDetails, language: Language = .ar) -> ComplaintNotice.Recipient {
        ComplaintNotice.Recipient(complaintID: UUID(), trackingCode: "7KQ3-M9XD-2TNB-HV0R", language: language, contact: contact)
    }

    func render(_ message: ComplaintNotifications.NoticeMessage) throws -> RenderedNotification {
        switch message {
        case .email(let payload):
            let definition = try #require(ComplaintNotifications.templates[payload.template])
            #expect(definition.medium == .email)
            return TemplateRenderer.render(try #require(definition.defaults[payload.language]), language: payload.language, values: payload.variables)
        case .sms(let payload):
            let definition = try #require(ComplaintNotifications.templates[payload.template])
            #expect(definition.medium == .sms)
            return TemplateRenderer.render(try #require(definition.defaults[payload.language]), language: payload.language, values: payload.variables)
        }
    }

    @Test func anAnswerGoesByEmailInTheCitizensLanguageWithItsReply() throws {
        let notice = ComplaintNotice(
            topic: .statusChanged, recipient: recipient(both), status: .answered, reply: "تم إصلاح الحفرة يوم 12 مارس.")
        let message = try #require(ComplaintNotifications.message(for: notice, redirectedTo: nil, timeZone: casablanca))
        guard case .email(let payload) = message else {
            Issue.record("an SMS although an address was given: \(message)")
            return
        }
        #expect(payload.to == "amal@example.ma" && payload.name == "Amal" && payload.language == .ar)
        #expect(payload.template == "complaint.answered")
        #expect(payload.variables["status_name"] == ComplaintStatus.answered.displayName.text(in: .ar))
        let rendered = try render(message)
        #expect(rendered.subject?.contains("7KQ3-M9XD-2TNB-HV0R") == true)
        #expect(rendered.text.contains("تم إصلاح الحفرة يوم 12 مارس.") && rendered.text.contains("رد"))
        #expect(rendered.html?.contains("dir=\"rtl\"") == true)
        #expect(!rendered.text.contains("{{"))
    }

    @Test func aPhoneOnlyCitizenGetsTheSMSTwinAndNobodyWithoutContactGetsAnything() throws {
        let phoneOnly = ContactDetails(phone: PhoneNumber("0612345678"))
        let notice = ComplaintNotice(topic: .informationRequested, recipient: recipient(phoneOnly, language: .en), status: .inProgress, reply: "Which street?")
        let message = try #require(ComplaintNotifications.message(for: notice, redirectedTo: nil, timeZone: casablanca))
        guard case .sms(let payload) = message else {
            Issue.record("not an SMS: \(message)")
            return
        }
        #expect(payload.to == "+212612345678" && payload.language == .en && payload.template == "complaint.information_requested.sms")
        let rendered = try render(message)
        #expect(rendered.text.contains("7KQ3-M9XD-2TNB-HV0R") && rendered.text.contains("information") && rendered.subject == nil)

        let silent = ComplaintNotice(topic: .replied, recipient: recipient(.none), status: .assigned, reply: "x")
        #expect(ComplaintNotifications.message(for: silent, redirectedTo: nil, timeZone: casablanca) == nil)
        let nameOnly = ComplaintNotice(topic: .replied, recipient: recipient(ContactDetails(name: "Karim")), status: .assigned, reply: "x")
        #expect(ComplaintNotifications.message(for: nameOnly, redirectedTo: nil, timeZone: casablanca) == nil)
    }

    @Test(arguments: ComplaintStatus.allCases)
    func everyChangeOfStatusHasAnEmailAndAnSMSTemplateInEveryLanguage(status: ComplaintStatus) throws {
        let names = NoticeTemplates.names(for: .statusChanged, status: status)
        let email = try #require(ComplaintNotifications.templates[names.email])
        let sms = try #require(ComplaintNotifications.templates[names.sms])
        #expect(email.medium == .email && sms.medium == .sms)
        for language in Language.allCases {
            let notice = ComplaintNotice(
                topic: .statusChanged, recipient: recipient(both, language: language), status: status, reply: "Réponse motivée.",
                answerDue: status.awaitsAnswer ? Date(timeIntervalSince1970: 1_800_000_000) : nil)
            let message = try #require(ComplaintNotifications.message(for: notice, redirectedTo: nil, timeZone: casablanca))
            guard case .email(let payload) = message else { continue }
            // Every value given is one the template declares, so a tenant's wording may use it.
            #expect(Set(payload.variables.keys).isSubset(of: email.allowedVariables))
            #expect(Set(payload.variables.keys).isSubset(of: sms.allowedVariables))
            let rendered = try render(message)
            #expect(rendered.text.contains("7KQ3-M9XD-2TNB-HV0R"), "\(status) \(language)")
            #expect(rendered.subject?.isEmpty == false)
        }
    }

    @Test func theDeadlineIsWrittenInTheTenantsTimeZoneAndTheRedirectionOnlyForARejection() throws {
        // 2027-01-15 08:00 UTC is 09:00 in Casablanca (UTC+1 outside Ramadan).
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let acknowledged = ComplaintNotice(topic: .statusChanged, recipient: recipient(both, language: .fr), status: .acknowledged, answerDue: due)
        guard case .email(let payload)? = ComplaintNotifications.message(for: acknowledged, redirectedTo: "autre", timeZone: casablanca) else {
            Issue.record("no email")
            return
        }
        #expect(payload.template == "complaint.status_changed")
        #expect(payload.variables["answer_due"] == "15/01/2027 09:00")
        #expect(payload.variables["redirected_to"] == "")
        #expect(try render(.email(payload)).text.contains(payload.variables["answer_due"] ?? "?"))

        let rejected = ComplaintNotice(topic: .statusChanged, recipient: recipient(both, language: .fr), status: .rejected, reply: "Hors compétence.")
        guard case .email(let refusal)? = ComplaintNotifications.message(for: rejected, redirectedTo: "autre", timeZone: casablanca) else {
            Issue.record("no email")
            return
        }
        #expect(refusal.template == "complaint.rejected" && refusal.variables["redirected_to"] == "autre")
        #expect(try render(.email(refusal)).text.contains("Hors compétence."))
    }

    @Test func repliesAndMergesHaveTheirOwnTemplates() {
        #expect(NoticeTemplates.names(for: .replied, status: .inProgress) == ("complaint.replied", "complaint.replied.sms"))
        #expect(NoticeTemplates.names(for: .informationRequested, status: .assigned).email == "complaint.information_requested")
        #expect(NoticeTemplates.names(for: .statusChanged, status: .merged).email == "complaint.merged")
        #expect(NoticeTemplates.names(for: .statusChanged, status: .reopened).sms == "complaint.status_changed.sms")
        #expect(NoticeTemplates.names(for: .received, status: .received).email == "complaint.acknowledgement")
    }

    @Test func aTenantsWordingMustKeepTheReplyOfAnAnswerAndUseOnlyDeclaredVariables() throws {
        let answered = try #require(ComplaintNotifications.templates["complaint.answered"])
        let withoutReply = NotificationTemplate(subject: "Réponse {{tracking_code}}", text: "Votre demande {{tracking_code}} a une réponse.")
        #expect(answered.validate(withoutReply).map(\.field) == ["/text"])
        let unknown = NotificationTemplate(subject: "x", text: "{{tracking_code}} {{reply}} {{email}}")
        #expect(!answered.validate(unknown).isEmpty)
        let good = NotificationTemplate(subject: "{{status_name}}", text: "{{name}}, {{tracking_code}} : {{reply}} ({{answer_due}})")
        #expect(answered.validate(good).isEmpty)
        let sms = try #require(ComplaintNotifications.templates["complaint.closed.sms"])
        #expect(!sms.validate(NotificationTemplate(subject: "x", text: "{{tracking_code}}")).isEmpty)
    }

    @Test func theStatusChangedEventIsDeclaredAndCarriesNoContactNorText() throws {
        #expect(ComplaintNotifications.events.names == ["complaint.status_changed", "complaint.submitted"])
        let data = ComplaintNotifications.StatusChangedData(
            id: "01a2427a-cce5-712d-b770-8d6efec68b8b", trackingCode: "7KQ3-M9XD-2TNB-HV0R", category: "roads", fromStatus: "in_progress",
            toStatus: "merged", mergedInto: "01a2427a-cce5-712d-b770-8d6efec68b8c", redirectedTo: nil)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(try JSONCoding.encode(data)))
        let members = try #require(json.objectValue)
        #expect(Set(members.keys) == ["id", "tracking_code", "category", "from_status", "to_status", "merged_into"])
        let schema = try #require(ComplaintNotifications.statusChanged.dataSchema["properties"]?.objectValue)
        #expect(Set(members.keys).isSubset(of: Set(schema.keys)))
    }
}
