public import FoundationEssentials
public import GuichetCore

/// An office where people are received: its names, address, location, phone and opening hours.
public struct Site: Sendable, Hashable, Identifiable {
    /// The site's id.
    public var id: UUID
    /// The name, in French and optionally Arabic and English.
    public var name: LocalizedText
    /// The postal address, translated like the name.
    public var address: LocalizedText
    /// Where the site is on a map, if known (valid by construction: a request's coordinates are
    /// checked by ``GeoPoint/parse(latitude:longitude:latitudeField:longitudeField:errors:)`` at
    /// `/location/latitude` and `/location/longitude`).
    public var location: GeoPoint?
    /// The phone number people may call (digits, spaces, `+`, `-`, `.`, parentheses).
    public var phone: String
    /// When the site is open; counters only receive people inside these hours.
    public var openingHours: WeeklyHours

    /// The longest name or address accepted, in characters.
    public static let maximumTextLength = 200
    /// The rule of the name's and the address's translations: one line of at most
    /// ``maximumTextLength`` characters.
    public static let textRule = TextRule(minimumLength: 1, maximumLength: maximumTextLength)

    /// A site from its parts.
    public init(
        id: UUID, name: LocalizedText, address: LocalizedText, location: GeoPoint? = nil, phone: String,
        openingHours: WeeklyHours
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.location = location
        self.phone = phone
        self.openingHours = openingHours
    }

    /// The field errors, as JSON pointers: `/name/fr` (required, ≤ 200), `/address/fr`,
    /// `/phone` (6–15 digits), `/opening_hours/<weekday>/<index>`.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        Site.textRule.clean(name, field: "/name", errors: &errors)
        Site.textRule.clean(address, field: "/address", errors: &errors)
        if phone.isBlank {
            errors.append(.required("/phone"))
        } else if !Site.isPhoneNumber(phone) {
            errors.append(
                .invalidFormat("/phone", format: LocalizedText(fr: "numéro de téléphone", ar: "رقم هاتف", en: "phone number")))
        }
        errors += openingHours.validate(at: "/opening_hours")
        return errors
    }

    /// Whether `text` looks like a phone number: 6 to 15 digits, an optional leading `+`, and
    /// spaces, dots, hyphens or parentheses between them.
    static func isPhoneNumber(_ text: String) -> Bool {
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "+") where index == 0: continue
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            default: return false
            }
        }
        return (6...15).contains(digits)
    }
}
