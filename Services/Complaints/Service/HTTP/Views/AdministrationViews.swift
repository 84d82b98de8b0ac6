import GuichetCore

/// The tenant's zones, without their outlines.
struct ZoneListView: Encodable {
    let zones: [Zone]

    struct Zone: Encodable {
        let code: String
        let name: ComplaintViews.Names
        let kind: String
        let areaSquareMetres: Double
        let bbox: [Double]
        let version: Int

        init(_ summary: ReferenceStore.ZoneSummary) {
            code = summary.code
            name = ComplaintViews.Names(summary.name)
            kind = summary.kind
            areaSquareMetres = summary.areaSquareMetres.rounded()
            bbox = summary.box
            version = summary.version
        }
    }

    /// A zone as a GeoJSON feature: its outline (PostGIS's GeoJSON, passed through), its code as
    /// id, its box, and its name, kind, area and version as properties.
    static func feature(_ summary: ReferenceStore.ZoneSummary, geometry: String) -> [UInt8] {
        var json = JSONWriter(capacity: 256 + geometry.utf8.count)
        json.openObject()
        json.writeKey("type")
        json.write("Feature")
        json.writeKey("id")
        json.write(summary.code)
        json.writeKey("bbox")
        json.openArray()
        for value in summary.box { json.write(value) }
        json.closeArray()
        json.writeKey("geometry")
        json.writeRawValue(geometry.utf8)
        json.writeKey("properties")
        json.write(
            JSONValue.object([
                "code": .string(summary.code),
                "name": .object(
                    ["fr": .string(summary.name.fr)].merging(
                        [("ar", summary.name.ar), ("en", summary.name.en)].compactMap { key, value in value.map { (key, JSONValue.string($0)) } }
                    ) { first, _ in first }),
                "kind": .string(summary.kind), "area_square_metres": .number(summary.areaSquareMetres.rounded()),
                "version": .number(Double(summary.version)),
            ]))
        json.closeObject()
        return json.bytes
    }
}

/// The tenant's routing rules.
struct RoutingRulesView: Encodable {
    let rules: [Rule]

    struct Rule: Encodable {
        let category: String
        let zone: String
        let unit: String
    }
}

/// The tenant's GeoReport keys; the secret only in the answer that made it.
struct KeysView: Encodable {
    let keys: [Key]

    struct Key: Encodable {
        let id: String
        let label: String
        let createdBy: String
        let createdAt: String
        let revokedAt: String?
        let apiKey: String?

        init(_ key: Open311Store.Key, secret: String?, instants: Instants) {
            id = key.id.lowercaseString
            label = key.label
            createdBy = key.createdBy
            createdAt = instants(key.createdAt)
            revokedAt = instants(key.revokedAt)
            apiKey = secret
        }
    }
}

/// What an anonymisation run did.
struct RetentionView: Encodable {
    let anonymised: Int
    let finishedBefore: String
    let retentionDays: Int
    let more: Bool
}
