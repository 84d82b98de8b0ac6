public import FoundationEssentials
public import GuichetCore

/// A message a citizen is sent about their complaint, in their language, by email or SMS:
/// the receipt, each change of status, each public reply, a request for information.
///
/// Built from the workflow's ``WorkflowEffect/notifyCitizen(_:)`` effects and the public reply
/// of the same step only: internal notes are never an effect of the workflow, so they can never
/// reach a citizen. When the complaint has duplicates merged into it, their citizens are told too
/// (``notices(for:complaint:followers:)``).
///
/// The service records each notice in its outbox, in the transaction of the step, as one
/// message from a template (each tenant may override the templates): an email when the citizen
/// gave an address, else an SMS when they gave a phone number (``channel``).
public struct ComplaintNotice: Sendable, Hashable {
    /// Why the citizen is told something (it chooses the template, with the status).
    public enum Topic: String, Sendable, Hashable, CaseIterable {
        /// The complaint was received (with its tracking code).
        case received = "complaint.received"
        /// Its status changed.
        case statusChanged = "complaint.status_changed"
        /// A public reply was posted.
        case replied = "complaint.replied"
        /// A public reply asks the citizen for more information.
        case informationRequested = "complaint.information_requested"
    }

    /// A complaint as a notice names it, and how to reach its citizen.
    public struct Recipient: Sendable, Hashable {
        /// The complaint's id.
        public var complaintID: UUID
        /// Its tracking code, as shown.
        public var trackingCode: String
        /// The citizen's language.
        public var language: Language
        /// The citizen's contact (email and/or phone; a notice needs one of them).
        public var contact: ContactDetails

        /// A recipient from its parts.
        public init(complaintID: UUID, trackingCode: String, language: Language, contact: ContactDetails) {
            self.complaintID = complaintID
            self.trackingCode = trackingCode
            self.language = language
            self.contact = contact
        }
    }

    /// Why.
    public var topic: Topic
    /// Who and about which complaint.
    public var recipient: Recipient
    /// The complaint's status after the change.
    public var status: ComplaintStatus
    /// The public reply, for a reply, an answer or a rejection.
    public var reply: String?
    /// When an answer is due, while one is awaited.
    public var answerDue: Date?
    /// Whether the recipient follows this complaint because theirs was merged into it.
    public var throughMerge: Bool

    /// A notice from its parts.
    public init(topic: Topic, recipient: Recipient, status: ComplaintStatus, reply: String? = nil, answerDue: Date? = nil, throughMerge: Bool = false) {
        self.topic = topic
        self.recipient = recipient
        self.status = status
        self.reply = reply
        self.answerDue = answerDue
        self.throughMerge = throughMerge
    }

    /// The notices a step of the workflow gives: one per ``WorkflowEffect/notifyCitizen(_:)``,
    /// for the complaint's own citizen and for each follower (the citizens of duplicates merged
    /// into it); recipients without an email or a phone get none.
    public static func notices(
        for effects: [WorkflowEffect], complaint: Recipient, status: ComplaintStatus, answerDue: Date?, followers: [Recipient] = []
    ) -> [ComplaintNotice] {
        let reply = effects.lazy.compactMap { effect -> String? in
            if case .publishReply(let text) = effect { return text }
            return nil
        }.last
        var notices: [ComplaintNotice] = []
        for effect in effects {
            guard case .notifyCitizen(let notice) = effect else { continue }
            let topic: Topic
            switch notice {
            case .received: topic = .received
            case .statusChanged: topic = .statusChanged
            case .replied: topic = .replied
            case .informationRequested: topic = .informationRequested
            }
            let due = status.awaitsAnswer ? answerDue : nil
            for (recipient, merged) in [(complaint, false)] + followers.map({ ($0, true) }) where recipient.contact.isReachable {
                // A follower is not asked for information: the request is for the complaint's own
                // citizen. Nor is a follower told that the complaint they follow was merged in turn:
                // they keep following it where it went (the store finds followers through chains).
                if merged && (topic == .informationRequested || notice == .statusChanged(.merged)) { continue }
                notices.append(
                    ComplaintNotice(topic: topic, recipient: recipient, status: status, reply: reply, answerDue: due, throughMerge: merged))
            }
        }
        return notices
    }

    /// The channel the notice goes by: `email` when the citizen gave an address, else `sms` when
    /// they gave a phone number (nil when neither: such a recipient gets no notice).
    public var channel: String? {
        if recipient.contact.email != nil { return "email" }
        if recipient.contact.phone != nil { return "sms" }
        return nil
    }
}
