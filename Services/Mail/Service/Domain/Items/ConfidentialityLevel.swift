import GuichetCore

/// Who may see a piece of mail (see ``ConfidentialAccess``).
public enum ConfidentialityLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Every agent of the tenant allowed to read mail.
    case normal
    /// Only the units, agents and roles on the item's access list.
    case confidential
    /// Only the agents named on the item's access list (not units, not roles).
    case secret

    /// The level's name for people.
    public var label: LocalizedText {
        switch self {
        case .normal: LocalizedText(fr: "Normal", ar: "عادي", en: "Normal")
        case .confidential: LocalizedText(fr: "Confidentiel", ar: "سري", en: "Confidential")
        case .secret: LocalizedText(fr: "Secret", ar: "سري للغاية", en: "Secret")
        }
    }

    /// Orders levels from the least to the most restricted.
    public static func < (lhs: ConfidentialityLevel, rhs: ConfidentialityLevel) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
