import Foundation
import GuichetCore
@testable import GuichetNotifications
import Testing

@Suite("Templates: parsing, rendering, checks when saved")
struct TemplateTests {
    @Test("placeholders are found, spaces inside braces allowed, values put in place")
    func render() throws {
        let text = try TemplateText(parsing: "Code {{ code }} pour {{name}}{{name}}.")
        #expect(text.variables == ["code", "name"])
        #expect(text.render(["code": "7K3M", "name": "A"]) == "Code 7K3M pour AA.")
        #expect(text.render([:]) == "Code  pour .")
        #expect(try TemplateText(parsing: "").variables.isEmpty)
        #expect(try TemplateText(parsing: "{ not a variable } { {").render([:]) == "{ not a variable } { {")
    }

    @Test("HTML escaping of values, never of the template's own markup; subjects on one line")
    func escaping() throws {
        let text = try TemplateText(parsing: "<p>{{name}}</p>")
        #expect(text.render(["name": "<script>alert('x')&\"</script>"], escaping: .html)
            == "<p>&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;</p>")
        let subject = try TemplateText(parsing: "Avis {{code}}")
        #expect(subject.render(["code": "1\r\nBcc: evil@example.com"], escaping: .singleLine) == "Avis 1  Bcc: evil@example.com")
    }

    @Test("malformed templates are refused", arguments: ["Code {{code", "Code code}}", "{{Code}}", "{{1code}}", "{{co-de}}", "{{}}", "{{ a b }}"])
    func malformed(source: String) {
        #expect(throws: TemplateSyntaxError.self) { _ = try TemplateText(parsing: source) }
    }

    @Test("a wording with an unknown variable, without a required one, or without a subject is refused when saved")
    func validation() {
        let notice = NotificationsTestService.notice
        #expect(notice.validate(NotificationTemplate(subject: "Avis {{code}}", text: "Code {{code}}, {{name}}")) == [])
        let unknown = notice.validate(NotificationTemplate(subject: "Avis", text: "Code {{code}} {{secret}}"))
        #expect(unknown.map(\.code) == ["unknown_variable"])
        #expect(unknown.first?.field == "/text")
        #expect(unknown.first?.parameters["variable"] == .string("secret"))
        let missing = notice.validate(NotificationTemplate(subject: "Avis {{code}}", text: "Bonjour {{name}}"))
        #expect(missing.map(\.code) == ["missing_variable"])
        #expect(missing.first?.parameters["variable"] == .string("code"))
        // The HTML, when given, must carry the required variables too; the subject need not.
        let html = notice.validate(NotificationTemplate(subject: "Avis", text: "{{code}}", html: "<p>Bonjour</p>"))
        #expect(html.map(\.field) == ["/html"])
        #expect(notice.validate(NotificationTemplate(subject: nil, text: "{{code}}")).map(\.code) == ["required"])
        #expect(notice.validate(NotificationTemplate(subject: "a\nb", text: "{{code}}")).map(\.code) == ["control_character"])
        #expect(notice.validate(NotificationTemplate(subject: "Avis", text: "  \n")).map(\.code) == ["required"])
        #expect(notice.validate(NotificationTemplate(subject: "Avis {{code", text: "{{code}}")).map(\.code) == ["template_syntax"])
        let sms = NotificationsTestService.reminder
        #expect(sms.validate(NotificationTemplate(text: "R {{code}}")) == [])
        #expect(sms.validate(NotificationTemplate(subject: "S", text: "R {{code}}", html: "<p>")).map(\.code) == ["not_allowed", "not_allowed"])
    }

    @Test("rendering: the text's own HTML is laid out in the language's direction, with values escaped")
    func rendering() {
        let french = TemplateRenderer.render(
            NotificationsTestService.notice.defaults[.fr]!, language: .fr, values: ["code": "7K3M", "name": "<Amina>"])
        #expect(french.subject == "Avis 7K3M")
        #expect(french.text == "Bonjour <Amina>, votre code : 7K3M")
        #expect(french.html?.contains("<html lang=\"fr\" dir=\"ltr\">") == true)
        #expect(french.html?.contains("&lt;Amina&gt;") == true)
        let arabic = TemplateRenderer.render(NotificationsTestService.notice.defaults[.ar]!, language: .ar, values: ["code": "7K3M"])
        #expect(arabic.html?.contains("<html lang=\"ar\" dir=\"rtl\">") == true)
        #expect(arabic.html?.contains("<p>رمزكم: <b>7K3M</b></p>") == true)
        let sms = TemplateRenderer.render(NotificationsTestService.reminder.defaults[.en]!, language: .en, values: ["code": "9"])
        #expect(sms.html == nil && sms.subject == nil && sms.text == "Reminder: 9")
    }
}
