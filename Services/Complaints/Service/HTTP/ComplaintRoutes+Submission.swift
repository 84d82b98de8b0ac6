import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

extension ComplaintRoutes {
    /// The roles of agents who may enter a complaint for a caller or a visitor (channel `phone`
    /// or `desk`).
    static let enteringRoles: Set<String> = [Roles.complaintsHandler, Roles.complaintsSupervisor]

    /// Citizens (with or without an account) declare `web` or `mobile`; an agent entering a
    /// complaint for someone declares `phone` or `desk` (default `desk`) — or `web`/`mobile` when
    /// helping on a citizen's device. `open311` is GeoReport's alone.
    static func allowChannels(in configuration: inout ComplaintSubmission.Configuration, for principal: Principal) {
        if principal.kind == .agent && !principal.roles.isDisjoint(with: enteringRoles) {
            configuration.allowedChannels = [.web, .mobile, .phone, .desk]
            configuration.defaultChannel = .desk
        } else {
            configuration.allowedChannels = SubmissionChannel.citizenChannels
            configuration.defaultChannel = .web
        }
    }

    /// Works out what the insert needs besides the citizen's text: the category (an unknown one is
    /// a 422 on `/category`), its extra fields checked, its deadlines on the tenant's calendar,
    /// the refusal of a point outside every zone when the tenant asks for it, and who submitted
    /// (a citizen's account, or the agent who entered it).
    func prepare(_ submission: ComplaintSubmission, context: RequestContext, tenant: TenantReference) async throws -> PreparedSubmission {
        var data = try await components.cache.data(tenant: tenant.id)
        if data.category(submission.category) == nil {
            // A category made on another replica since this one last read: read once more.
            data = try await components.cache.refresh(tenant: tenant.id)
        }
        guard let category = data.category(submission.category) else {
            throw Problem.validation([.unknownValue("/category")], language: context.language)
        }
        var errors: [FieldError] = []
        let attributes = CategoryField.validate(submission.attributes, against: category.fields, errors: &errors)
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        if data.settings.outsideZones == .refuse, let location = submission.location,
            try await !components.complaints.isInsideSomeZone(location, tenant: tenant.id)
        {
            throw Problem(.outsideZones, language: context.language)
        }
        var prepared = PreparedSubmission(attributes: attributes, policy: category.deadlines, calendar: components.calendar(of: tenant))
        switch context.principal.kind {
        case .citizen: prepared.citizenSubject = context.principal.subject
        case .agent: prepared.enteredBy = context.principal.subject
        default: break
        }
        return prepared
    }
}
