import GuichetCore

/// Groups complaints for a map by a grid in screen space: at a zoom level, the points falling in
/// the same square cell of ``Configuration/cellSize`` pixels (in Web Mercator world pixels) make
/// one cluster, drawn at their mean position with their count and bounding box. Zoomed in past
/// ``Configuration/maximumClusteringZoom`` every point is drawn on its own.
///
/// The grid is fixed to the world (not to the viewport), so clusters stay put when the map is
/// panned; the work is one pass over the points with a dictionary of cells.
public struct MapClusterer: Sendable, Hashable {
    /// The grid's settings.
    public struct Configuration: Sendable, Hashable {
        /// The side of a cell, in pixels (default 64: a cluster per quarter tile).
        public var cellSize: Double
        /// The fewest points that make a cluster (default 2: a lone point is drawn as itself).
        public var minimumClusterSize: Int
        /// Above this zoom, points are never clustered (default 17, street level).
        public var maximumClusteringZoom: Int

        /// A configuration; traps on a cell size that is not positive or a minimum below 2.
        public init(cellSize: Double = 64, minimumClusterSize: Int = 2, maximumClusteringZoom: Int = 17) {
            precondition(cellSize.isFinite && cellSize > 0, "cellSize must be a positive number of pixels")
            precondition(minimumClusterSize >= 2, "A cluster has at least 2 points")
            self.cellSize = cellSize
            self.minimumClusterSize = minimumClusterSize
            self.maximumClusteringZoom = maximumClusteringZoom
        }
    }

    /// A point to draw: a complaint's id, location and the properties the map shows.
    public struct Point: Sendable, Hashable {
        /// The complaint's public id.
        public var id: String
        /// Where it is.
        public var location: GeoPoint
        /// What the map shows about it (status, category …; never contact data).
        public var properties: [String: JSONValue]

        /// A point from its parts.
        public init(id: String, location: GeoPoint, properties: [String: JSONValue] = [:]) {
            self.id = id
            self.location = location
            self.properties = properties
        }
    }

    /// Several points drawn as one.
    public struct Cluster: Sendable, Hashable {
        /// How many points it holds.
        public var count: Int
        /// Their mean position.
        public var center: GeoPoint
        /// The box holding them all (zooming to it splits the cluster).
        public var bounds: GeoBoundingBox
        /// The grid cell (column, row) at the zoom it was made for.
        public var cell: Cell
    }

    /// A grid cell: column and row at a zoom level.
    public struct Cell: Sendable, Hashable, Comparable {
        /// The column, from the antimeridian eastwards.
        public var column: Int
        /// The row, from the north.
        public var row: Int

        /// Orders cells row by row, west to east.
        public static func < (lhs: Cell, rhs: Cell) -> Bool {
            (lhs.row, lhs.column) < (rhs.row, rhs.column)
        }
    }

    /// What the map draws: a point or a cluster.
    public enum Item: Sendable, Hashable {
        /// A point drawn alone.
        case point(Point)
        /// A cluster of points.
        case cluster(Cluster)
    }

    /// The grid's settings.
    public let configuration: Configuration

    /// A clusterer with the given settings.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The items to draw at `zoom` (clamped to ``WebMercator/zoomLevels``), cell by cell (north
    /// to south, west to east), points within a cell by id: the same input always gives the same
    /// output.
    public func items(for points: [Point], zoom: Int) -> [Item] {
        let zoom = min(max(zoom, WebMercator.zoomLevels.lowerBound), WebMercator.zoomLevels.upperBound)
        let sorted = points.sorted { $0.id < $1.id }
        guard zoom <= configuration.maximumClusteringZoom else { return sorted.map(Item.point) }
        var cells: [Cell: [Int]] = [:]
        for (index, point) in sorted.enumerated() {
            cells[cell(of: point.location, zoom: zoom), default: []].append(index)
        }
        var items: [Item] = []
        items.reserveCapacity(cells.count)
        for cell in cells.keys.sorted() {
            let members = cells[cell] ?? []
            if members.count < configuration.minimumClusterSize {
                items.append(contentsOf: members.map { .point(sorted[$0]) })
                continue
            }
            var latitude = 0.0
            var longitude = 0.0
            var bounds = GeoBoundingBox(sorted[members[0]].location)
            for index in members {
                let location = sorted[index].location
                latitude += location.latitude
                longitude += location.longitude
                bounds.extend(with: location)
            }
            let count = Double(members.count)
            let center = GeoPoint(latitude: latitude / count, longitude: longitude / count) ?? sorted[members[0]].location
            items.append(.cluster(Cluster(count: members.count, center: center, bounds: bounds, cell: cell)))
        }
        return items
    }

    /// The items at `zoom` as a GeoJSON feature collection: a point keeps its id and properties
    /// and gets `"cluster": false`; a cluster is a point at its center with `"cluster": true`,
    /// `"count"` and a `bbox`.
    public func featureCollection(for points: [Point], zoom: Int) -> GeoJSONFeatureCollection {
        GeoJSONFeatureCollection(
            features: items(for: points, zoom: zoom).map { item in
                switch item {
                case .point(let point):
                    var properties = point.properties
                    properties["cluster"] = false
                    return GeoJSONFeature(id: point.id, geometry: .point(point.location), properties: properties)
                case .cluster(let cluster):
                    return GeoJSONFeature(
                        geometry: .point(cluster.center), properties: ["cluster": true, "count": .number(Double(cluster.count))],
                        boundingBox: cluster.bounds)
                }
            })
    }

    /// The grid cell holding `location` at `zoom`.
    public func cell(of location: GeoPoint, zoom: Int) -> Cell {
        let (x, y) = WebMercator.pixel(of: location, zoom: zoom)
        let last = Int((WebMercator.tileSize * Double(1 << min(max(zoom, 0), 30)) / configuration.cellSize).rounded(.up)) - 1
        let column = min(max(Int((x / configuration.cellSize).rounded(.down)), 0), last)
        let row = min(max(Int((y / configuration.cellSize).rounded(.down)), 0), last)
        return Cell(column: column, row: row)
    }
}
