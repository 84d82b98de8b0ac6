import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetNotifications
import Testing

@testable import Mail

@Suite struct AcknowledgementEmailVariablesTests {
    let acknowledgement = Acknowledgement(
        tenantName: LocalizedText(fr: "Ministère de la Santé", ar: "وزارة الصحة", en: "Ministry of Health"),
        registryNumber: "2026/A/000123", receivedAt: MailFixtures.instant("2026-03-10T09:05:00Z"), timeZone: .casablanca,
        subject: "Demande <urgente>", correspondentName: "Mohamed El Alami",
        responsibleUnit: LocalizedText(fr: "Direction des affaires juridiques", ar: "مديرية الشؤون القانونية", en: "Legal Affairs Directorate"),
        dueDate: LocalDate("2026-04-07"))

    @Test func theLawsFactsInTheDocumentsLanguageWithTheStoredTextsHash() {
        let document = acknowledgement.rendered(in: .fr)
        let values = acknowledgement.emailVariables(for: document, registeredAt: MailFixtures.instant("2026-03-10T10:30:00Z"))
        #expect(values["registry_number"] == "2026/A/000123")
        #expect(values["registered_at"] == "10 mars 2026 à 10:30")
        #expect(values["received_at"] == "10 mars 2026 à 09:05")
        #expect(values["responsible_unit"] == "Direction des affaires juridiques")
        #expect(values["due_date"] == "au plus tard le 7 avril 2026")
        #expect(values["acknowledgement_text"] == document.plainText)
        #expect(values["acknowledgement_sha256"] == SHA256.hexHash(document.plainText))
        #expect(Set(values.keys) == Acknowledgement.EmailVariable.required.union(Acknowledgement.EmailVariable.optional))
    }

    @Test func withoutADeadlineTheDueDateSaysSo() {
        var undated = acknowledgement
        undated.dueDate = nil
        let values = undated.emailVariables(for: undated.rendered(in: .ar), registeredAt: undated.receivedAt)
        #expect(values["due_date"] == "بدون أجل محدد للرد")
        #expect(values["responsible_unit"] == "مديرية الشؤون القانونية")
    }

    @Test func theDefaultEmailsRenderEveryValueAndEscapeThemInHTML() throws {
        for language in Language.allCases {
            let document = acknowledgement.rendered(in: language)
            let values = acknowledgement.emailVariables(for: document, registeredAt: acknowledgement.receivedAt)
            let wording = try #require(MailNotifications.acknowledgement.defaults[language])
            let rendered = TemplateRenderer.render(wording, language: language, values: values)
            #expect(rendered.subject?.contains("2026/A/000123") == true)
            for name in Acknowledgement.EmailVariable.required {
                #expect(rendered.text.contains(values[name]!), "\(language) text lacks \(name)")
            }
            #expect(rendered.text.contains(document.plainTextSHA256))
            #expect(rendered.html?.contains("Demande &lt;urgente&gt;") == true)
            #expect(!(rendered.html ?? "").contains("{{"))
        }
    }

    @Test func aRewordingWithoutTheDueDateIsRefused() {
        let wording = NotificationTemplate(
            subject: "AR {{registry_number}}", text: "{{registry_number}} {{registered_at}} {{responsible_unit}}")
        let errors = MailNotifications.acknowledgement.validate(wording)
        #expect(errors.map(\.field) == ["/text"])
        #expect(MailNotifications.acknowledgement.validate(NotificationTemplate(
            subject: "AR", text: "{{registry_number}} {{registered_at}} {{responsible_unit}} {{due_date}} {{secret}}")).count == 1)
    }
}
