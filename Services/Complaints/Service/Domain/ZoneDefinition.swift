import GuichetCore

/// A zone of a tenant's territory (a region, a province, a commune, a school district) as an
/// administrator defines it:
///
/// ```json
/// {"code": "casa-anfa", "name": {"fr": "Anfa", "ar": "أنفا"}, "kind": "commune",
///  "geometry": {"type": "Polygon", "coordinates": [[[-7.66, 33.58], [-7.60, 33.58], [-7.60, 33.62], [-7.66, 33.58]]]}}
/// ```
///
/// The geometry is checked by ``ZoneGeometry`` (GeoJSON shape, closed rings, coordinates in range)
/// and then by PostGIS (`ST_IsValid`: no self-intersection).
public struct ZoneDefinition: Sendable, Hashable {
    /// The zone's code, unique in the tenant.
    public var code: String
    /// Its name.
    public var name: LocalizedText
    /// What kind of area it is (`region`, `province`, `commune`, `school_district` … or `area`).
    public var kind: String
    /// Its outline.
    public var geometry: ZoneGeometry

    /// Validates a zone body, reporting every invalid member (`/geometry/coordinates/0/3/1` …).
    /// `code` may come from the path instead (then the body's, if any, must be the same).
    public init(validating body: JSONValue, code pathCode: String? = nil, language: Language = .default) throws(Problem) {
        var errors: [FieldError] = []
        guard let reader = JSONFieldReader(body, pointer: "", errors: &errors) else { throw Problem.validation(errors, language: language) }
        reader.rejectUnknownMembers(allowed: ["code", "name", "kind", "geometry"], errors: &errors)
        var code = pathCode
        if let raw = reader.string("code", errors: &errors) {
            if !ComplaintSubmission.isValidCategoryCode(raw) {
                errors.append(.invalidFormat(reader.pointer("code")))
            } else if let pathCode, pathCode != raw {
                errors.append(.notAllowed(reader.pointer("code")))
            } else {
                code = raw
            }
        } else if pathCode == nil && !reader.has("code") {
            errors.append(.required(reader.pointer("code")))
        }
        let name = CategoryField.localizedText(reader.members["name"], pointer: reader.pointer("name"), errors: &errors)
        var kind = "area"
        if let raw = reader.string("kind", errors: &errors) {
            if Self.isValidKind(raw) { kind = raw } else { errors.append(.invalidFormat(reader.pointer("kind"))) }
        }
        var geometry: ZoneGeometry?
        if let value = reader.members["geometry"], value != .null {
            do {
                geometry = try ZoneGeometry(validating: value, pointer: reader.pointer("geometry"), language: language)
            } catch {
                errors += error.errors
            }
        } else {
            errors.append(.required(reader.pointer("geometry")))
        }
        guard errors.isEmpty, let code, let name, let geometry else { throw Problem.validation(errors, language: language) }
        self.code = code
        self.name = name
        self.kind = kind
        self.geometry = geometry
    }

    /// Whether `text` is a zone kind: 1 to 40 lower-case ASCII letters, digits and `_`, starting
    /// with a letter.
    static func isValidKind(_ text: String) -> Bool {
        guard let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), text.utf8.count <= 40 else { return false }
        return text.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }
}
