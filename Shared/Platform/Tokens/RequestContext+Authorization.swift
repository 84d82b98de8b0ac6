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
