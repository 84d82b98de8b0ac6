import GuichetCore
import Testing

@testable import Appointments

@Suite struct BookingContactTests {
    @Test func phonesNormaliseToE164() {
        for typed in ["0612345678", "06 12 34 56 78", "06-12-34-56-78", "+212 6 12 34 56 78", "00212612345678", "612345678", "(06) 12.34.56.78", "٠٦١٢٣٤٥٦٧٨", "+212612345678"] {
            #expect(BookingContact.normalizePhone(typed) == "+212612345678", "\(typed)")
        }
        #expect(BookingContact.normalizePhone("+33 6 12 34 56 78") == "+33612345678")
        #expect(BookingContact.normalizePhone("0612345678", defaultCallingCode: "33") == "+33612345678")
        for bad in ["", "+", "12", "06 12 34 56 78 ext 9", "+212 6+12345678", "+0612345678", "1234567890123456", "phone", "06\u{200F}12345678"] {
            #expect(BookingContact.normalizePhone(bad) == nil, "\(bad)")
        }
        #expect(BookingContact.normalizePhone("0612345678", defaultCallingCode: "x") == nil)
    }

    @Test func emailsNormaliseToLowerCase() {
        #expect(BookingContact.normalizeEmail("  Amina.Benali@Example.MA ") == "amina.benali@example.ma")
        #expect(BookingContact.normalizeEmail("a+tag@sub.example.org") == "a+tag@sub.example.org")
        for bad in ["", "no-at.example", "a@b", "@example.ma", "a@@example.ma", "a@example..ma", "a b@example.ma", "a@.example.ma", "a@example.ma.", "a@ex\u{0}ample.ma", String(repeating: "x", count: 65) + "@example.ma"] {
            #expect(BookingContact.normalizeEmail(bad) == nil, "\(bad)")
        }
    }

    @Test func parsingReportsFieldErrors() {
        let ok = BookingContact.parse(name: "  Amina ", phone: "06 12 34 56 78", email: nil)
        #expect(ok.errors.isEmpty)
        #expect(ok.contact == BookingContact(name: "Amina", phone: "+212612345678", email: nil))
        let none = BookingContact.parse(name: "Amina", phone: " ", email: nil)
        #expect(none.contact == nil)
        #expect(none.errors.map(\.field) == ["/contact/phone", "/contact/email"])
        #expect(none.errors.allSatisfy { $0.code == "required" })
        let bad = BookingContact.parse(name: String(repeating: "n", count: 201), phone: "12", email: "nope")
        #expect(Set(bad.errors.map { "\($0.field) \($0.code)" }) == ["/contact/name too_long", "/contact/phone invalid_format", "/contact/email invalid_format"])
    }

    @Test func theSecondFactorIsThePhoneOrTheEmail() {
        let contact = BookingContact(name: "Amina", phone: "+212612345678", email: "amina@example.ma")
        #expect(contact.accepts("06 12 34 56 78"))
        #expect(contact.accepts("+212612345678"))
        #expect(contact.accepts("AMINA@example.MA"))
        #expect(!contact.accepts("0612345679"))
        #expect(!contact.accepts("amina@example.com"))
        #expect(!contact.accepts(""))
        #expect(!contact.accepts("\u{0}no phone"))
        let emailOnly = BookingContact(email: "amina@example.ma")
        #expect(emailOnly.accepts("amina@example.ma"))
        #expect(!emailOnly.accepts("0612345678"))
        #expect(!BookingContact().accepts("amina@example.ma"))
    }
}
