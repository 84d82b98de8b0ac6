import FoundationEssentials
import GuichetCore

/// The rule deciding who may see a mail item, used alike by reads, lists, search and exports (an item
/// the rule hides is answered `404 Not Found`, never `403`, so its existence does not leak).
///
/// - Only agents, tenant administrators and services of the item's own tenant see mail at all; citizens,
///   anonymous callers and the platform's administrators never do.
/// - `normal`: every such caller (the routes still check the mail roles).
/// - `confidential`: a listed agent, an agent of a listed unit, or a holder of a listed role.
/// - `secret`: a listed agent only.
///
/// Tenant administrators get no exception. For SQL, ``Viewer`` carries the same facts as bind
/// parameters; the equivalent predicate is
///
/// ```sql
/// tenant_id = $tenant AND (
///      confidentiality = 'normal'
///   OR (confidentiality = 'confidential' AND (access_agents @> ARRAY[$subject] OR access_units && $units
///                                             OR access_roles && $roles))
///   OR (confidentiality = 'secret' AND access_agents @> ARRAY[$subject]))
/// ```
/// with the whole predicate false when ``Viewer/seesMail`` is false.
public enum ConfidentialAccess {
    /// Whether `viewer` may see an item of `tenant` at `level` with `list` (no allocation: safe to call for
    /// every row of a list).
    public static func allows(_ viewer: Principal, toSee level: ConfidentialityLevel, of tenant: UUID, list: AccessList) -> Bool {
        guard seesMail(viewer), viewer.tenantID == tenant else { return false }
        switch level {
        case .normal:
            return true
        case .confidential:
            return list.agents.contains(viewer.subject) || !list.units.isDisjoint(with: viewer.units)
                || !list.roles.isDisjoint(with: viewer.roles)
        case .secret:
            return list.agents.contains(viewer.subject)
        }
    }

    /// Whether `principal` may see any mail at all: an agent, tenant administrator or service of a tenant.
    public static func seesMail(_ principal: Principal) -> Bool {
        switch principal.kind {
        case .agent, .tenantAdministrator, .service: principal.tenantID != nil && !principal.subject.isEmpty
        case .anonymous, .citizen, .platformAdministrator: false
        }
    }

    /// Whether `viewer` may see `item` with `list`.
    public static func allows(_ viewer: Principal, toSee item: MailItem, list: AccessList) -> Bool {
        allows(viewer, toSee: item.details.confidentiality, of: item.tenantID, list: list)
    }

    /// The facts about a caller that the rule looks at, ready to bind into a query.
    public struct Viewer: Sendable, Hashable {
        /// Whether the caller may see any mail at all (an agent, tenant administrator or service of a tenant).
        public let seesMail: Bool
        /// The caller's tenant.
        public let tenantID: UUID?
        /// The caller's subject.
        public let subject: String
        /// The caller's units, sorted.
        public let units: [UUID]
        /// The caller's roles, sorted.
        public let roles: [String]

        /// The facts of `principal`.
        public init(_ principal: Principal) {
            seesMail = ConfidentialAccess.seesMail(principal)
            tenantID = principal.tenantID
            subject = principal.subject
            units = principal.units.sorted { $0.uuidString < $1.uuidString }
            roles = principal.roles.sorted()
        }
    }
}
