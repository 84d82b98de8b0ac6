import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// Who may do what in the mail service: the access rules routes declare (roles, checked by the
/// context-token middleware) and the checks on an item (units, confidentiality) made in handlers.
///
/// - The mail office (`mail.registrar`) registers, amends, cancels, routes, uploads scans,
///   acknowledges, and reads the whole registry (confidential items only where listed).
/// - Supervisors (`mail.supervisor`) read every item, route and redirect within their units,
///   approve, verify the audit chain, export and purge.
/// - Processors (`mail.processor`) see and process the items that reach their units (principal,
///   copy, or a circuit step) and no other.
/// - A confidential or secret item is visible only to those on its list: to anyone else it does
///   not exist (404), whatever their role.
enum MailAccess {
    static let registrar = Roles.mailRegistrar
    static let processor = Roles.mailProcessor
    static let supervisor = Roles.mailSupervisor

    /// Any mail role.
    static let anyMailRole = AccessRule.agents(withAnyRoleOf: [registrar, processor, supervisor])
    /// The mail office.
    static let registrars = AccessRule.agents(withAnyRoleOf: [registrar])
    /// The mail office and supervisors.
    static let registrarsAndSupervisors = AccessRule.agents(withAnyRoleOf: [registrar, supervisor])
    /// Processors and supervisors.
    static let processing = AccessRule.agents(withAnyRoleOf: [processor, supervisor])
    /// Supervisors.
    static let supervisors = AccessRule.agents(withAnyRoleOf: [supervisor])
    /// The tenant's administrators.
    static let administrators = AccessRule.tenantAdministrators
    /// Reference data readers: any mail role or the tenant's administrators.
    static let referenceReaders = AccessRule.anyOf([anyMailRole, .tenantAdministrators])
    /// The audit chain's verifiers: supervisors and the tenant's administrators.
    static let auditors = AccessRule.anyOf([supervisors, .tenantAdministrators])

    /// Whether `principal` may read `stored` at all (before confidentiality): the mail office and
    /// supervisors read every item; processors the items that reach them.
    static func mayRead(_ stored: StoredItem, _ principal: Principal) -> Bool {
        if principal.has(role: registrar) || principal.has(role: supervisor) { return true }
        guard principal.has(role: processor) else { return false }
        return reaches(stored, principal)
    }

    /// Whether the item reaches `principal`: routed or copied to them or their units, or one of its
    /// circuits asks them.
    static func reaches(_ stored: StoredItem, _ principal: Principal) -> Bool {
        let workflow = stored.item.workflow
        if let routing = workflow.routing, routing.reaches(principal) { return true }
        for circuit in workflow.opinionCircuits where circuit.steps.contains(where: { $0.participant.includes(principal) }) {
            return true
        }
        for circuit in workflow.approvalCircuits where circuit.steps.contains(where: { $0.participant.includes(principal) }) {
            return true
        }
        return false
    }

    /// Whether `principal` handles the item for its principal unit (processor or supervisor of it).
    static func handles(_ stored: StoredItem, _ principal: Principal) -> Bool {
        guard principal.has(role: processor) || principal.has(role: supervisor),
            let unit = stored.item.workflow.routing?.principal
        else { return false }
        return principal.units.contains(unit)
    }

    /// Whether `principal` may route or redirect the item: the mail office, or a supervisor of its
    /// principal unit (or, before routing, any supervisor).
    static func routes(_ stored: StoredItem, _ principal: Principal) -> Bool {
        if principal.has(role: registrar) { return true }
        guard principal.has(role: supervisor) else { return false }
        guard let unit = stored.item.workflow.routing?.principal else { return true }
        return principal.units.contains(unit)
    }

    /// The item if `principal` may see it, else the 404 that hides it.
    static func visible(_ stored: StoredItem?, to principal: Principal, language: Language) throws(Problem) -> StoredItem {
        guard let stored, stored.isVisible(to: principal), mayRead(stored, principal) else {
            throw Problem(.notFound, language: language)
        }
        return stored
    }
}
