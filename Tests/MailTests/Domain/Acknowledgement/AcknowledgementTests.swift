import FoundationEssentials
import GuichetCore
import GuichetCrypto
import Testing

@testable import Mail

@Suite struct AcknowledgementTests {
    let acknowledgement = Acknowledgement(
        tenantName: LocalizedText(fr: "Ministère de la Santé", ar: "وزارة الصحة", en: "Ministry of Health"),
        registryNumber: "2026/A/000123", receivedAt: MailFixtures.instant("2026-03-10T09:05:00Z"), timeZone: .casablanca,  // UTC+0 during Ramadan
        subject: "Demande de copie du dossier <médical>", correspondentName: "Mohamed El Alami",
        responsibleUnit: LocalizedText(fr: "Direction des affaires juridiques", ar: "مديرية الشؤون القانونية", en: "Legal Affairs Directorate"),
        dueDate: LocalDate("2026-04-07"))

    @Test func frenchPlainText() {
        let document = acknowledgement.rendered(in: .fr)
        #expect(document.plainText == """
            Ministère de la Santé
            Accusé de réception

            N° d'enregistrement : 2026/A/000123
            Reçu le : 10 mars 2026 à 09:05
            Objet : Demande de copie du dossier <médical>
            Expéditeur : Mohamed El Alami
            Service chargé du traitement : Direction des affaires juridiques
            Délai de réponse : au plus tard le 7 avril 2026

            Ce récépissé est délivré conformément à la loi n° 55-19 relative à la simplification des procédures et formalités administratives. Rappelez le numéro d'enregistrement dans toute correspondance.

            """)
    }

    @Test func arabicIsRightToLeftWithTheNumberIsolated() {
        let document = acknowledgement.rendered(in: .ar)
        #expect(document.html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(document.html.contains("<dd><bdi dir=\"ltr\">2026/A/000123</bdi></dd>"))
        #expect(document.html.contains("<dt>تاريخ التوصل</dt><dd>10 مارس 2026 على الساعة 09:05</dd>"))
        #expect(document.html.contains("<dd>في أجل أقصاه 7 أبريل 2026</dd>"))
        #expect(document.html.contains("<h1>وزارة الصحة</h1>"))
        #expect(document.plainText.contains("رقم التسجيل: \u{2066}2026/A/000123\u{2069}\n"))
        #expect(document.plainText.contains("55.19"))
    }

    @Test func htmlIsEscapedAndComplete() {
        let document = acknowledgement.rendered(in: .fr)
        #expect(document.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(document.html.contains("<dd>Demande de copie du dossier &lt;médical&gt;</dd>"))
        #expect(document.html.contains("<dt>N° d&#39;enregistrement</dt>"))
        #expect(!document.html.contains("<médical>"))
        #expect(document.html.hasSuffix("</body>\n</html>\n"))
    }

    @Test func hashesAreOfTheRenderedBytesAndStable() {
        let document = acknowledgement.rendered(in: .fr)
        #expect(document.htmlSHA256 == SHA256.hexHash(document.html))
        #expect(document.plainTextSHA256 == SHA256.hexHash(document.plainText))
        #expect(acknowledgement.rendered(in: .fr) == document, "sending again reproduces the stored document")
        #expect(acknowledgement.rendered(in: .ar).htmlSHA256 != document.htmlSHA256)
        var changed = acknowledgement
        changed.dueDate = LocalDate("2026-04-08")
        #expect(changed.rendered(in: .fr).htmlSHA256 != document.htmlSHA256)
    }

    @Test func optionalLinesAreLeftOut() {
        var plain = acknowledgement
        plain.correspondentName = nil
        plain.dueDate = nil
        let document = plain.rendered(in: .en)
        #expect(!document.plainText.contains("Sender") && !document.plainText.contains("Reply due"))
        #expect(document.plainText.contains("Received on: 10 March 2026 at 09:05\n"))
        #expect(document.plainText.contains("Unit responsible: Legal Affairs Directorate\n"))
    }

    @Test func datesAreWrittenInTheTenantsZone() throws {
        // 23:30 UTC on 31 December is already New Year in Casablanca (UTC+1).
        #expect(MailDateText.dayAndTime(MailFixtures.instant("2026-12-31T23:30:00Z"), in: .casablanca, language: .fr) == "1 janvier 2027 à 00:30")
        #expect(MailDateText.day(try #require(LocalDate("2026-08-15")), in: .ar) == "15 غشت 2026")
        #expect(MailDateText.day(try #require(LocalDate("2026-12-01")), in: .en) == "1 December 2026")
    }
}
