public import FoundationEssentials
public import GuichetCore

/// Which complaints an agent may read and act on.
///
/// - A **supervisor** (``Roles/complaintsSupervisor``) acts on every complaint of the tenant,
///   including the triage queue (complaints no unit was found for): supervisors oversee the
///   whole tenant, route what triage holds and merge duplicates across units.
/// - A **handler** (``Roles/complaintsHandler``) acts only on the complaints assigned to one of
///   the units of their context token; they may hand a complaint over to another unit (then it
///   leaves their scope). Merging is the supervisors' (it joins complaints of different units).
///
/// The units come from the gateway's context token (the identity service's unit memberships);
/// Guichet stores unit ids only and never reads the organisation's tables.
public struct AgentScope: Sendable, Hashable {
    /// Whether the agent supervises the whole tenant.
    public let isSupervisor: Bool
    /// The units the agent belongs to.
    public let units: Set<UUID>
    /// The agent's id, when their subject is an account (`account:<uuid>`).
    public let agentID: UUID?
    /// The agent's subject, for authorship and audit.
    public let subject: String

    /// The scope of `principal` (an agent; any other principal has an empty handler scope).
    public init(_ principal: Principal) {
        isSupervisor = principal.kind == .agent && principal.has(role: Roles.complaintsSupervisor)
        units = principal.kind == .agent ? principal.units : []
        subject = principal.subject
        agentID = Self.accountID(of: principal.subject)
    }

    /// A scope from its parts (tests).
    public init(isSupervisor: Bool, units: Set<UUID>, subject: String = "") {
        self.isSupervisor = isSupervisor
        self.units = units
        self.subject = subject
        self.agentID = Self.accountID(of: subject)
    }

    /// Whether the agent may act on a complaint assigned to `unit` (`nil`: the triage queue).
    public func covers(unit: UUID?) -> Bool {
        if isSupervisor { return true }
        guard let unit else { return false }
        return units.contains(unit)
    }

    /// Whether the agent may merge complaints.
    public var mayMerge: Bool { isSupervisor }

    /// The UUID in an `account:<uuid>` subject.
    public static func accountID(of subject: String) -> UUID? {
        guard subject.hasPrefix("account:") else { return nil }
        return UUID(uuidString: String(subject.dropFirst("account:".count)))
    }
}
