import GuichetCore

/// What an agent's map asks for: the visible box, the zoom level, and the same filters as the
/// list (status, unit, category). From the query string:
/// `bbox=west,south,east,north&zoom=12&status=received,assigned&category=roads`.
///
/// The map is drawn from a grid of ``MapClusterer`` cells computed in the database (the same
/// Web Mercator cells the domain's clusterer uses), so that a zoomed-out view of a million
/// complaints is one aggregate query, not a million rows.
public struct MapQuery: Sendable, Hashable {
    /// The visible box (the whole world when not given).
    public var box: GeoBoundingBox
    /// The zoom level, 0 to 22.
    public var zoom: Int
    /// The list filters (text, cursor and limit do not apply).
    public var filters: CaseListQuery

    /// The whole world's box (Web Mercator's square).
    public static let world: GeoBoundingBox = {
        var box = GeoBoundingBox(GeoPoint(latitude: -WebMercator.latitudeLimit, longitude: -180)!)
        box.extend(with: GeoPoint(latitude: WebMercator.latitudeLimit, longitude: 180)!)
        return box
    }()

    /// A query from its parts.
    public init(box: GeoBoundingBox = MapQuery.world, zoom: Int, filters: CaseListQuery = CaseListQuery()) {
        self.box = box
        self.zoom = zoom
        self.filters = filters
    }

    /// Validates the query string's `items`, reporting every problem in `language`.
    public init(parsing items: [(name: String, value: String)], language: Language = .default) throws(Problem) {
        var errors: [FieldError] = []
        var filters = CaseListQuery()
        do {
            filters = try CaseListQuery(parsing: items.filter { ["status", "unit", "category", "zone"].contains($0.name) }, language: language)
        } catch {
            errors += error.errors
        }
        var box = Self.world
        if let text = items.first(where: { $0.name == "bbox" })?.value {
            let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingWhitespace()) }
            if numbers.count == 4, let west = numbers[0], let south = numbers[1], let east = numbers[2], let north = numbers[3],
                west <= east, south <= north, let southWest = GeoPoint(latitude: south, longitude: west),
                let northEast = GeoPoint(latitude: north, longitude: east)
            {
                box = GeoBoundingBox(southWest)
                box.extend(with: northEast)
            } else {
                errors.append(
                    .invalidFormat(
                        "bbox",
                        format: LocalizedText(fr: "ouest,sud,est,nord en degrés", ar: "غرب،جنوب،شرق،شمال بالدرجات", en: "west,south,east,north in degrees")))
            }
        }
        var zoom = 0
        if let text = items.first(where: { $0.name == "zoom" })?.value {
            if let value = Int(text), WebMercator.zoomLevels.contains(value) {
                zoom = value
            } else {
                errors.append(.outOfRange("zoom", minimum: Double(WebMercator.zoomLevels.lowerBound), maximum: Double(WebMercator.zoomLevels.upperBound)))
            }
        } else {
            errors.append(.required("zoom"))
        }
        guard errors.isEmpty else { throw Problem.validation(errors, language: language) }
        self.init(box: box, zoom: zoom, filters: filters)
    }

    /// The side of the world in pixels at this zoom (256 × 2^zoom).
    public var worldSize: Double {
        WebMercator.tileSize * Double(1 << zoom)
    }
}
