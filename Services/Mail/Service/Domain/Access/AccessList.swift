import FoundationEssentials
import GuichetCore

/// Who may see a confidential or secret mail item besides nobody: named units, agents and roles.
///
/// A confidential item is visible to agents of a listed unit, listed agents and holders of a listed
/// role; a secret item only to listed agents. The list is the only authority: routing a confidential item
/// does not open it to the units it reaches unless they are added (``adding(_:)``).
public struct AccessList: Sendable, Hashable, Codable {
    /// Units whose agents may see the item (confidential level only).
    public var units: Set<UUID>
    /// Agents, by principal subject, who may see the item.
    public var agents: Set<String>
    /// Roles whose holders may see the item (confidential level only), e.g. `mail.cabinet`.
    public var roles: Set<String>

    /// A list from its parts.
    public init(units: Set<UUID> = [], agents: Set<String> = [], roles: Set<String> = []) {
        self.units = units
        self.agents = agents
        self.roles = roles
    }

    /// An empty list: nobody beyond the rule's own (for a normal item, every agent of the tenant).
    public static let empty = AccessList()

    /// The list with `recipients` added (a unit to ``units``, an agent to ``agents``).
    public func adding(_ recipients: some Sequence<Recipient>) -> AccessList {
        var copy = self
        for recipient in recipients {
            switch recipient {
            case .unit(let unit): copy.units.insert(unit)
            case .agent(let subject): copy.agents.insert(subject)
            }
        }
        return copy
    }

    /// The list as JSON (sorted arrays): `units`, `agents`, `roles`.
    public var jsonValue: JSONValue {
        [
            "units": .array(units.map(\.lowercaseString).sorted().map(JSONValue.string)),
            "agents": .array(agents.sorted().map(JSONValue.string)),
            "roles": .array(roles.sorted().map(JSONValue.string)),
        ]
    }
}
