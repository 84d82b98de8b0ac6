import FoundationEssentials
import GuichetCore
import GuichetPostgres

extension StoredItem {
    /// The normalised text and number terms the item's own fields are found by.
    var searchFields: (text: String, terms: [String]) {
        let details = item.details
        var parts = [item.number.text, details.subject, details.documentType]
        if let correspondent = details.correspondent {
            parts.append(correspondent.name)
            if let email = correspondent.email { parts.append(email) }
        }
        if let reference = details.reference { parts.append(reference) }
        let text = SearchNormalizer.words(parts.joined(separator: " \n "))
        var terms = SearchNormalizer.indexTerms(for: item.number)
        for term in SearchNormalizer.numberTerms(inText: parts.dropFirst().joined(separator: " \n ")) where !terms.contains(term) {
            terms.append(term)
        }
        return (text, terms)
    }

    /// Who owes a decision now: the pending participants of the open opinion circuit and the
    /// approver of the current approval step.
    var pendingParticipants: (opinions: [Recipient], approvals: [Recipient]) {
        let workflow = item.workflow
        var opinions: [Recipient] = []
        if workflow.status == .opinionRequested, let circuit = workflow.opinionCircuits.last {
            opinions = circuit.steps.filter { !$0.isDecided }.map(\.participant)
        }
        var approvals: [Recipient] = []
        if workflow.status == .awaitingApproval, let circuit = workflow.approvalCircuits.last, let step = circuit.currentStep {
            approvals = [circuit.steps[step].participant]
        }
        return (opinions, approvals)
    }

    private static func split(_ recipients: [Recipient]) -> (units: [UUID], agents: [String]) {
        var units: [UUID] = []
        var agents: [String] = []
        for recipient in recipients {
            switch recipient {
            case .unit(let unit): units.append(unit)
            case .agent(let subject): agents.append(subject)
            }
        }
        return (units, agents)
    }

    /// The statement inserting a newly registered item's state.
    func insertion(tenant: UUID, at instant: Date) -> PostgresQuery {
        let details = item.details
        let search = searchFields
        return """
            INSERT INTO mail.items (
                tenant_id, id, direction, year, sequence, registry_number, registered_at, registered_by, subject, correspondent,
                document_type, medium, priority, confidentiality, received_at, sent_at, reference, in_reply_to, answers, access_units,
                access_agents, access_roles, status, workflow, due_on, remind_on, search_fields, search_terms, updated_at)
            VALUES (
                \(tenant), \(item.id), \(item.direction.rawValue), \(item.number.year), \(item.number.sequence), \(item.number.text),
                \(item.registeredAt), \(item.registeredBy), \(details.subject), \(details.correspondent.map { PostgresJSON($0.jsonValue) }),
                \(details.documentType), \(details.medium.rawValue), \(details.priority.rawValue), \(details.confidentiality.rawValue),
                \(details.receivedAt), \(details.sentAt), \(details.reference), \(inReplyTo), \(answers),
                \(access.units.sorted { $0.uuidString < $1.uuidString }),
                \(access.agents.sorted()), \(access.roles.sorted()), \(item.workflow.status.rawValue), \(PostgresJSON(item.workflow)),
                \(schedule?.dueOn.description)::date, \(schedule?.remindOn.description)::date, \(search.text), \(search.terms), \(instant))
            """
    }

    /// The statement writing every mutable column of the item, guarded by its version (it changes
    /// one row, or none when another writer got there first); bumps the version.
    func update(tenant: UUID, at instant: Date) -> PostgresQuery {
        let details = item.details
        let search = searchFields
        let routing = item.workflow.routing
        let copies = Self.split(routing?.copies ?? [])
        let pending = pendingParticipants
        let opinions = Self.split(pending.opinions)
        let approvals = Self.split(pending.approvals)
        return """
            UPDATE mail.items SET
                subject = \(details.subject), correspondent = \(details.correspondent.map { PostgresJSON($0.jsonValue) }),
                document_type = \(details.documentType), medium = \(details.medium.rawValue), priority = \(details.priority.rawValue),
                confidentiality = \(details.confidentiality.rawValue), received_at = \(details.receivedAt), sent_at = \(details.sentAt),
                reference = \(details.reference), access_units = \(access.units.sorted { $0.uuidString < $1.uuidString }),
                access_agents = \(access.agents.sorted()), access_roles = \(access.roles.sorted()),
                status = \(item.workflow.status.rawValue), workflow = \(PostgresJSON(item.workflow)),
                principal_unit = \(routing?.principal), principal_unit_name = \(principalUnitName.map(PostgresJSON.init)),
                copy_units = \(copies.units), copy_agents = \(copies.agents),
                opinion_units = \(opinions.units), opinion_agents = \(opinions.agents),
                approval_units = \(approvals.units), approval_agents = \(approvals.agents),
                due_on = \(schedule?.dueOn.description)::date, remind_on = \(schedule?.remindOn.description)::date,
                closed_on = \(closedOn?.description)::date,
                cancelled_at = \(item.cancellation?.cancelledAt), cancelled_by = \(item.cancellation?.cancelledBy),
                cancellation_reason = \(item.cancellation?.reason), amendment_count = \(amendmentCount), purged_at = \(purgedAt),
                search_fields = \(search.text), search_terms = \(search.terms),
                version = version + 1, updated_at = \(instant)
            WHERE tenant_id = \(tenant) AND id = \(item.id) AND version = \(version)
            """
    }
}
