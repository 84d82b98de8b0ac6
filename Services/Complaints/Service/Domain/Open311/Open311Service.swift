import GuichetCore

/// An entry of GeoReport's service list (`services.json`): a complaint category.
public struct Open311Service: Sendable, Hashable {
    /// How requests of this type are created; Guichet always answers with an id at once.
    public enum ServiceType: String, Sendable, Hashable, CaseIterable {
        /// The request id is returned immediately.
        case realtime
        /// A token is returned, to exchange later for the id.
        case batch
        /// No id is ever returned.
        case blackbox
    }

    /// `service_code`: the category code.
    public var code: String
    /// `service_name`: the category's name.
    public var name: String
    /// `description`: what the category covers.
    public var description: String?
    /// `metadata`: whether the category has extra fields (see ``Open311ServiceDefinition``).
    public var hasMetadata: Bool
    /// `type`.
    public var type: ServiceType
    /// `keywords`, written comma-separated.
    public var keywords: [String]
    /// `group`: a grouping of categories ("voirie", "eau").
    public var group: String?

    /// A service list entry.
    public init(
        code: String, name: String, description: String? = nil, hasMetadata: Bool = false, type: ServiceType = .realtime,
        keywords: [String] = [], group: String? = nil
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.hasMetadata = hasMetadata
        self.type = type
        self.keywords = keywords
        self.group = group
    }

    /// Writes the entry's object.
    public func write(to json: inout JSONWriter) {
        json.openObject()
        json.writeKey("service_code")
        json.write(code)
        json.writeKey("service_name")
        json.write(name)
        json.writeKey("description")
        Open311Writing.write(description, to: &json)
        json.writeKey("metadata")
        json.write(hasMetadata)
        json.writeKey("type")
        json.write(type.rawValue)
        json.writeKey("keywords")
        json.write(keywords.joined(separator: ", "))
        json.writeKey("group")
        Open311Writing.write(group, to: &json)
        json.closeObject()
    }

    /// The service list, `[{…}, …]`.
    public static func encodedList(_ services: [Open311Service]) -> [UInt8] {
        Open311Writing.array(services) { $1.write(to: &$0) }
    }
}
