import GuichetCore

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
