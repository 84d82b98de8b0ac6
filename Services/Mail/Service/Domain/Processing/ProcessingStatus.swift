import GuichetCore

/// Where a mail item stands in its processing.
///
/// ```
/// registered ─route─▶ routed ─start─▶ in_progress ─answer─▶ answered ─close─▶ closed ─archive─▶ archived
///                      ▲   │            │  ▲   │  ▲                               ▲
///                      └───┘ redirect   │  │   │  └── close (no reply required) ──┘
///                      ▲                │  │   │
///                      └─── redirect ───┘  │   ├─ request opinions ─▶ opinion_requested ─(all given)─┐
///                                          │   └─ request approval ─▶ awaiting_approval ─(decided)───┤
///                                          └─────────────────────────────────────────────────────────┘
/// any status but archived ─cancel─▶ cancelled
/// ```
public enum ProcessingStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Registered, not yet routed to a unit.
    case registered
    /// Routed to a principal unit, which has not started on it.
    case routed
    /// Being handled by the principal unit.
    case inProgress = "in_progress"
    /// Waiting for the opinions (avis) of a parallel circuit.
    case opinionRequested = "opinion_requested"
    /// Waiting for the approvals (visa, signature) of a sequential circuit.
    case awaitingApproval = "awaiting_approval"
    /// A reply was sent.
    case answered
    /// Processing is over.
    case closed
    /// Archived: sealed, nothing more changes.
    case archived
    /// Cancelled: the item keeps its number but is not processed.
    case cancelled

    /// The status's name for people.
    public var label: LocalizedText {
        switch self {
        case .registered: LocalizedText(fr: "Enregistré", ar: "مسجل", en: "Registered")
        case .routed: LocalizedText(fr: "Orienté", ar: "موجه", en: "Routed")
        case .inProgress: LocalizedText(fr: "En cours de traitement", ar: "قيد المعالجة", en: "In progress")
        case .opinionRequested: LocalizedText(fr: "En attente d'avis", ar: "في انتظار الرأي", en: "Opinion requested")
        case .awaitingApproval: LocalizedText(fr: "En attente de visa", ar: "في انتظار التأشير", en: "Awaiting approval")
        case .answered: LocalizedText(fr: "Répondu", ar: "تم الرد", en: "Answered")
        case .closed: LocalizedText(fr: "Clôturé", ar: "مغلق", en: "Closed")
        case .archived: LocalizedText(fr: "Archivé", ar: "مؤرشف", en: "Archived")
        case .cancelled: LocalizedText(fr: "Annulé", ar: "ملغى", en: "Cancelled")
        }
    }

    /// Whether processing is over (closed, archived or cancelled).
    public var isFinished: Bool {
        self == .closed || self == .archived || self == .cancelled
    }
}
