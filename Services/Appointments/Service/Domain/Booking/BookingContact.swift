import GuichetCore
import GuichetCrypto

/// How to reach the person a booking is for, and the second factor that, with the booking code,
/// lets them cancel or move it: their phone number or email address.
///
/// Both are kept normalised (``normalizePhone(_:defaultCallingCode:)``, ``normalizeEmail(_:)``)
/// so that `06 12-34-56-78` and `+212612345678` are the same phone.
public struct BookingContact: Sendable, Hashable {
    /// The person's name as given (optional; shown to agents).
    public var name: String?
    /// The phone in E.164 form (`+212612345678`), if given.
    public var phone: String?
    /// The email address in lower case, if given.
    public var email: String?

    /// A contact from values already normalised (as read back from the store).
    public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }

    /// A contact from what a person typed, normalised; field errors (`/contact/phone`,
    /// `/contact/email`, `/contact/name`) when a value is malformed or when neither a phone nor an
    /// email is given.
    public static func parse(
        name: String?, phone: String?, email: String?, defaultCallingCode: String = "212", pointer: String = "/contact"
    ) -> (contact: BookingContact?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let trimmedName = name.map { String($0.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let trimmedName, trimmedName.count > 200 { errors.append(.tooLong(pointer + "/name", maximum: 200)) }
        var normalizedPhone: String?
        if let phone, !phone.trimmingSpaces.isEmpty {
            normalizedPhone = normalizePhone(phone, defaultCallingCode: defaultCallingCode)
            if normalizedPhone == nil {
                errors.append(
                    .invalidFormat(pointer + "/phone", format: LocalizedText(fr: "numéro de téléphone", ar: "رقم هاتف", en: "phone number")))
            }
        }
        var normalizedEmail: String?
        if let email, !email.trimmingSpaces.isEmpty {
            normalizedEmail = normalizeEmail(email)
            if normalizedEmail == nil {
                errors.append(
                    .invalidFormat(pointer + "/email", format: LocalizedText(fr: "adresse e-mail", ar: "بريد إلكتروني", en: "email address")))
            }
        }
        if (phone ?? "").trimmingSpaces.isEmpty && (email ?? "").trimmingSpaces.isEmpty {
            errors.append(.required(pointer + "/phone"))
            errors.append(.required(pointer + "/email"))
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (BookingContact(name: trimmedName, phone: normalizedPhone, email: normalizedEmail), [])
    }

    /// Whether `provided` (a phone number or an email address as typed) is this contact's phone or
    /// email. Both are always compared, as SHA-256 digests in constant time, so the answer's timing
    /// reveals neither which one matched nor how much of it.
    public func accepts(_ provided: String, defaultCallingCode: String = "212") -> Bool {
        let candidate = provided.contains("@")
            ? BookingContact.normalizeEmail(provided) : BookingContact.normalizePhone(provided, defaultCallingCode: defaultCallingCode)
        // An unusable input still costs the same two comparisons, against a value no stored phone
        // or email can equal (they never contain NUL).
        let probe = SHA256.hash(Array((candidate ?? "\u{0}invalid").utf8))
        let phoneDigest = SHA256.hash(Array((phone ?? "\u{0}no phone").utf8))
        let emailDigest = SHA256.hash(Array((email ?? "\u{0}no email").utf8))
        let phoneMatches = constantTimeEquals(probe, phoneDigest)
        let emailMatches = constantTimeEquals(probe, emailDigest)
        return candidate != nil && (phoneMatches || emailMatches)
    }

    /// A phone number in E.164 form (`+212612345678`), or `nil` if it is not one. Accepts spaces,
    /// dots, hyphens and parentheses, Arabic-Indic digits, a leading `+` or `00`, and national
    /// numbers with their trunk `0` (`0612345678` becomes `+212612345678` with the default code).
    public static func normalizePhone(_ text: String, defaultCallingCode: String = "212") -> String? {
        var digits: [UInt8] = []
        var international = false
        for (index, scalar) in text.trimmingSpaces.unicodeScalars.enumerated() {
            switch scalar.value {
            case 0x30...0x39: digits.append(UInt8(scalar.value))
            case 0x660...0x669: digits.append(UInt8(scalar.value - 0x660) + UInt8(ascii: "0"))  // Arabic-Indic
            case 0x6F0...0x6F9: digits.append(UInt8(scalar.value - 0x6F0) + UInt8(ascii: "0"))  // Extended
            case 0x2B where index == 0: international = true  // "+"
            case 0x20, 0x2E, 0x2D, 0x28, 0x29, 0xA0: continue  // space . - ( ) no-break space
            default: return nil
            }
        }
        if !international && digits.starts(with: [UInt8(ascii: "0"), UInt8(ascii: "0")]) {
            digits.removeFirst(2)
            international = true
        }
        if !international {
            let code = Array(defaultCallingCode.utf8)
            guard !code.isEmpty, code.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            if digits.first == UInt8(ascii: "0") { digits.removeFirst() }
            digits = code + digits
        }
        guard (8...15).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        return "+" + String(decoding: digits, as: UTF8.self)
    }

    /// An email address trimmed and in lower case, or `nil` unless it has one `@` between a
    /// non-empty local part and a domain with a dot, no spaces or control characters, at most 254
    /// characters.
    public static func normalizeEmail(_ text: String) -> String? {
        let email = String(text.trimmingSpaces).lowercased()
        guard email.utf8.count <= 254 else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return nil }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return nil }
        guard !email.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.properties.isWhitespace }) else {
            return nil
        }
        return email
    }
}
