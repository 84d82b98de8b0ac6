import GuichetCore

/// Which way a piece of mail travels, and so which registry counter numbers it.
///
/// The raw value is the API's spelling (`incoming`, `outgoing`, `internal`); ``registryCode`` is the
/// letter the default registry number shows (`2026/A/000123`).
public enum MailDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Mail received from outside (courrier arrivée): registered with `A`.
    case incoming
    /// Mail sent outside (courrier départ): registered with `D`.
    case outgoing
    /// Mail moving between units of the same tenant (courrier interne): registered with `I`.
    case `internal`

    /// The default code of the direction in registry numbers: `A` (arrivée), `D` (départ), `I` (interne).
    public var registryCode: String {
        switch self {
        case .incoming: "A"
        case .outgoing: "D"
        case .internal: "I"
        }
    }

    /// The direction's name for people.
    public var label: LocalizedText {
        switch self {
        case .incoming: LocalizedText(fr: "Arrivée", ar: "وارد", en: "Incoming")
        case .outgoing: LocalizedText(fr: "Départ", ar: "صادر", en: "Outgoing")
        case .internal: LocalizedText(fr: "Interne", ar: "داخلي", en: "Internal")
        }
    }
}
