import GuichetCore
import Testing

@testable import Appointments

@Suite struct ContactDetailsBookingTests {
    @Test func parsingReportsFieldErrors() {
        let ok = ContactDetails.parseBooking(name: "  Amina ", phone: "06 12 34 56 78", email: nil)
        #expect(ok.errors.isEmpty)
        #expect(ok.contact == ContactDetails(name: "Amina", phone: PhoneNumber("+212612345678")))
        let none = ContactDetails.parseBooking(name: "Amina", phone: " ", email: nil)
        #expect(none.contact == nil)
        #expect(none.errors.map(\.field) == ["/contact/phone", "/contact/email"])
        #expect(none.errors.allSatisfy { $0.code == "required" })
        let bad = ContactDetails.parseBooking(name: String(repeating: "n", count: 201), phone: "12", email: "nope")
        #expect(Set(bad.errors.map { "\($0.field) \($0.code)" }) == ["/contact/name too_long", "/contact/phone invalid_format", "/contact/email invalid_format"])
        let trimmed = ContactDetails.parseBooking(name: nil, phone: nil, email: "  Amina.Benali@Example.MA ")
        #expect(trimmed.contact?.email?.lowercased == "amina.benali@example.ma")
        let french = ContactDetails.parseBooking(name: nil, phone: "0612345678", email: nil, defaultCallingCode: "33")
        #expect(french.contact?.phone?.e164 == "+33612345678")
    }

    @Test func theSecondFactorIsThePhoneOrTheEmail() {
        let contact = ContactDetails(name: "Amina", email: EmailAddress("amina@example.ma"), phone: PhoneNumber("+212612345678"))
        #expect(contact.accepts("06 12 34 56 78"))
        #expect(contact.accepts("+212612345678"))
        #expect(contact.accepts("AMINA@example.MA"))
        #expect(contact.accepts(" amina@example.ma\n"))
        #expect(!contact.accepts("0612345679"))
        #expect(!contact.accepts("amina@example.com"))
        #expect(!contact.accepts(""))
        #expect(!contact.accepts("\u{0}no phone"))
        let emailOnly = ContactDetails(email: EmailAddress("amina@example.ma"))
        #expect(emailOnly.accepts("amina@example.ma"))
        #expect(!emailOnly.accepts("0612345678"))
        #expect(!ContactDetails().accepts("amina@example.ma"))
    }

    @Test func theSamePersonSharesAPhoneOrAnEmail() {
        let amina = ContactDetails(name: "Amina", email: EmailAddress("Amina@Example.ma"))
        #expect(amina.isSamePerson(as: ContactDetails(email: EmailAddress("amina@example.ma"))))
        #expect(!amina.isSamePerson(as: ContactDetails(phone: PhoneNumber("0612345678"))))
        #expect(!ContactDetails().isSamePerson(as: ContactDetails()))
    }
}
