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

/// GeoReport's service definition (`services/{code}.json`): a category's extra fields.
public struct Open311ServiceDefinition: Sendable, Hashable {
    /// One extra field.
    public struct Attribute: Sendable, Hashable {
        /// The kind of input.
        public enum DataType: String, Sendable, Hashable, CaseIterable {
            /// One line of text.
            case string
            /// A number.
            case number
            /// An ISO 8601 date-time.
            case datetime
            /// Text that may span lines.
            case text
            /// One value of a list.
            case singlevaluelist
            /// Several values of a list.
            case multivaluelist
        }

        /// `variable`: whether the user enters something (false: information only).
        public var variable: Bool
        /// `code`: the field's identifier.
        public var code: String
        /// `datatype`.
        public var dataType: DataType
        /// `required`.
        public var required: Bool
        /// `datatype_description`: help about the expected input.
        public var dataTypeDescription: String?
        /// `order`: position in the form, from 1.
        public var order: Int
        /// `description`: the question asked.
        public var description: String
        /// `values` of a list.
        public var values: [ListValue]

        /// An attribute from its parts.
        public init(
            variable: Bool = true, code: String, dataType: DataType, required: Bool, dataTypeDescription: String? = nil, order: Int,
            description: String, values: [ListValue] = []
        ) {
            self.variable = variable
            self.code = code
            self.dataType = dataType
            self.required = required
            self.dataTypeDescription = dataTypeDescription
            self.order = order
            self.description = description
            self.values = values
        }

        /// One choice of a list attribute.
        public struct ListValue: Sendable, Hashable {
            /// `key`: what is submitted.
            public var key: String
            /// `name`: what is shown.
            public var name: String

            /// A choice from its key and name.
            public init(key: String, name: String) {
                self.key = key
                self.name = name
            }
        }
    }

    /// `service_code`.
    public var code: String
    /// `attributes`, in order.
    public var attributes: [Attribute]

    /// A definition from its parts.
    public init(code: String, attributes: [Attribute]) {
        self.code = code
        self.attributes = attributes
    }

    /// The definition as JSON.
    public var encodedJSON: [UInt8] {
        var json = JSONWriter()
        json.openObject()
        json.writeKey("service_code")
        json.write(code)
        json.writeKey("attributes")
        json.openArray()
        for attribute in attributes.sorted(by: { $0.order < $1.order }) {
            json.openObject()
            json.writeKey("variable")
            json.write(attribute.variable)
            json.writeKey("code")
            json.write(attribute.code)
            json.writeKey("datatype")
            json.write(attribute.dataType.rawValue)
            json.writeKey("required")
            json.write(attribute.required)
            json.writeKey("datatype_description")
            Open311Writing.write(attribute.dataTypeDescription, to: &json)
            json.writeKey("order")
            json.write(attribute.order)
            json.writeKey("description")
            json.write(attribute.description)
            if attribute.dataType == .singlevaluelist || attribute.dataType == .multivaluelist {
                json.writeKey("values")
                json.openArray()
                for value in attribute.values {
                    json.openObject()
                    json.writeKey("key")
                    json.write(value.key)
                    json.writeKey("name")
                    json.write(value.name)
                    json.closeObject()
                }
                json.closeArray()
            }
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.bytes
    }
}

/// Small helpers shared by the GeoReport writers.
enum Open311Writing {
    static func write(_ text: String?, to json: inout JSONWriter) {
        if let text { json.write(text) } else { json.writeNull() }
    }

    static func array<Element>(_ elements: [Element], capacity: Int = 256, _ write: (inout JSONWriter, Element) -> Void) -> [UInt8] {
        var json = JSONWriter(capacity: capacity + elements.count * 256)
        json.openArray()
        for element in elements { write(&json, element) }
        json.closeArray()
        return json.bytes
    }
}
