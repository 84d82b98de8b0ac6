public import FoundationEssentials
import GuichetCore

/// What an agent does to a complaint, as posted to its `events`:
///
/// | `type` | members | becomes |
/// |---|---|---|
/// | `acknowledge` | — | ``WorkflowEvent/acknowledge`` |
/// | `assign` | `unit` (id), `agent` (id, optional) | ``WorkflowEvent/assign(unit:agent:)`` |
/// | `start` | — | ``WorkflowEvent/startProcessing`` |
/// | `answer` | `text` | ``WorkflowEvent/answer(_:)`` |
/// | `reply` | `text`, `asks_for_information` (optional) | ``WorkflowEvent/reply(_:asksForInformation:)`` |
/// | `close` | `text` (optional once answered) | ``WorkflowEvent/close(reply:)`` |
/// | `reject` | `reason`, `redirect_to` (a tenant slug, optional) | ``WorkflowEvent/reject(reason:redirectTo:)`` |
/// | `merge` | `into` (the id of the complaint it duplicates) | ``WorkflowEvent/merge(into:)`` |
///
/// Texts are checked by the workflow's rules when applied; here only the shape is.
public enum AgentAction: Sendable, Hashable {
    /// Acknowledge receipt.
    case acknowledge
    /// Give to a unit (and an agent).
    case assign(unit: UUID, agent: UUID?)
    /// Start working on it.
    case start
    /// The public, reasoned answer.
    case answer(String)
    /// A public reply, possibly asking the citizen for information.
    case reply(String, asksForInformation: Bool)
    /// Close, with a final reply or after an answer.
    case close(String?)
    /// Refuse as not competent, optionally redirecting to the competent tenant.
    case reject(reason: String, redirectTo: String?)
    /// Merge into the complaint it duplicates.
    case merge(into: UUID)

    /// The action's `type`.
    public var type: String {
        switch self {
        case .acknowledge: "acknowledge"
        case .assign: "assign"
        case .start: "start"
        case .answer: "answer"
        case .reply: "reply"
        case .close: "close"
        case .reject: "reject"
        case .merge: "merge"
        }
    }

    static let types = ["acknowledge", "assign", "start", "answer", "reply", "close", "reject", "merge"]

    /// Validates an action body, reporting every problem in one `validation_failed` problem.
    public init(validating body: JSONValue, language: Language = .default) throws(Problem) {
        var errors: [FieldError] = []
        guard let reader = JSONFieldReader(body, pointer: "", errors: &errors) else { throw Problem.validation(errors, language: language) }
        guard let type = reader.string("type", errors: &errors) else {
            if !reader.has("type") { errors.append(.required("/type")) }
            throw Problem.validation(errors, language: language)
        }
        func allow(_ members: Set<String>) {
            reader.rejectUnknownMembers(allowed: members.union(["type"]), errors: &errors)
        }
        func text(_ key: String, required: Bool = true) -> String? {
            let value = reader.string(key, errors: &errors)
            if value == nil && required && !reader.has(key) { errors.append(.required(reader.pointer(key))) }
            return value
        }
        func identifier(_ key: String, required: Bool) -> UUID? {
            guard let raw = reader.string(key, errors: &errors) else {
                if required && !reader.has(key) { errors.append(.required(reader.pointer(key))) }
                return nil
            }
            guard let id = UUID(uuidString: raw) else {
                errors.append(.invalidFormat(reader.pointer(key)))
                return nil
            }
            return id
        }
        var action: AgentAction?
        switch type {
        case "acknowledge":
            allow([])
            action = .acknowledge
        case "assign":
            allow(["unit", "agent"])
            let unit = identifier("unit", required: true)
            let agent = identifier("agent", required: false)
            if let unit { action = .assign(unit: unit, agent: agent) }
        case "start":
            allow([])
            action = .start
        case "answer":
            allow(["text"])
            if let text = text("text") { action = .answer(text) }
        case "reply":
            allow(["text", "asks_for_information"])
            var asks = false
            switch reader.members["asks_for_information"] {
            case nil, .null?: break
            case .bool(let value)?: asks = value
            default: errors.append(.invalidType("/asks_for_information", expected: .boolean))
            }
            if let text = text("text") { action = .reply(text, asksForInformation: asks) }
        case "close":
            allow(["text"])
            action = .close(text("text", required: false))
        case "reject":
            allow(["reason", "redirect_to"])
            let redirect = reader.string("redirect_to", errors: &errors)
            if let reason = text("reason") { action = .reject(reason: reason, redirectTo: redirect) }
        case "merge":
            allow(["into"])
            if let into = identifier("into", required: true) { action = .merge(into: into) }
        default:
            errors.append(.unknownValue("/type", allowed: Self.types))
        }
        guard errors.isEmpty, let action else { throw Problem.validation(errors, language: language) }
        self = action
    }

    /// The workflow event; a merge needs its target as found in the tenant.
    public func event(mergeTarget: MergeTarget?) -> WorkflowEvent? {
        switch self {
        case .acknowledge: .acknowledge
        case .assign(let unit, let agent): .assign(unit: unit, agent: agent)
        case .start: .startProcessing
        case .answer(let text): .answer(text)
        case .reply(let text, let asks): .reply(text, asksForInformation: asks)
        case .close(let text): .close(reply: text)
        case .reject(let reason, let redirectTo): .reject(reason: reason, redirectTo: redirectTo)
        case .merge: mergeTarget.map { .merge(into: $0) }
        }
    }
}
