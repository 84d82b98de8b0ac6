import Testing
import GuichetCore

@Suite struct ContactFormatTests {
    @Test func acceptsUsualEmailAddresses() throws {
        for text in ["amina@example.ma", "a.b-c+tag@sub.example.gov.ma", "x@y.co", "o'neil@example.com", "user_1@xn--mgbc0a9azcg.ma",
            "A@EXAMPLE.MA", String(repeating: "a", count: 64) + "@example.ma"]
        {
            #expect(EmailAddress(text) != nil, "\(text)")
        }
        let email = try #require(EmailAddress("Amina.Alaoui@Example.MA"))
        #expect(email.value == "Amina.Alaoui@example.ma")
        #expect(email.localPart == "Amina.Alaoui" && email.domain == "example.ma")
        // Addresses that differ only in case are the same mailbox.
        #expect(email.lowercased == "amina.alaoui@example.ma")
        #expect(email == EmailAddress("amina.alaoui@EXAMPLE.ma"))
        #expect(Set([email, EmailAddress("AMINA.ALAOUI@example.ma")]).count == 1)
        #expect(email != EmailAddress("amina.alaoui2@example.ma"))
        #expect(EmailAddress("  Amina.Benali@Example.MA ".trimmingWhitespace())?.lowercased == "amina.benali@example.ma")
        #expect(EmailAddress("a+tag@sub.example.org")?.lowercased == "a+tag@sub.example.org")
    }

    @Test func rejectsAddressesThatCannotBeDelivered() {
        let longDomain = String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 63) + "." + String(repeating: "c", count: 63)
            + "." + String(repeating: "d", count: 61) + ".ma"
        for text in ["", "amina", "@example.ma", "amina@", "amina@example", "amina@@example.ma", "ami na@example.ma", ".amina@example.ma",
            "amina.@example.ma", "am..ina@example.ma", "amina@-example.ma", "amina@example-.ma", "amina@example..ma", "amina@.example.ma",
            "amina@example.ma.", "amina@192.168.0.1", "amina@[192.168.0.1]", "\"amina\"@example.ma", "amina@exa_mple.ma",
            "أمينة@example.ma", "amina@مثال.ma", String(repeating: "a", count: 65) + "@example.ma", "a@" + longDomain,
            "a@b.c\n", "amina@example.ma,other@example.ma", "a(comment)@example.ma", String(repeating: "a@b.ma", count: 100),
            "no-at.example", "a@b", "a@@example.ma", "a b@example.ma", "a@ex\u{0}ample.ma", " amina@example.ma"]
        {
            #expect(EmailAddress(text) == nil, "\(text.prefix(60))")
        }
    }

    @Test func normalisesPhoneNumbersToE164() {
        let cases: [(String, String)] = [
            ("0612345678", "+212612345678"),
            ("06 12 34 56 78", "+212612345678"),
            ("06-12-34-56-78", "+212612345678"),
            ("06.12.34.56.78", "+212612345678"),
            ("0522 12 34 56", "+212522123456"),
            ("07 00 11 22 33", "+212700112233"),
            ("+212 6 12 34 56 78", "+212612345678"),
            ("+212 (0) 6 12 34 56 78", "+212612345678"),
            ("00212612345678", "+212612345678"),
            ("212612345678", "+212612345678"),
            ("٠٦١٢٣٤٥٦٧٨", "+212612345678"),
            ("۰۶۱۲۳۴۵۶۷۸", "+212612345678"),
            ("+33 1 23 45 67 89", "+33123456789"),
            ("0033123456789", "+33123456789"),
            ("+1 (202) 555-0143", "+12025550143"),
            ("612345678", "+212612345678"),
            ("(06) 12.34.56.78", "+212612345678"),
            ("06\u{A0}12\u{A0}34\u{A0}56\u{A0}78", "+212612345678"),
            ("+212612345678", "+212612345678"),
            ("+33 6 12 34 56 78", "+33612345678"),
        ]
        for (typed, expected) in cases {
            #expect(PhoneNumber(typed)?.e164 == expected, "\(typed)")
        }
        #expect(PhoneNumber("0612345678")?.isMoroccan == true)
        #expect(PhoneNumber("+33123456789")?.isMoroccan == false)
        // National numbers of another country, by its calling code.
        #expect(PhoneNumber("0612345678", defaultCallingCode: "33")?.e164 == "+33612345678")
        #expect(PhoneNumber("+212612345678", defaultCallingCode: "33")?.e164 == "+212612345678")
        for badCode in ["x", "", "1234", "+33"] {
            #expect(PhoneNumber("0612345678", defaultCallingCode: badCode) == nil, "\(badCode)")
        }
    }

    @Test func rejectsWhatIsNotAPhoneNumber() {
        for text in ["", "+", "12345", "0412345678", "0912345678", "061234567", "06123456789", "+212 4 12 34 56 78", "+212 6 12 34 56",
            "+2126123456789", "+0 612345678", "6+12345678", "+33 1 23 45 67 89 01 23 45", "06 12 34 56 7a", "tel:0612345678",
            "0612345678 ext 5", "++212612345678", "0612345678\n", "06/12/34/56/78", String(repeating: "0", count: 41), "1234567",
            "12", "06 12 34 56 78 ext 9", "+212 6+12345678", "+0612345678", "1234567890123456", "phone", "06\u{200F}12345678"]
        {
            #expect(PhoneNumber(text) == nil, "\(text)")
        }
    }
}
