public import FoundationEssentials
import GuichetCore

/// Why an event cannot be applied to a complaint; each maps to a localised ``Problem``.
public enum WorkflowError: Error, Sendable, Hashable {
    /// The transition table does not allow moving from the current status to the event's.
    case transitionNotAllowed(from: ComplaintStatus, to: ComplaintStatus)
    /// Closing without a public, reasoned reply.
    case publicReplyRequired
    /// A text of the event is invalid (too short, too long, control characters); the field
    /// errors point at `/text`, `/reason` or `/comment`.
    case invalidText([FieldError])
    /// The reopening period ended at this instant.
    case reopeningPeriodExpired(endedAt: Date)
    /// A reply or information on a complaint in this terminal status.
    case complaintClosed(ComplaintStatus)
    /// Merging into itself or into a merged complaint.
    case invalidMerge
    /// The redirection is not a tenant slug.
    case invalidRedirection
    /// The current answer was already rated.
    case alreadyRated
    /// There is no answer to rate.
    case notAnswered
    /// The citizen adds information nobody asked for.
    case informationNotRequested

    /// The problem to send to the client, in `language`.
    public func problem(language: Language = .default) -> Problem {
        switch self {
        case .transitionNotAllowed(let from, let to):
            return Problem(.transitionNotAllowed, language: language)
                .withDetail(
                    LocalizedText(
                        fr: "Une réclamation au statut « \(from.displayName.fr) » ne peut pas passer au statut « \(to.displayName.fr) ».",
                        ar: "لا يمكن لشكاية في حالة «\(from.displayName.text(in: .ar))» أن تنتقل إلى حالة «\(to.displayName.text(in: .ar))».",
                        en: "A complaint in status \"\(from.displayName.text(in: .en))\" cannot move to \"\(to.displayName.text(in: .en))\"."))
                .withExtension("from", .string(from.rawValue))
                .withExtension("to", .string(to.rawValue))
        case .publicReplyRequired:
            return Problem(.publicReplyRequired, language: language)
        case .invalidText(let errors):
            return Problem.validation(errors, language: language)
        case .reopeningPeriodExpired(let endedAt):
            return Problem(.reopeningPeriodExpired, language: language)
                .withExtension("reopening_ended_at", .string(RFC3339.formatUTC(endedAt)))
        case .complaintClosed(let status):
            return Problem(.complaintClosed, language: language).withExtension("status", .string(status.rawValue))
        case .invalidMerge:
            return Problem(.invalidMerge, language: language)
        case .invalidRedirection:
            return Problem.validation(
                [.invalidFormat("/redirect_to", format: LocalizedText(fr: "identifiant d'organisme", ar: "معرف جهة", en: "tenant slug"))],
                language: language)
        case .alreadyRated:
            return Problem(.alreadyRated, language: language)
        case .notAnswered:
            return Problem(.notAnswered, language: language)
        case .informationNotRequested:
            return Problem(.informationNotRequested, language: language)
        }
    }
}
