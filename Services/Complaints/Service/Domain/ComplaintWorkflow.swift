public import FoundationEssentials
import GuichetCore

/// The workflow state of one complaint, as a value-type state machine: ``apply(_:at:rules:)``
/// checks an event against the tenant's ``WorkflowRules`` and either throws a ``WorkflowError``
/// (leaving the state untouched) or moves to the new state and returns the ``WorkflowEffect``s
/// to carry out — no I/O, no clock: the caller passes `now`.
///
/// ```swift
/// var workflow = try store.workflow(of: id)                   // restored from its row
/// let effects = try workflow.apply(.answer(text), at: clock.now, rules: tenant.rules)
/// try store.save(workflow, effects: effects)                   // one transaction, outbox included
/// ```
public struct ComplaintWorkflow: Sendable, Hashable {
    /// The complaint's id.
    public let id: UUID
    /// Its current status.
    public internal(set) var status: ComplaintStatus
    /// When it was received.
    public let receivedAt: Date
    /// When it was first handled (acknowledged, assigned, answered… the first move out of
    /// `received`): what the acknowledgement deadline looks at.
    public internal(set) var acknowledgedAt: Date?
    /// The unit it is assigned to.
    public internal(set) var assignedUnit: UUID?
    /// The agent it is assigned to, if any.
    public internal(set) var assignedAgent: UUID?
    /// When it was first answered (what "answered in time" statistics look at).
    public internal(set) var firstAnsweredAt: Date?
    /// When it was last answered.
    public internal(set) var answeredAt: Date?
    /// When it was rejected, if it was.
    public internal(set) var rejectedAt: Date?
    /// When it was closed (cleared when it is reopened).
    public internal(set) var closedAt: Date?
    /// When it was last reopened.
    public internal(set) var reopenedAt: Date?
    /// How many times it was reopened.
    public internal(set) var reopenCount: Int
    /// Whether a public, reasoned answer was given since it was received or last reopened.
    public internal(set) var hasPublicAnswer: Bool
    /// Whether an agent asked the citizen for more information and none came yet: only then may
    /// the citizen add information.
    public internal(set) var isAwaitingInformation: Bool
    /// The competent tenant the citizen was redirected to, for a rejection.
    public internal(set) var redirectedTo: String?
    /// The complaint this one was merged into.
    public internal(set) var mergedInto: UUID?
    /// The citizen's latest rating of an answer.
    public internal(set) var satisfaction: Satisfaction?
    /// When anything last changed.
    public internal(set) var updatedAt: Date

    /// A workflow restored from storage (every field as stored), or a new one (just `id` and
    /// `receivedAt`: status `received`).
    public init(
        id: UUID, receivedAt: Date, status: ComplaintStatus = .received, acknowledgedAt: Date? = nil, assignedUnit: UUID? = nil,
        assignedAgent: UUID? = nil, firstAnsweredAt: Date? = nil, answeredAt: Date? = nil, rejectedAt: Date? = nil,
        closedAt: Date? = nil, reopenedAt: Date? = nil, reopenCount: Int = 0, hasPublicAnswer: Bool = false,
        isAwaitingInformation: Bool = false, redirectedTo: String? = nil, mergedInto: UUID? = nil, satisfaction: Satisfaction? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.status = status
        self.acknowledgedAt = acknowledgedAt
        self.assignedUnit = assignedUnit
        self.assignedAgent = assignedAgent
        self.firstAnsweredAt = firstAnsweredAt
        self.answeredAt = answeredAt
        self.rejectedAt = rejectedAt
        self.closedAt = closedAt
        self.reopenedAt = reopenedAt
        self.reopenCount = reopenCount
        self.hasPublicAnswer = hasPublicAnswer
        self.isAwaitingInformation = isAwaitingInformation
        self.redirectedTo = redirectedTo
        self.mergedInto = mergedInto
        self.satisfaction = satisfaction
        self.updatedAt = updatedAt ?? receivedAt
    }

