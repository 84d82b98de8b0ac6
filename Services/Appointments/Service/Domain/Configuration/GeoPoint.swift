public import GuichetCore

/// A point on the Earth (WGS 84), such as a site's entrance.
public struct GeoPoint: Sendable, Hashable {
    /// Degrees north of the equator, `-90...90`.
    public var latitude: Double
    /// Degrees east of Greenwich, `-180...180`.
    public var longitude: Double

    /// A point from its coordinates (checked by ``validate(at:)``).
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The field errors under `pointer`: `/latitude` and `/longitude` out of range (or not finite).
    public func validate(at pointer: String) -> [FieldError] {
        var errors: [FieldError] = []
        if !(latitude.isFinite && (-90...90).contains(latitude)) {
            errors.append(.outOfRange(pointer + "/latitude", minimum: -90, maximum: 90))
        }
        if !(longitude.isFinite && (-180...180).contains(longitude)) {
            errors.append(.outOfRange(pointer + "/longitude", minimum: -180, maximum: 180))
        }
        return errors
    }
}
