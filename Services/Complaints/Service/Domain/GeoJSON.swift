import GuichetCore

/// A GeoJSON geometry (RFC 7946) of the kinds Guichet writes: points for complaints and
/// clusters, polygons and multipolygons for zones. Positions are written `[longitude, latitude]`.
public enum GeoJSONGeometry: Sendable, Hashable {
    /// A point.
    case point(GeoPoint)
    /// A polygon: its exterior ring, then any holes; each ring closed (first position = last).
    case polygon([[GeoPoint]])
    /// Several polygons.
    case multiPolygon([[[GeoPoint]]])

    /// The GeoJSON `type` member.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        }
    }

    /// Writes the geometry object.
    public func write(to json: inout JSONWriter) {
        json.openObject()
        json.writeKey("type")
        json.write(typeName)
        json.writeKey("coordinates")
        switch self {
        case .point(let point):
            Self.write(point, to: &json)
        case .polygon(let rings):
            Self.write(rings, to: &json)
        case .multiPolygon(let polygons):
            json.openArray()
            for rings in polygons { Self.write(rings, to: &json) }
            json.closeArray()
        }
        json.closeObject()
    }

    /// The geometry as compact GeoJSON bytes (for PostGIS's `ST_GeomFromGeoJSON`, say).
    public var encodedJSON: [UInt8] {
        var json = JSONWriter()
        write(to: &json)
        return json.bytes
    }

    private static func write(_ rings: [[GeoPoint]], to json: inout JSONWriter) {
        json.openArray()
        for ring in rings {
            json.openArray()
            for point in ring { write(point, to: &json) }
            json.closeArray()
        }
        json.closeArray()
    }

    static func write(_ point: GeoPoint, to json: inout JSONWriter) {
        json.openArray()
        json.write(point.longitude)
        json.write(point.latitude)
        json.closeArray()
    }
}

/// A GeoJSON feature: a geometry with properties, an optional id and bounding box.
public struct GeoJSONFeature: Sendable, Hashable {
    /// The feature's id (written as a string), if any.
    public var id: String?
    /// Its geometry (`null` when absent).
    public var geometry: GeoJSONGeometry?
    /// Its properties, written in sorted key order.
    public var properties: [String: JSONValue]
    /// Its bounding box, if given.
    public var boundingBox: GeoBoundingBox?

    /// A feature from its parts.
    public init(id: String? = nil, geometry: GeoJSONGeometry?, properties: [String: JSONValue] = [:], boundingBox: GeoBoundingBox? = nil) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
        self.boundingBox = boundingBox
    }

    /// Writes the feature object.
    public func write(to json: inout JSONWriter) {
        json.openObject()
        json.writeKey("type")
        json.write("Feature")
        if let id {
            json.writeKey("id")
            json.write(id)
        }
        if let boundingBox {
            json.writeKey("bbox")
            json.openArray()
            for value in boundingBox.coordinates { json.write(value) }
            json.closeArray()
        }
        json.writeKey("geometry")
        if let geometry { geometry.write(to: &json) } else { json.writeNull() }
        json.writeKey("properties")
        json.write(JSONValue.object(properties))
        json.closeObject()
    }
}

/// A GeoJSON feature collection, what a map layer loads.
public struct GeoJSONFeatureCollection: Sendable, Hashable {
    /// The media type of GeoJSON documents.
    public static let mediaType = "application/geo+json"

    /// The features, in order.
    public var features: [GeoJSONFeature]

    /// A collection of `features`.
    public init(features: [GeoJSONFeature]) {
        self.features = features
    }

    /// Writes the collection object.
    public func write(to json: inout JSONWriter) {
        json.openObject()
        json.writeKey("type")
        json.write("FeatureCollection")
        json.writeKey("features")
        json.openArray()
        for feature in features { feature.write(to: &json) }
        json.closeArray()
        json.closeObject()
    }

    /// The collection as compact GeoJSON bytes.
    public var encodedJSON: [UInt8] {
        var json = JSONWriter(capacity: 64 + features.count * 160)
        write(to: &json)
        return json.bytes
    }
}
