import GuichetCore
import GuichetHTTP

/// Compares a process's routes with its OpenAPI document: every route must be described and every
/// described operation must exist. Catch-all routes (`**`, the gateway's proxying) are described
/// by the services' documents instead and are skipped.
public enum OpenAPICoverage {
    /// One sentence per mismatch, empty when the document and the routes agree.
    public static func mismatches(routes: [Route], document: JSONValue) -> [String] {
        var registered: Set<String> = []
        for route in routes where !route.pattern.hasSuffix("/**") {
            registered.insert("\(route.method.name.lowercased()) \(openAPIPath(route.pattern))")
        }
        var documented: Set<String> = []
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in (item.objectValue ?? [:]).keys where methods.contains(method) {
                documented.insert("\(method) \(path)")
            }
        }
        let undocumented = registered.subtracting(documented).sorted().map { "route not in the document: \($0)" }
        let missing = documented.subtracting(registered).sorted().map { "documented operation without a route: \($0)" }
        return undocumented + missing
    }

    /// `/v1/:tenant/complaints/:code` → `/v1/{tenant}/complaints/{code}`.
    public static func openAPIPath(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }
}
