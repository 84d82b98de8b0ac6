import GuichetCore
import GuichetHTTP

extension RequestContext {
    /// The tenant the request acts in; a 404 problem when the route has none (no tenant in the
    /// context token).
    public func requireTenant() throws(Problem) -> TenantReference {
        guard let tenant else { throw Problem(.notFound, language: language) }
        return tenant
    }

    /// Refuses principals of other kinds: 401 for an anonymous caller, 403 for another kind.
    public func require(_ kinds: Principal.Kind...) throws(Problem) {
        guard !kinds.contains(principal.kind) else { return }
        throw Problem(principal.kind == .anonymous ? .unauthorized : .forbidden, language: language)
    }
}