    /// A newly submitted complaint and what to do about it (tell the citizen it was received).
    public static func submitted(id: UUID, at now: Date) -> (workflow: ComplaintWorkflow, effects: [WorkflowEffect]) {
        (ComplaintWorkflow(id: id, receivedAt: now), [.notifyCitizen(.received)])
    }

    /// When the answer deadline starts: reception, or the last reopening.
    public var answerClockStartedAt: Date {
        reopenedAt ?? receivedAt
    }

    /// The instant the reopening period counts from: the last answer, else the rejection.
    public var decidedAt: Date? {
        answeredAt ?? rejectedAt
    }

    /// The end of the period during which the complaint may be reopened, if it was decided. A
    /// period the calendar cannot count (a negative one, say) fails closed: reopening ends at
    /// the decision itself.
    public func reopeningDeadline(rules: WorkflowRules) -> Date? {
        guard let decidedAt else { return nil }
        do {
            return try rules.calendar.adding(rules.reopeningPeriod, to: decidedAt)
        } catch {
            return decidedAt
        }
    }

    /// Applies `event` at `now` under `rules`: on success the state moves on and the effects to
    /// carry out are returned; on failure the state is unchanged.
    public mutating func apply(_ event: WorkflowEvent, at now: Date, rules: WorkflowRules) throws(WorkflowError) -> [WorkflowEffect] {
        var next = self
        let effects = try next.applying(event, at: now, rules: rules)
        self = next
        return effects
    }

