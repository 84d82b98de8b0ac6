import GuichetCore

/// Combines OpenAPI documents, pure over JSON values: the kit adds its operational endpoints to
/// each service's document, and the gateway adds the services' public paths to its own.
public enum OpenAPIMerger {
    /// `base` with the paths accepted by `includePath`, the webhooks (OpenAPI 3.1's outgoing
    /// events), and the components and tags of every document in `others` added; on a name clash
    /// the base's (then the earlier document's) entry wins.
    public static func merge(
        _ base: JSONValue, with others: [JSONValue], includePath: (String) -> Bool = { _ in true }
    ) -> JSONValue {
        guard case .object(var document) = base else { return base }
        var paths = document["paths"]?.objectValue ?? [:]
        var webhooks = document["webhooks"]?.objectValue ?? [:]
        var components = document["components"]?.objectValue ?? [:]
        var tags = document["tags"]?.arrayValue ?? []
        var tagNames = Set(tags.compactMap { $0["name"]?.stringValue })
        for service in others {
            for (path, item) in service["paths"]?.objectValue ?? [:] where includePath(path) && paths[path] == nil {
                paths[path] = item
            }
            for (name, item) in service["webhooks"]?.objectValue ?? [:] where webhooks[name] == nil {
                webhooks[name] = item
            }
            for (section, entries) in service["components"]?.objectValue ?? [:] {
                var merged = components[section]?.objectValue ?? [:]
                for (name, entry) in entries.objectValue ?? [:] where merged[name] == nil {
                    merged[name] = entry
                }
                components[section] = .object(merged)
            }
            for tag in service["tags"]?.arrayValue ?? [] {
                if let name = tag["name"]?.stringValue, tagNames.insert(name).inserted { tags.append(tag) }
            }
        }
        document["paths"] = .object(paths)
        if !webhooks.isEmpty { document["webhooks"] = .object(webhooks) }
        document["components"] = .object(components)
        if !tags.isEmpty { document["tags"] = .array(tags) }
        return .object(document)
    }
}
