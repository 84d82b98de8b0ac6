import GuichetCore

/// Where a complaint stands in its workflow.
///
/// The usual path is received → acknowledged → assigned → in progress → answered → closed. A
/// complaint may also be rejected (the tenant is not competent, with a redirection to the
/// competent one), reopened by the citizen after an answer, or merged into another complaint it
/// duplicates. Which moves are allowed is a tenant's ``TransitionTable``.
public enum ComplaintStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Submitted, not yet handled.
    case received
    /// Receipt acknowledged to the citizen.
    case acknowledged
    /// Given to a unit (and possibly an agent).
    case assigned
    /// Being worked on.
    case inProgress = "in_progress"
    /// A public, reasoned answer was given; the citizen may still reopen it for a while.
    case answered
    /// Finished.
    case closed
    /// Refused: the tenant is not competent (the citizen is redirected to the competent tenant).
    case rejected
    /// Reopened by the citizen after an answer, with a reason.
    case reopened
    /// Merged into another complaint it duplicates; followed through that one.
    case merged

    /// Whether the workflow ends here (closed, rejected, merged): only the exits a
    /// ``TransitionTable`` permits for terminal statuses (reopening) lead out.
    public var isTerminal: Bool {
        switch self {
        case .closed, .rejected, .merged: true
        default: false
        }
    }

    /// Whether the complaint still waits for an answer (received, acknowledged, assigned, in
    /// progress, reopened): its answer deadline runs.
    public var awaitsAnswer: Bool {
        switch self {
        case .received, .acknowledged, .assigned, .inProgress, .reopened: true
        case .answered, .closed, .rejected, .merged: false
        }
    }

    /// The status's position in ``allCases``, for bit sets.
    var index: Int {
        switch self {
        case .received: 0
        case .acknowledged: 1
        case .assigned: 2
        case .inProgress: 3
        case .answered: 4
        case .closed: 5
        case .rejected: 6
        case .reopened: 7
        case .merged: 8
        }
    }

    /// The status's name for people.
    public var displayName: LocalizedText {
        switch self {
        case .received: LocalizedText(fr: "Reçue", ar: "تم الاستلام", en: "Received")
        case .acknowledged: LocalizedText(fr: "Accusé de réception envoyé", ar: "تم الإشعار بالاستلام", en: "Acknowledged")
        case .assigned: LocalizedText(fr: "Transmise au service compétent", ar: "أحيلت على المصلحة المختصة", en: "Assigned")
        case .inProgress: LocalizedText(fr: "En cours de traitement", ar: "قيد المعالجة", en: "In progress")
        case .answered: LocalizedText(fr: "Répondue", ar: "تمت الإجابة", en: "Answered")
        case .closed: LocalizedText(fr: "Clôturée", ar: "مغلقة", en: "Closed")
        case .rejected: LocalizedText(fr: "Irrecevable", ar: "غير مقبولة", en: "Rejected")
        case .reopened: LocalizedText(fr: "Rouverte", ar: "أعيد فتحها", en: "Reopened")
        case .merged: LocalizedText(fr: "Fusionnée avec une autre réclamation", ar: "أدمجت مع شكاية أخرى", en: "Merged")
        }
    }
}
