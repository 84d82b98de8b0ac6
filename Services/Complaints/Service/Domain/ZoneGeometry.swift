import GuichetCore

/// A zone's area as submitted in GeoJSON (a `Polygon` or `MultiPolygon` geometry, RFC 7946),
/// checked before it is handed to PostGIS, which does the real geometry.
///
/// Checked: the `type`; `coordinates` nested as the type requires; at least one polygon and one
/// ring per polygon; every ring closed (its last position equal to its first) with at least 4
/// positions; every position `[longitude, latitude]` or `[longitude, latitude, altitude]` with a
/// finite longitude in −180…180 and latitude in −90…90. Not checked: winding order (RFC 7946
/// asks for it but parsers must accept either), self-intersections (PostGIS's `ST_IsValid`).
/// Altitudes are dropped. Other members (`bbox`, foreign members) are ignored, as GeoJSON allows.
///
/// Errors carry JSON pointers into the body (`/geometry/coordinates/0/3/1`); at most
/// ``Limits/maximumErrors`` are reported, and input beyond ``Limits/maximumPositions`` positions
/// is refused.
public struct ZoneGeometry: Sendable, Hashable {
    /// Bounds on the work and the report.
    public struct Limits: Sendable, Hashable {
        /// The most positions accepted in all (default 100 000).
        public var maximumPositions: Int
        /// The most field errors reported (default 20).
        public var maximumErrors: Int

        /// Limits with the given bounds.
        public init(maximumPositions: Int = 100_000, maximumErrors: Int = 20) {
            self.maximumPositions = maximumPositions
            self.maximumErrors = maximumErrors
        }
    }

    /// The polygons: each an exterior ring followed by its holes.
    public let polygons: [[[GeoPoint]]]
    /// Whether it was given as a `MultiPolygon`.
    public let isMultiPolygon: Bool

    /// Validates a GeoJSON geometry found at `pointer` in the request body; throws a
    /// `validation_failed` problem listing what is wrong.
    public init(validating json: JSONValue, pointer: String = "", limits: Limits = Limits(), language: Language = .default) throws(Problem) {
        var validator = Validator(limits: limits)
        guard let (polygons, isMulti) = validator.geometry(json, pointer: pointer), validator.errors.isEmpty else {
            throw Problem.validation(validator.errors, language: language)
        }
        self.polygons = polygons
        self.isMultiPolygon = isMulti
    }

    /// The geometry to store, as GeoJSON.
    public var geometry: GeoJSONGeometry {
        isMultiPolygon ? .multiPolygon(polygons) : .polygon(polygons.first ?? [])
    }

    /// The box holding every position.
    public var boundingBox: GeoBoundingBox? {
        GeoBoundingBox(polygons.lazy.flatMap { $0.lazy.flatMap { $0 } })
    }
}

extension ZoneGeometry {
    /// Walks the JSON, collecting errors up to the limit.
    private struct Validator {
        let limits: Limits
        var errors: [FieldError] = []
        var positions = 0

        init(limits: Limits) {
            self.limits = limits
        }

        var isFull: Bool { errors.count >= limits.maximumErrors }

        mutating func report(_ error: FieldError) {
            if !isFull { errors.append(error) }
        }

        mutating func geometry(_ json: JSONValue, pointer: String) -> ([[[GeoPoint]]], Bool)? {
            var collected: [FieldError] = []
            guard let reader = JSONFieldReader(json, pointer: pointer, errors: &collected) else {
                collected.forEach { report($0) }
                return nil
            }
            let type = reader.string("type", errors: &collected)
            collected.forEach { report($0) }
            guard let type else {
                if !reader.has("type") { report(.required(reader.pointer("type"))) }
                return nil
            }
            guard type == "Polygon" || type == "MultiPolygon" else {
                report(.unknownValue(reader.pointer("type"), allowed: ["Polygon", "MultiPolygon"]))
                return nil
            }
            let coordinatesPointer = reader.pointer("coordinates")
            guard let coordinates = reader.members["coordinates"], coordinates != .null else {
                report(.required(coordinatesPointer))
                return nil
            }
            if type == "Polygon" {
                guard let rings = polygon(coordinates, pointer: coordinatesPointer) else { return nil }
                return ([rings], false)
            }
            guard let list = array(coordinates, pointer: coordinatesPointer, minimum: 1) else { return nil }
            var polygons: [[[GeoPoint]]] = []
            for (index, element) in list.enumerated() {
                guard !isFull, positions <= limits.maximumPositions else { break }
                if let rings = polygon(element, pointer: coordinatesPointer + "/\(index)") { polygons.append(rings) }
            }
            return (polygons, true)
        }

        mutating func polygon(_ json: JSONValue, pointer: String) -> [[GeoPoint]]? {
            guard let list = array(json, pointer: pointer, minimum: 1) else { return nil }
            var rings: [[GeoPoint]] = []
            for (index, element) in list.enumerated() {
                guard !isFull else { return nil }
                if let ring = ring(element, pointer: pointer + "/\(index)") { rings.append(ring) }
            }
            return rings.count == list.count ? rings : nil
        }

        mutating func ring(_ json: JSONValue, pointer: String) -> [GeoPoint]? {
            guard let list = array(json, pointer: pointer, minimum: 4) else { return nil }
            positions += list.count
            guard positions <= limits.maximumPositions else {
                report(.tooManyItems(pointer, maximum: limits.maximumPositions))
                return nil
            }
            var ring: [GeoPoint] = []
            ring.reserveCapacity(list.count)
            for (index, element) in list.enumerated() {
                guard !isFull else { return nil }
                if let point = position(element, pointer: pointer + "/\(index)") { ring.append(point) }
            }
            guard ring.count == list.count else { return nil }
            if let first = ring.first, let last = ring.last, first != last {
                report(.ringNotClosed(pointer))
                return nil
            }
            return ring
        }

        mutating func position(_ json: JSONValue, pointer: String) -> GeoPoint? {
            guard case .array(let values) = json, values.count == 2 || values.count == 3 else {
                report(.invalidFormat(pointer, format: LocalizedText(fr: "[longitude, latitude]", ar: "[خط الطول، خط العرض]", en: "[longitude, latitude]")))
                return nil
            }
            var numbers: [Double] = []
            for (index, value) in values.enumerated() {
                guard case .number(let number) = value else {
                    report(.invalidType(pointer + "/\(index)", expected: .number))
                    return nil
                }
                numbers.append(number)
            }
            var valid = true
            if !GeoPoint.isValidLongitude(numbers[0]) {
                report(.outOfRange(pointer + "/0", minimum: -180, maximum: 180))
                valid = false
            }
            if !GeoPoint.isValidLatitude(numbers[1]) {
                report(.outOfRange(pointer + "/1", minimum: -90, maximum: 90))
                valid = false
            }
            if numbers.count == 3 && !numbers[2].isFinite {
                report(.invalidType(pointer + "/2", expected: .number))
                valid = false
            }
            return valid ? GeoPoint(latitude: numbers[1], longitude: numbers[0]) : nil
        }

        mutating func array(_ json: JSONValue, pointer: String, minimum: Int) -> [JSONValue]? {
            guard case .array(let list) = json else {
                report(.invalidType(pointer, expected: .array))
                return nil
            }
            guard list.count >= minimum else {
                report(.tooFewItems(pointer, minimum: minimum))
                return nil
            }
            return list
        }
    }
}
