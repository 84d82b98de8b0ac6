import GuichetCore

/// How a piece of mail arrived or left.
public enum MailMedium: String, Sendable, Hashable, Codable, CaseIterable {
    /// A paper letter (post, courier), scanned at registration.
    case paper
    /// An email.
    case email
    /// Handed over at the desk.
    case handDelivered = "hand_delivered"
    /// Received from another administration's system (an exchange platform or API).
    case otherSystem = "other_system"

    /// The medium's name for people.
    public var label: LocalizedText {
        switch self {
        case .paper: LocalizedText(fr: "Papier", ar: "ورقي", en: "Paper")
        case .email: LocalizedText(fr: "Courriel", ar: "بريد إلكتروني", en: "Email")
        case .handDelivered: LocalizedText(fr: "Remis en main propre", ar: "تسليم باليد", en: "Hand-delivered")
        case .otherSystem: LocalizedText(fr: "Autre système", ar: "نظام آخر", en: "Another system")
        }
    }
}
