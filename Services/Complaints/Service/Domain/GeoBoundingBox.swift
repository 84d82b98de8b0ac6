public import GuichetCore

/// The smallest longitude/latitude rectangle holding some points: the `bbox` of GeoJSON
/// (RFC 7946 §5), written `[west, south, east, north]`. Boxes across the antimeridian are not
/// modelled: west ≤ east always.
public struct GeoBoundingBox: Sendable, Hashable {
    /// The smallest longitude.
    public var west: Double
    /// The smallest latitude.
    public var south: Double
    /// The largest longitude.
    public var east: Double
    /// The largest latitude.
    public var north: Double

    /// The box of one point.
    public init(_ point: GeoPoint) {
        west = point.longitude
        east = point.longitude
        south = point.latitude
        north = point.latitude
    }

    /// The box of `points`, or `nil` when there are none.
    public init?(_ points: some Sequence<GeoPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        self.init(first)
        while let point = iterator.next() { extend(with: point) }
    }

    /// Grows the box to hold `point`.
    public mutating func extend(with point: GeoPoint) {
        west = min(west, point.longitude)
        east = max(east, point.longitude)
        south = min(south, point.latitude)
        north = max(north, point.latitude)
    }

    /// Whether `point` lies in the box (edges included).
    public func contains(_ point: GeoPoint) -> Bool {
        (west...east).contains(point.longitude) && (south...north).contains(point.latitude)
    }

    /// `[west, south, east, north]`, the GeoJSON order.
    public var coordinates: [Double] { [west, south, east, north] }
}
