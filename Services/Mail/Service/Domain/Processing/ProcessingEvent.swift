import FoundationEssentials
import GuichetCore

/// Something that happened in a mail item's processing, with the status before and after: kept in the
/// workflow's history and appended to the audit chain.
public struct ProcessingEvent: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// First routed to a principal unit.
        case routed
        /// Given to another principal unit.
        case redirected
        /// Copies added.
        case copiesAdded = "copies_added"
        /// The principal unit started on it.
        case processingStarted = "processing_started"
        /// Opinions were requested.
        case opinionsRequested = "opinions_requested"
        /// An opinion was given.
        case opinionGiven = "opinion_given"
        /// An approval circuit was started.
        case approvalRequested = "approval_requested"
        /// An approval step was decided.
        case approvalDecided = "approval_decided"
        /// A reply was linked.
        case replyLinked = "reply_linked"
        /// Marked as answered.
        case answered
        /// Closed.
        case closed
        /// Archived.
        case archived
        /// Cancelled with the item.
        case cancelled
    }

    /// What happened.
    public let kind: Kind
    /// The status before.
    public let from: ProcessingStatus
    /// The status after.
    public let to: ProcessingStatus
    /// Who did it (a principal's subject).
    public let performedBy: String
    /// When.
    public let performedAt: Date
    /// The event's particulars (units, decision, comment, reply…), as JSON.
    public let details: JSONValue

    /// The audit event type: routing for routing decisions, cancellation, or processing.
    public var auditEventType: AuditEventType {
        switch kind {
        case .routed, .redirected, .copiesAdded: .routing
        case .cancelled: .cancellation
        default: .processing
        }
    }

    /// The audit payload: `event`, `from`, `to` and the details' members.
    public var auditPayload: JSONValue {
        var object = details.objectValue ?? [:]
        object["event"] = .string(kind.rawValue)
        object["from"] = .string(from.rawValue)
        object["to"] = .string(to.rawValue)
        return .object(object)
    }
}
