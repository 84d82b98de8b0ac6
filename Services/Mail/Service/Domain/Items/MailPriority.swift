import GuichetCore

/// How fast a piece of mail must be handled; urgent mail has the shorter deadline of its document type.
public enum MailPriority: String, Sendable, Hashable, Codable, CaseIterable {
    /// The ordinary deadline (loi 31-13: 20 working days unless the document type says otherwise).
    case normal
    /// The urgent deadline (3 working days unless the document type says otherwise).
    case urgent

    /// The priority's name for people.
    public var label: LocalizedText {
        switch self {
        case .normal: LocalizedText(fr: "Normale", ar: "عادية", en: "Normal")
        case .urgent: LocalizedText(fr: "Urgente", ar: "مستعجلة", en: "Urgent")
        }
    }
}
