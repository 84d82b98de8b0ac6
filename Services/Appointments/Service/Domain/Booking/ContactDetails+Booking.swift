public import GuichetCore
import GuichetCrypto

// A booking's contact: how to reach the person a booking is for, and the second factor that, with the
// booking code, lets them cancel or move it — their phone number or email address.

extension ContactDetails {
    /// The longest name a booking accepts, in characters.
    public static let bookingNameRule = TextRule(minimumLength: 0, maximumLength: 200)

    /// A booking's contact from what a person typed (see ``parse(name:email:phone:nameRule:defaultCallingCode:at:errors:)``),
    /// or the field errors: `<pointer>/name`, `/phone` and `/email` when malformed, and `required`
    /// on both `/phone` and `/email` when neither is given.
    public static func parseBooking(
        name: String?, phone: String?, email: String?, defaultCallingCode: String = PhoneNumber.moroccoCountryCode,
        pointer: String = "/contact"
    ) -> (contact: ContactDetails?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let contact = ContactDetails.parse(
            name: name, email: email, phone: phone, nameRule: bookingNameRule, defaultCallingCode: defaultCallingCode,
            at: pointer, errors: &errors)
        if (phone ?? "").isBlank && (email ?? "").isBlank {
            errors.append(.required(pointer + "/phone"))
            errors.append(.required(pointer + "/email"))
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (contact, [])
    }

    /// Whether `provided` (a phone number or an email address as typed) is this contact's phone or
    /// email. Both are always compared, as SHA-256 digests in constant time, so the answer's timing
    /// reveals neither which one matched nor how much of it.
    public func accepts(_ provided: String, defaultCallingCode: String = PhoneNumber.moroccoCountryCode) -> Bool {
        let typed = provided.trimmingWhitespace()
        let candidate = typed.contains("@")
            ? EmailAddress(typed)?.lowercased : PhoneNumber(typed, defaultCallingCode: defaultCallingCode)?.e164
        // An unusable input still costs the same two comparisons, against a value no stored phone
        // or email can equal (they never contain NUL).
        let probe = SHA256.hash(Array((candidate ?? "\u{0}invalid").utf8))
        let phoneDigest = SHA256.hash(Array((phone?.e164 ?? "\u{0}no phone").utf8))
        let emailDigest = SHA256.hash(Array((email?.lowercased ?? "\u{0}no email").utf8))
        let phoneMatches = constantTimeEquals(probe, phoneDigest)
        let emailMatches = constantTimeEquals(probe, emailDigest)
        return candidate != nil && (phoneMatches || emailMatches)
    }

    /// Whether two contacts share a phone or an email (as normalised).
    func isSamePerson(as other: ContactDetails) -> Bool {
        (phone != nil && phone == other.phone) || (email != nil && email == other.email)
    }
}
