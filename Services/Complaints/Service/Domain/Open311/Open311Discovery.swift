public import FoundationEssentials
import GuichetCore

/// GeoReport's service discovery document (`discovery.json`).
public struct Open311Discovery: Sendable, Hashable {
    /// One endpoint.
    public struct Endpoint: Sendable, Hashable {
        /// Whether requests sent there are acted upon.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Live.
            case production
            /// For testing only.
            case test
        }

        /// `url`: the endpoint's base URL.
        public var url: String
        /// `changeset`: when its services last changed.
        public var changeset: Date
        /// `type`.
        public var kind: Kind
        /// `specification` (GeoReport v2 by default).
        public var specification: String
        /// `formats`: the media types served (JSON).
        public var formats: [String]

        /// An endpoint.
        public init(url: String, changeset: Date, kind: Kind = .production, specification: String = Open311.specification, formats: [String] = ["application/json"]) {
            self.url = url
            self.changeset = changeset
            self.kind = kind
            self.specification = specification
            self.formats = formats
        }
    }

    /// `changeset`: when the document last changed.
    public var changeset: Date
    /// `contact`: how to reach the provider.
    public var contact: String
    /// `key_service`: how to get an API key.
    public var keyService: String
    /// `endpoints`.
    public var endpoints: [Endpoint]

    /// A discovery document.
    public init(changeset: Date, contact: String, keyService: String, endpoints: [Endpoint]) {
        self.changeset = changeset
        self.contact = contact
        self.keyService = keyService
        self.endpoints = endpoints
    }

    /// The document as JSON; changesets are UTC RFC 3339 timestamps (sortable, as required).
    public var encodedJSON: [UInt8] {
        var json = JSONWriter()
        json.openObject()
        json.writeKey("changeset")
        json.write(RFC3339.formatUTC(changeset))
        json.writeKey("contact")
        json.write(contact)
        json.writeKey("key_service")
        json.write(keyService)
        json.writeKey("endpoints")
        json.openArray()
        for endpoint in endpoints {
            json.openObject()
            json.writeKey("specification")
            json.write(endpoint.specification)
            json.writeKey("url")
            json.write(endpoint.url)
            json.writeKey("changeset")
            json.write(RFC3339.formatUTC(endpoint.changeset))
            json.writeKey("type")
            json.write(endpoint.kind.rawValue)
            json.writeKey("formats")
            json.openArray()
            for format in endpoint.formats { json.write(format) }
            json.closeArray()
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.bytes
    }
}
