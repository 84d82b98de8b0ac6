public import FoundationEssentials

/// Something that happens to a complaint, applied with ``ComplaintWorkflow/apply(_:at:rules:)``.
///
/// Texts (replies, reasons, information) are passed as typed; the workflow cleans and checks them
/// with its ``WorkflowRules``.
public enum WorkflowEvent: Sendable, Hashable {
    /// Acknowledge receipt (→ acknowledged).
    case acknowledge
    /// Give the complaint to a unit, and optionally an agent (→ assigned; from assigned, a
    /// reassignment).
    case assign(unit: UUID, agent: UUID?)
    /// Start working on it (→ in progress).
    case startProcessing
    /// Give the public, reasoned answer (→ answered).
    case answer(String)
    /// Post a public reply without changing the status; with `asksForInformation`, the reply asks
    /// the citizen for more information, which they may then add.
    case reply(String, asksForInformation: Bool = false)
    /// The citizen adds information, only when asked (``ComplaintWorkflow/isAwaitingInformation``);
    /// the status does not change.
    case addInformation(String)
    /// Close (→ closed). Needs a public, reasoned reply: the one given now, or an answer given
    /// since the complaint was last (re)opened.
    case close(reply: String?)
    /// Refuse as not competent, with a public reason and optionally the slug of the competent
    /// tenant the citizen is redirected to (→ rejected).
    case reject(reason: String, redirectTo: String?)
    /// The citizen reopens an answered, closed or rejected complaint, with a reason, within the
    /// reopening period (→ reopened).
    case reopen(reason: String)
    /// Merge into another complaint of the same tenant that this one duplicates (→ merged).
    case merge(into: MergeTarget)
    /// The citizen rates the answer (once per answer).
    case rate(satisfied: Bool, comment: String?)
}
