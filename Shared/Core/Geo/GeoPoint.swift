#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A point on the Earth in WGS 84 degrees (the GPS and GeoJSON datum): where a complaint is, where
/// an office stands. Always valid: ``init(latitude:longitude:)`` refuses coordinates out of range,
/// and ``parse(latitude:longitude:latitudeField:longitudeField:errors:)`` reports them as field
/// errors. Encoded as `{"lat": …, "lon": …}`.
public struct GeoPoint: Sendable, Hashable, Codable {
    /// The Earth's mean radius in metres (IUGG), used by ``distance(to:)``.
    public static let earthRadius = 6_371_008.8

    /// The latitude, −90…90 degrees (north positive).
    public let latitude: Double
    /// The longitude, −180…180 degrees (east positive).
    public let longitude: Double

    /// The point, or `nil` if a coordinate is not finite or out of range.
    public init?(latitude: Double, longitude: Double) {
        guard Self.isValidLatitude(latitude), Self.isValidLongitude(longitude) else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether `value` is a finite latitude in −90…90.
    public static func isValidLatitude(_ value: Double) -> Bool {
        value.isFinite && (-90...90).contains(value)
    }

    /// Whether `value` is a finite longitude in −180…180.
    public static func isValidLongitude(_ value: Double) -> Bool {
        value.isFinite && (-180...180).contains(value)
    }

    /// The great-circle distance to `other` in metres (haversine formula on a sphere of
    /// ``earthRadius``; within 0.5 % of the ellipsoidal distance, ample for "nearby").
    public func distance(to other: GeoPoint) -> Double {
        let degrees = Double.pi / 180
        let phi1 = latitude * degrees
        let phi2 = other.latitude * degrees
        let deltaPhi = (other.latitude - latitude) * degrees
        let deltaLambda = (other.longitude - longitude) * degrees
        let sinPhi = sin(deltaPhi / 2)
        let sinLambda = sin(deltaLambda / 2)
        let h = sinPhi * sinPhi + cos(phi1) * cos(phi2) * sinLambda * sinLambda
        return 2 * Self.earthRadius * asin(min(1, h.squareRoot()))
    }

    /// The point at the coordinates a request gave, or `nil` after appending an `out_of_range` error
    /// at `latitudeField` or `longitudeField` for each coordinate that is not finite or out of range.
    /// A missing coordinate (`nil`) gives `nil` without an error: the caller knows whether it was
    /// required.
    public static func parse(
        latitude: Double?, longitude: Double?, latitudeField: String, longitudeField: String, errors: inout [FieldError]
    ) -> GeoPoint? {
        if let latitude, !isValidLatitude(latitude) {
            errors.append(.outOfRange(latitudeField, minimum: -90, maximum: 90))
        }
        if let longitude, !isValidLongitude(longitude) {
            errors.append(.outOfRange(longitudeField, minimum: -180, maximum: 180))
        }
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    private enum CodingKeys: String, CodingKey {
        case latitude = "lat"
        case longitude = "lon"
    }

    /// Decodes `{"lat": …, "lon": …}`, rejecting coordinates out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let latitude = try container.decode(Double.self, forKey: .latitude)
        let longitude = try container.decode(Double.self, forKey: .longitude)
        guard let point = GeoPoint(latitude: latitude, longitude: longitude) else {
            throw DecodingError.dataCorruptedError(forKey: .latitude, in: container, debugDescription: "Coordinates out of range")
        }
        self = point
    }

    /// Encodes `{"lat": …, "lon": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latitude, forKey: .latitude)
        try container.encode(longitude, forKey: .longitude)
    }
}
