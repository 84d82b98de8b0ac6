import FoundationEssentials
import GuichetCore

/// Someone mail is sent to inside the tenant, or who takes part in a circuit: a whole unit or one agent.
public enum Recipient: Sendable, Hashable, Codable {
    /// A unit of the tenant's organisation: any of its agents acts for it.
    case unit(UUID)
    /// One agent, by principal subject (`account:…`).
    case agent(String)

    /// Whether `principal` is this recipient or belongs to it.
    public func includes(_ principal: Principal) -> Bool {
        switch self {
        case .unit(let unit): principal.units.contains(unit)
        case .agent(let subject): principal.subject == subject
        }
    }

    /// As JSON: `{"unit": "<uuid>"}` or `{"agent": "<subject>"}`.
    public var jsonValue: JSONValue {
        switch self {
        case .unit(let unit): ["unit": .string(unit.lowercaseString)]
        case .agent(let subject): ["agent": .string(subject)]
        }
    }
}
