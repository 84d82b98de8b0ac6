/// How to reach the person who submitted a complaint; every part optional (anonymous complaints
/// are allowed), and never shown publicly, in exports or through Open311.
public struct ContactDetails: Sendable, Hashable {
    /// The person's name as they gave it.
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

    /// No contact details: an anonymous submission.
    public static let none = ContactDetails()

    /// Whether nothing was given.
    public var isEmpty: Bool { name == nil && email == nil && phone == nil }

    /// Whether the person can be notified (by email or SMS).
    public var isReachable: Bool { email != nil || phone != nil }
}
