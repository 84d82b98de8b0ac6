@testable import GuichetNotifications
import Testing

@Suite("SMS length: GSM-7 and UCS-2 segments")
struct SMSTextTests {
    @Test("GSM-7: 160 characters in one SMS, 153 per part beyond", arguments: [
        (0, 1), (1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4),
    ])
    func gsm(length: Int, segments: Int) {
        let text = SMSText(String(repeating: "a", count: length))
        #expect(text.encoding == .gsm7)
        #expect(text.units == length)
        #expect(text.segments == segments)
    }

    @Test("the extension table costs two septets, and an escape is never split across parts")
    func extended() {
        #expect(SMSText(String(repeating: "€", count: 80)).units == 160)
        #expect(SMSText(String(repeating: "€", count: 80)).segments == 1)
        #expect(SMSText(String(repeating: "€", count: 81)).segments == 2)
        #expect(SMSText("{[~]}|^\\").encoding == .gsm7)
        // 306 septets fit in two parts of 153, but not with a two-septet € straddling the boundary.
        #expect(SMSText(String(repeating: "a", count: 306)).segments == 2)
        #expect(SMSText(String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)).segments == 3)
    }

    @Test("French accents of the GSM alphabet stay GSM-7; others switch to UCS-2", arguments: [
        ("Réclamation reçue à 10h — merci", SMSText.Encoding.ucs2), ("Votre demande a été traitée à Fès", .gsm7),
        ("ç", .ucs2), ("Ç", .gsm7), ("ê", .ucs2), ("Ñoño ¿? ¡! ü", .gsm7),
    ])
    func accents(text: String, encoding: SMSText.Encoding) {
        #expect(SMSText(text).encoding == encoding)
    }

    @Test("Arabic is UCS-2: 70 characters in one SMS, 67 per part")
    func arabic() {
        let letter = "ب"
        #expect(SMSText("تم استلام طلبكم").encoding == .ucs2)
        #expect(SMSText(String(repeating: letter, count: 70)).segments == 1)
        #expect(SMSText(String(repeating: letter, count: 71)).segments == 2)
        #expect(SMSText(String(repeating: letter, count: 134)).segments == 2)
        #expect(SMSText(String(repeating: letter, count: 135)).segments == 3)
    }

    @Test("an emoji takes two UTF-16 units and is never split")
    func emoji() {
        #expect(SMSText(String(repeating: "😀", count: 35)).units == 70)
        #expect(SMSText(String(repeating: "😀", count: 35)).segments == 1)
        // 36 emoji = 72 units: 33 in the first part (66 units, a 34th would not fit in 67), 3 in the second.
        #expect(SMSText(String(repeating: "😀", count: 36)).segments == 2)
        #expect(SMSText("a" + String(repeating: "😀", count: 67)).segments == 3)
    }
}