    private mutating func applying(_ event: WorkflowEvent, at now: Date, rules: WorkflowRules) throws(WorkflowError) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        switch event {
        case .acknowledge:
            try move(to: .acknowledged, at: now, rules: rules, effects: &effects)

        case .assign(let unit, let agent):
            try move(to: .assigned, at: now, rules: rules, effects: &effects)
            let unitChanged = assignedUnit != unit
            let agentChanged = assignedAgent != agent
            assignedUnit = unit
            assignedAgent = agent
            if unitChanged { effects.append(.notifyUnit(unit)) }
            if let agent, agentChanged { effects.append(.notifyAgent(agent)) }

        case .startProcessing:
            try move(to: .inProgress, at: now, rules: rules, effects: &effects)

        case .answer(let text):
            try refuseIfTerminal()
            let reply = try Self.clean(text, rule: rules.reply, field: "/text")
            try move(to: .answered, at: now, rules: rules, effects: &effects)
            recordAnswer(reply, at: now, effects: &effects)

        case .reply(let text, let asksForInformation):
            try refuseIfTerminal()
            let reply = try Self.clean(text, rule: rules.reply, field: "/text")
            updatedAt = now
            if asksForInformation { isAwaitingInformation = true }
            effects.append(.publishReply(reply))
            effects.append(.notifyCitizen(asksForInformation ? .informationRequested : .replied))

        case .addInformation(let text):
            try refuseIfTerminal()
            guard isAwaitingInformation else { throw .informationNotRequested }
            let message = try Self.clean(text, rule: rules.citizenMessage, field: "/text")
            updatedAt = now
            isAwaitingInformation = false
            effects.append(.recordCitizenMessage(message))
            if let assignedUnit { effects.append(.notifyUnit(assignedUnit)) }

        case .close(let text):
            guard rules.transitions.allows(from: status, to: .closed) else {
                throw .transitionNotAllowed(from: status, to: .closed)
            }
            let reply = try text.map { (text) throws(WorkflowError) in try Self.clean(text, rule: rules.reply, field: "/text") }
            guard reply != nil || hasPublicAnswer else { throw .publicReplyRequired }
            try move(to: .closed, at: now, rules: rules, effects: &effects)
            if let reply { recordAnswer(reply, at: now, effects: &effects) }
            closedAt = now

        case .reject(let reason, let redirectTo):
            guard rules.transitions.allows(from: status, to: .rejected) else {
                throw .transitionNotAllowed(from: status, to: .rejected)
            }
            let cleaned = try Self.clean(reason, rule: rules.reason, field: "/reason")
            if let redirectTo, !Self.isTenantSlug(redirectTo) { throw .invalidRedirection }
            try move(to: .rejected, at: now, rules: rules, effects: &effects)
            rejectedAt = now
            redirectedTo = redirectTo
            effects.append(.publishReply(cleaned))

        case .reopen(let reason):
            guard rules.transitions.allows(from: status, to: .reopened) else {
                throw .transitionNotAllowed(from: status, to: .reopened)
            }
            let cleaned = try Self.clean(reason, rule: rules.reason, field: "/reason")
            if let deadline = reopeningDeadline(rules: rules), now > deadline {
                throw .reopeningPeriodExpired(endedAt: deadline)
            }
            try move(to: .reopened, at: now, rules: rules, effects: &effects)
            reopenCount += 1
            reopenedAt = now
            closedAt = nil
            rejectedAt = nil
            redirectedTo = nil
            hasPublicAnswer = false
            effects.append(.recordCitizenMessage(cleaned))
            effects.append(.restartAnswerDeadline(from: now))
            if let assignedUnit { effects.append(.notifyUnit(assignedUnit)) }
            if rules.alertsSupervisorOnReopening { effects.append(.alertSupervisor(.reopened)) }

        case .merge(let target):
            guard rules.transitions.allows(from: status, to: .merged) else {
                throw .transitionNotAllowed(from: status, to: .merged)
            }
            guard target.id != id, target.status != .merged else { throw .invalidMerge }
            try move(to: .merged, at: now, rules: rules, effects: &effects)
            mergedInto = target.id
            effects.append(.linkDuplicate(of: target.id))

        case .rate(let satisfied, let comment):
            guard let answeredAt, status == .answered || status == .closed else { throw .notAnswered }
            if let previous = satisfaction, previous.ratedAt >= answeredAt { throw .alreadyRated }
            let cleaned = try comment.flatMap { (text) throws(WorkflowError) -> String? in
                text.contains(where: { !$0.isWhitespace }) ? try Self.clean(text, rule: rules.citizenMessage, field: "/comment") : nil
            }
            let rating = Satisfaction(satisfied: satisfied, comment: cleaned, ratedAt: max(now, answeredAt))
            satisfaction = rating
            updatedAt = now
            effects.append(.recordSatisfaction(rating))
            if !satisfied && rules.alertsSupervisorOnDissatisfaction { effects.append(.alertSupervisor(.dissatisfied)) }
        }
        return effects
    }

    /// Moves to `target` if the table allows it, recording the change and telling the citizen
    /// (a reassignment, assigned → assigned, is not a change of status).
    private mutating func move(to target: ComplaintStatus, at now: Date, rules: WorkflowRules, effects: inout [WorkflowEffect]) throws(WorkflowError) {
        guard rules.transitions.allows(from: status, to: target) else {
            throw .transitionNotAllowed(from: status, to: target)
        }
        if acknowledgedAt == nil && status == .received { acknowledgedAt = now }
        updatedAt = now
        // A decision ends any request for information.
        if target == .answered || target.isTerminal { isAwaitingInformation = false }
        guard target != status else { return }
        effects.append(.recordStatusChange(from: status, to: target))
        effects.append(.notifyCitizen(.statusChanged(target)))
        status = target
    }

    private mutating func recordAnswer(_ reply: String, at now: Date, effects: inout [WorkflowEffect]) {
        if firstAnsweredAt == nil { firstAnsweredAt = now }
        answeredAt = now
        hasPublicAnswer = true
        effects.append(.publishReply(reply))
    }

    private func refuseIfTerminal() throws(WorkflowError) {
        if status.isTerminal { throw .complaintClosed(status) }
    }

    private static func clean(_ text: String, rule: TextRule, field: String) throws(WorkflowError) -> String {
        var errors: [FieldError] = []
        guard let cleaned = rule.clean(text, field: field, errors: &errors) else { throw .invalidText(errors) }
        return cleaned
    }

    /// Whether `text` is a tenant slug as the platform defines it: 1 to 40 lower-case ASCII
    /// letters, digits and inner hyphens (`^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$`).
    public static func isTenantSlug(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (1...40).contains(bytes.count), let first = bytes.first, let last = bytes.last, isLetterOrDigit(first),
            isLetterOrDigit(last)
        else { return false }
        return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
