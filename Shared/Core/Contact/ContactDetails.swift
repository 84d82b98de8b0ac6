/// How to reach a person — the one who submitted a complaint, the one a booking is for: a name, an
/// email address and a phone number, each optional.
public struct ContactDetails: Sendable, Hashable {
    /// The person's name as they gave it (cleaned by a ``TextRule``).
    public var name: String?
    /// Their email address.
    public var email: EmailAddress?
    /// Their phone number, in E.164 form.
    public var phone: PhoneNumber?

    /// Contact details from their parts.
    public init(name: String? = nil, email: EmailAddress? = nil, phone: PhoneNumber? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }

    /// No contact details: an anonymous person.
    public static let none = ContactDetails()

    /// Whether nothing was given.
    public var isEmpty: Bool { name == nil && email == nil && phone == nil }

    /// Whether the person can be notified (by email or SMS).
    public var isReachable: Bool { email != nil || phone != nil }
}

extension ContactDetails {
    /// Contact details from what a person typed. An absent or blank part is absent; the name is
    /// cleaned by `nameRule`, the email and phone are trimmed and parsed (a national phone number
    /// in the country of `defaultCallingCode`). Each invalid part appends an error at
    /// `<pointer>/name`, `<pointer>/email` (``FieldError/invalidEmail(_:)``) or `<pointer>/phone`
    /// (``FieldError/invalidPhone(_:)``) and is left out.
    public static func parse(
        name: String?, email: String?, phone: String?, nameRule: TextRule,
        defaultCallingCode: String = PhoneNumber.moroccoCountryCode, at pointer: String, errors: inout [FieldError]
    ) -> ContactDetails {
        var details = ContactDetails()
        if let name, !name.isBlank {
            details.name = nameRule.clean(name, field: pointer + "/name", errors: &errors)
        }
        if let email, !email.isBlank {
            details.email = EmailAddress(email.trimmingWhitespace())
            if details.email == nil { errors.append(.invalidEmail(pointer + "/email")) }
        }
        if let phone, !phone.isBlank {
            details.phone = PhoneNumber(phone.trimmingWhitespace(), defaultCallingCode: defaultCallingCode)
            if details.phone == nil { errors.append(.invalidPhone(pointer + "/phone")) }
        }
        return details
    }
}
