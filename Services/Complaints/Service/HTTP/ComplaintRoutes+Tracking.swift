import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

extension ComplaintRoutes {
    /// The citizen's view of a complaint (by tracking code, or by id for its signed-in citizen),
    /// with its `ETag`.
    func citizenResponse(_ key: CaseStore.Key, context: RequestContext, tenant: TenantReference) async throws -> HTTPResponse {
        guard let tracking = try await components.complaints.tracking(key, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return try await Self.citizenResponse(tracking, components: components, context: context, tenant: tenant)
    }

    /// The citizen's view of `tracking`, with the competent tenant of a redirection and the
    /// complaint a duplicate was merged into.
    static func citizenResponse(
        _ tracking: ComplaintStore.Tracking, components: ComplaintComponents, context: RequestContext, tenant: TenantReference
    ) async throws -> HTTPResponse {
        let row = tracking.row
        let instants = Instants(timeZone: components.timeZone(of: tenant))
        let (rules, _) = try await components.rules(of: tenant)
        var redirection: CitizenView.Redirection?
        if let slug = row.redirectedTo {
            let competent = try await components.tenants.tenant(slug: slug)
            redirection = CitizenView.Redirection(slug: slug, name: competent.map { ComplaintViews.Names($0.name) })
        }
        var merged: CitizenView.MergedInto?
        if let target = row.mergedInto, let followed = try await components.complaints.tracking(.id(target), tenant: tenant.id) {
            merged = CitizenView.MergedInto(
                status: followed.row.status.rawValue, statusName: followed.row.status.displayName.text(in: context.language),
                updatedAt: instants(followed.row.updatedAt),
                replies: followed.timeline.filter { $0.kind == "public_reply" || $0.kind == "status_changed" }.map {
                    CitizenView.Entry($0, instants: instants)
                })
        }
        let base = "/v1/\(tenant.slug)/complaints/\(row.trackingCode.displayed)"
        var response = try HTTPResponse.json(
            CitizenView(
                tracking, base: base, rules: rules, language: context.language, instants: instants, redirection: redirection, merged: merged))
        response.headers.add("ETag", row.entityTag)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
