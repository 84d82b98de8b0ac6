import FoundationEssentials
import GuichetCore

/// The processing of one mail item as a value-type state machine: each step checks the status (see
/// ``ProcessingStatus`` for the diagram), changes the state and returns the ``ProcessingEvent`` to record.
/// Refusals are problems: `invalid_status_transition` (409, with the current `status`),
/// `mail_item_cancelled`, `mail_item_archived`, `reply_required`, `approval_not_granted`, the circuit
/// kinds, and `validation_failed` for bad routing or circuit input.
///
/// Reach it through ``MailItem/process(_:)`` so that a cancelled item cannot move.
public struct ProcessingWorkflow: Sendable, Hashable, Codable {
    /// The current status.
    public private(set) var status: ProcessingStatus
    /// Whether the item's document type requires a reply before it can close (kept in step with
    /// amendments of the document type).
    public internal(set) var replyRequired: Bool
    /// Who handles the item, once routed.
    public private(set) var routing: Routing?
    /// Every opinion circuit, oldest first; the last is open while the status is `opinion_requested`.
    public internal(set) var opinionCircuits: [OpinionCircuit]
    /// Every approval circuit, oldest first; the last runs while the status is `awaiting_approval`.
    public internal(set) var approvalCircuits: [ApprovalCircuit]
    /// The replies linked (outgoing or internal items), in the order linked.
    public private(set) var replies: [UUID]
    /// Every event, oldest first.
    public private(set) var history: [ProcessingEvent]

    /// The workflow of a newly registered item.
    public init(replyRequired: Bool) {
        status = .registered
        self.replyRequired = replyRequired
        routing = nil
        opinionCircuits = []
        approvalCircuits = []
        replies = []
        history = []
    }

    /// Routes a registered item to its principal unit, with copies.
    public mutating func route(to unit: UUID, copies: [Recipient] = [], by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.registered])
        routing = try Routing(principal: unit, copies: copies, by: principal.subject, at: instant)
        return record(.routed, to: .routed, by: principal, at: instant, details: [
            "principal": .string(unit.lowercaseString), "copies": .array(copies.map(\.jsonValue)),
        ])
    }

    /// Gives a routed or in-progress item to another principal unit; copies and history are kept, and the
    /// item waits for the new unit to start (`routed`).
    public mutating func redirect(to unit: UUID, reason: String? = nil, by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.routed, .inProgress])
        guard var routing else { throw Problem(.invalidStatusTransition) }
        let change = try routing.redirect(to: unit, reason: reason, by: principal.subject, at: instant)
        self.routing = routing
        var details: [String: JSONValue] = ["from_principal": .string(change.from?.lowercaseString ?? ""), "principal": .string(unit.lowercaseString)]
        if let reason { details["reason"] = .string(reason) }
        return record(.redirected, to: .routed, by: principal, at: instant, details: .object(details))
    }

    /// Adds copies to a routed item that is not finished; the status does not change.
    public mutating func addCopies(_ copies: [Recipient], reason: String? = nil, by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.routed, .inProgress, .opinionRequested, .awaitingApproval, .answered])
        guard var routing else { throw Problem(.invalidStatusTransition) }
        _ = try routing.addCopies(copies, reason: reason, by: principal.subject, at: instant)
        self.routing = routing
        var details: [String: JSONValue] = ["copies": .array(copies.map(\.jsonValue))]
        if let reason { details["reason"] = .string(reason) }
        return record(.copiesAdded, to: status, by: principal, at: instant, details: .object(details))
    }

    /// The principal unit starts on a routed item.
    public mutating func startProcessing(by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.routed])
        return record(.processingStarted, to: .inProgress, by: principal, at: instant, details: [:])
    }

    /// Links a reply (checked with ``ReplyLink/check(reply:answering:)`` first); the status does not change.
    public mutating func linkReply(_ reply: UUID, by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.inProgress, .opinionRequested, .awaitingApproval, .answered])
        guard !replies.contains(reply) else {
            throw Problem(.conflict).withDetail(
                LocalizedText(fr: "Cette réponse est déjà liée.", ar: "هذا الرد مرتبط مسبقًا.", en: "This reply is already linked."))
        }
        replies.append(reply)
        return record(.replyLinked, to: status, by: principal, at: instant, details: ["reply": .string(reply.lowercaseString)])
    }

    /// Marks an in-progress item answered: a reply must be linked (`reply_required`) and, if approval was
    /// asked, the last circuit must have approved (`approval_not_granted`).
    public mutating func markAnswered(by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.inProgress])
        guard !replies.isEmpty else { throw Problem(.replyRequired) }
        if let last = approvalCircuits.last, last.outcome != .approved { throw Problem(.approvalNotGranted) }
        return record(.answered, to: .answered, by: principal, at: instant, details: [
            "replies": .array(replies.map { .string($0.lowercaseString) }),
        ])
    }

    /// Closes an answered item, or an in-progress one whose document type requires no reply
    /// (`reply_required` otherwise: a type requiring a reply cannot close without one).
    public mutating func close(by principal: Principal, at instant: Date, comment: String? = nil) throws(Problem) -> ProcessingEvent {
        try require([.answered, .inProgress])
        if status == .inProgress, replyRequired { throw Problem(.replyRequired) }
        var details: [String: JSONValue] = ["answered": .bool(status == .answered)]
        if let comment { details["comment"] = .string(comment) }
        return record(.closed, to: .closed, by: principal, at: instant, details: .object(details))
    }

    /// Archives a closed item.
    public mutating func archive(by principal: Principal, at instant: Date) throws(Problem) -> ProcessingEvent {
        try require([.closed])
        return record(.archived, to: .archived, by: principal, at: instant, details: [:])
    }

    /// Stops processing because the item was cancelled (``MailItem/cancel(reason:by:at:rules:)``).
    mutating func markCancelled(by subject: String, at instant: Date, reason: String) {
        let event = ProcessingEvent(
            kind: .cancelled, from: status, to: .cancelled, performedBy: subject, performedAt: instant, details: ["reason": .string(reason)])
        status = .cancelled
        history.append(event)
    }

    /// Refuses unless the status is one of `allowed`.
    func require(_ allowed: Set<ProcessingStatus>) throws(Problem) {
        guard !allowed.contains(status) else { return }
        switch status {
        case .cancelled: throw Problem(.mailItemCancelled)
        case .archived: throw Problem(.mailItemArchived)
        default:
            throw Problem(.invalidStatusTransition).withExtension("status", .string(status.rawValue))
                .withExtension("allowed_from", .array(allowed.map(\.rawValue).sorted().map(JSONValue.string)))
        }
    }

    /// Moves to `next`, keeps the event in the history and returns it.
    mutating func record(
        _ kind: ProcessingEvent.Kind, to next: ProcessingStatus, by principal: Principal, at instant: Date, details: JSONValue
    ) -> ProcessingEvent {
        let event = ProcessingEvent(kind: kind, from: status, to: next, performedBy: principal.subject, performedAt: instant, details: details)
        status = next
        history.append(event)
        return event
    }
}
