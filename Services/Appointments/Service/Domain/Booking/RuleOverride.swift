public import GuichetCore

/// An agent's decision to set a rule aside (book inside the notice period, cancel after the
/// cut-off, exceed a cap): who and why, to be logged with the action. Whether the agent's role
/// allows it is checked by the HTTP layer before the override reaches the rules.
public struct RuleOverride: Sendable, Hashable {
    /// The agent who overrides: the subject of their token (`account:<uuid>`).
    public var agent: String
    /// Why, in the agent's words (required).
    public var reason: String

    /// An override from its parts (see ``validate(at:)``).
    public init(agent: String, reason: String) {
        self.agent = agent
        self.reason = reason
    }

    /// The field errors under `pointer`: `/reason` required and at most 500 characters.
    public func validate(at pointer: String = "/override") -> [FieldError] {
        if reason.isBlank { return [.required(pointer + "/reason")] }
        if reason.count > 500 { return [.tooLong(pointer + "/reason", maximum: 500)] }
        return []
    }
}
