public import GuichetCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The Web Mercator projection (EPSG:3857) as web maps tile it: at zoom *z* the world is a
/// square of 256 × 2^z pixels, split into 2^z × 2^z tiles of 256 pixels, origin at the top left.
public enum WebMercator {
    /// The latitude beyond which the projection is cut (the map is square): ±85.05112878°.
    public static let latitudeLimit = 85.051_128_779_806_59
    /// The side of a tile, in pixels.
    public static let tileSize = 256.0
    /// The zoom levels maps use.
    public static let zoomLevels = 0...22

    /// The point's position in world pixels at `zoom` (x to the east, y to the south), latitude
    /// clamped to ±``latitudeLimit``.
    public static func pixel(of point: GeoPoint, zoom: Int) -> (x: Double, y: Double) {
        let size = tileSize * Double(1 << min(max(zoom, 0), 30))
        let latitude = min(max(point.latitude, -latitudeLimit), latitudeLimit)
        let sine = sin(latitude * .pi / 180)
        let x = (point.longitude + 180) / 360 * size
        let y = (0.5 - log((1 + sine) / (1 - sine)) / (4 * .pi)) * size
        return (x, y)
    }

    /// The tile holding the point at `zoom` (`x`, `y` in 0..<2^zoom).
    public static func tile(of point: GeoPoint, zoom: Int) -> (x: Int, y: Int) {
        let zoom = min(max(zoom, 0), 30)
        let (x, y) = pixel(of: point, zoom: zoom)
        let last = (1 << zoom) - 1
        return (min(max(Int((x / tileSize).rounded(.down)), 0), last), min(max(Int((y / tileSize).rounded(.down)), 0), last))
    }
}
