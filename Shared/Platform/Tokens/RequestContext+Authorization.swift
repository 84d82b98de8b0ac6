import GuichetCore
import GuichetHTTP

extension RequestContext {
    /// The tenant the request acts in; a 404 problem when the route has none (no tenant in the
    /// context token).
    public func requireTenant() throws(Problem) -> TenantReference {
        guard let tenant else { throw Problem(.notFound, language: language) }
        return tenant
    }
}

extension RequestContext {
    /// Refuses a caller who is not `owner` — the subject recorded on a resource only its author may
    /// see, such as a citizen's own request — with a 404, revealing nothing about the resource.
    public func requireOwnership(of owner: String?) throws(Problem) {
        guard let owner, !owner.isEmpty, principal.kind != .anonymous, principal.subject == owner else {
            throw Problem(.notFound, language: language)
        }
    }
}
