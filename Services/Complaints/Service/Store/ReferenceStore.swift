import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of a tenant's reference data: settings, categories (reads and updates), zones and
/// routing rules. Every statement names the tenant and runs with it set.
struct ReferenceStore: Sendable {
    let database: PostgresPool

    /// Why a write was refused.
    enum Refusal: Error, Equatable {
        /// Nothing with this key.
        case notFound
        /// `If-Match` named another version than the current one.
        case versionMismatch
        /// The key exists already.
        case duplicate
        /// PostGIS found the outline invalid (self-intersecting…).
        case invalidGeometry
        /// A routing rule names a category the tenant does not have.
        case unknownCategory
        /// A routing rule names a zone the tenant does not have.
        case unknownZone
    }

    // MARK: Everything the handlers need

    /// The tenant's categories and settings, in one round trip.
    func referenceData(tenant: UUID) async throws -> ReferenceData {
        let results = try await database.transaction(
            [
                "SELECT \(unsafeRaw: ComplaintStore.categoryColumns) FROM complaints.categories WHERE tenant_id = \(tenant)",
                "SELECT settings, version FROM complaints.settings WHERE tenant_id = \(tenant)",
            ],
            tenant: tenant)
        var categories: [String: ComplaintCategory] = [:]
        for row in results[0] {
            let category = try ComplaintStore.category(from: row).category
            categories[category.code] = category
        }
        let (settings, version) = try results[1].first.map { try $0.decode((PostgresJSON<ComplaintSettings>, Int).self) }
            .map { ($0.0.value, $0.1) } ?? (ComplaintSettings(), 0)
        return ReferenceData(categories: categories, settings: settings, settingsVersion: version)
    }

    // MARK: Settings

    /// Replaces the tenant's settings if they are at `version` (0: never saved); returns the new version.
    func save(_ settings: ComplaintSettings, ifVersion version: Int, tenant: UUID) async throws -> Int {
        let rows: PostgresRows
        if version == 0 {
            rows = try await database.query(
                """
                INSERT INTO complaints.settings (tenant_id, settings) VALUES (\(tenant), \(PostgresJSON(settings)))
                ON CONFLICT (tenant_id) DO NOTHING RETURNING version
                """,
                tenant: tenant)
        } else {
            rows = try await database.query(
                """
                UPDATE complaints.settings SET settings = \(PostgresJSON(settings)), version = version + 1, updated_at = now()
                WHERE tenant_id = \(tenant) AND version = \(version) RETURNING version
                """,
                tenant: tenant)
        }
        guard let row = rows.first else { throw Refusal.versionMismatch }
        return try row.decode(Int.self)
    }

    // MARK: Categories

    /// The category with `code` and its version.
    func category(_ code: String, tenant: UUID) async throws -> (category: ComplaintCategory, version: Int)? {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: ComplaintStore.categoryColumns) FROM complaints.categories
            WHERE tenant_id = \(tenant) AND code = \(code)
            """,
            tenant: tenant)
        return try rows.first.map(ComplaintStore.category(from:))
    }

    /// Replaces a category (its code stays) if it is at `version`; returns the new version.
    func update(_ category: ComplaintCategory, ifVersion version: Int, tenant: UUID) async throws -> Int {
        let rows = try await database.transaction(
            [
                """
                UPDATE complaints.categories SET
                    name_fr = \(category.name.fr), name_ar = \(category.name.ar), name_en = \(category.name.en),
                    description = \(category.description.map(PostgresJSON.init)), group_code = \(category.group),
                    keywords = \(category.keywords), deadlines = \(PostgresJSON(category.deadlines)),
                    fields = \(PostgresJSON(category.fields)), default_unit = \(category.defaultUnit),
                    version = version + 1, updated_at = now()
                WHERE tenant_id = \(tenant) AND code = \(category.code) AND version = \(version)
                RETURNING version
                """,
                "SELECT 1 FROM complaints.categories WHERE tenant_id = \(tenant) AND code = \(category.code)",
            ],
            tenant: tenant)
        if let row = rows[0].first { return try row.decode(Int.self) }
        throw rows[1].isEmpty ? Refusal.notFound : Refusal.versionMismatch
    }

    // MARK: Zones

    /// A zone as listed: without its outline, with its bounding box.
    struct ZoneSummary: Sendable {
        let code: String
        let name: LocalizedText
        let kind: String
        let areaSquareMetres: Double
        let box: [Double]
        let version: Int
    }

    /// The tenant's zones, by code.
    func zones(tenant: UUID) async throws -> [ZoneSummary] {
        let rows = try await database.query(
            """
            SELECT code, name_fr, name_ar, name_en, kind, area_m2, public.ST_XMin(area), public.ST_YMin(area),
                   public.ST_XMax(area), public.ST_YMax(area), version
            FROM complaints.zones WHERE tenant_id = \(tenant) ORDER BY code
            """,
            tenant: tenant)
        return try rows.map { row in
            let (code, fr, ar, en, kind, area, west, south, east, north, version) = try row.decode(
                (String, String, String?, String?, String, Double, Double, Double, Double, Double, Int).self)
            return ZoneSummary(
                code: code, name: LocalizedText(fr: fr, ar: ar, en: en), kind: kind, areaSquareMetres: area,
                box: [west, south, east, north], version: version)
        }
    }

    /// A zone with its outline as GeoJSON text.
    func zone(_ code: String, tenant: UUID) async throws -> (summary: ZoneSummary, geoJSON: String)? {
        let rows = try await database.query(
            """
            SELECT code, name_fr, name_ar, name_en, kind, area_m2, public.ST_XMin(area), public.ST_YMin(area),
                   public.ST_XMax(area), public.ST_YMax(area), version, public.ST_AsGeoJSON(area, 7)
            FROM complaints.zones WHERE tenant_id = \(tenant) AND code = \(code)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let (code, fr, ar, en, kind, area, west, south, east, north, version, geoJSON) = try row.decode(
            (String, String, String?, String?, String, Double, Double, Double, Double, Double, Int, String).self)
        return (
            ZoneSummary(
                code: code, name: LocalizedText(fr: fr, ar: ar, en: en), kind: kind, areaSquareMetres: area,
                box: [west, south, east, north], version: version),
            geoJSON
        )
    }

    /// Creates a zone; returns its version (1).
    func insert(_ zone: ZoneDefinition, tenant: UUID) async throws -> Int {
        let geometry = String(decoding: zone.geometry.geometry.encodedJSON, as: UTF8.self)
        do {
            let rows = try await database.query(
                """
                INSERT INTO complaints.zones (tenant_id, code, name_fr, name_ar, name_en, kind, area, area_m2)
                SELECT \(tenant), \(zone.code), \(zone.name.fr), \(zone.name.ar), \(zone.name.en), \(zone.kind), g.area,
                       public.ST_Area(g.area::public.geography)
                FROM (SELECT public.ST_Multi(public.ST_SetSRID(public.ST_GeomFromGeoJSON(\(geometry)), 4326)) AS area) g
                RETURNING version
                """,
                tenant: tenant)
            return try rows.single(Int.self)
        } catch let error as PostgresError {
            throw Self.refusal(for: error) ?? error
        }
    }

    /// Replaces a zone's name, kind and outline if it is at `version`; returns the new version.
    func replace(_ zone: ZoneDefinition, ifVersion version: Int, tenant: UUID) async throws -> Int {
        let geometry = String(decoding: zone.geometry.geometry.encodedJSON, as: UTF8.self)
        let rows: [PostgresRows]
        do {
            rows = try await database.transaction(
                [
                    """
                    UPDATE complaints.zones z SET
                        name_fr = \(zone.name.fr), name_ar = \(zone.name.ar), name_en = \(zone.name.en), kind = \(zone.kind),
                        area = g.area, area_m2 = public.ST_Area(g.area::public.geography), version = z.version + 1, updated_at = now()
                    FROM (SELECT public.ST_Multi(public.ST_SetSRID(public.ST_GeomFromGeoJSON(\(geometry)), 4326)) AS area) g
                    WHERE z.tenant_id = \(tenant) AND z.code = \(zone.code) AND z.version = \(version)
                    RETURNING z.version
                    """,
                    "SELECT 1 FROM complaints.zones WHERE tenant_id = \(tenant) AND code = \(zone.code)",
                ],
                tenant: tenant)
        } catch let error as PostgresError {
            throw Self.refusal(for: error) ?? error
        }
        if let row = rows[0].first { return try row.decode(Int.self) }
        throw rows[1].isEmpty ? Refusal.notFound : Refusal.versionMismatch
    }

    /// Deletes a zone (and its routing rules) if it is at `version`.
    func deleteZone(_ code: String, ifVersion version: Int, tenant: UUID) async throws {
        let rows = try await database.transaction(
            [
                "DELETE FROM complaints.zones WHERE tenant_id = \(tenant) AND code = \(code) AND version = \(version) RETURNING 1",
                "SELECT 1 FROM complaints.zones WHERE tenant_id = \(tenant) AND code = \(code)",
            ],
            tenant: tenant)
        if !rows[0].isEmpty { return }
        throw rows[1].isEmpty ? Refusal.notFound : Refusal.versionMismatch
    }

    private static func refusal(for error: PostgresError) -> Refusal? {
        if error.isUniqueViolation { return .duplicate }
        // ST_IsValid's CHECK, or PostGIS refusing the GeoJSON outright (class XX000/22023).
        if error.isCheckViolation && (error.constraint ?? "").contains("area") { return .invalidGeometry }
        if error.sqlState == "XX000" || error.sqlState == "22023" || error.isDataException { return .invalidGeometry }
        return nil
    }

    // MARK: Routing rules

    /// A routing rule: complaints of a category located in a zone go to a unit.
    struct RoutingRule: Sendable, Hashable {
        let category: String
        let zone: String
        let unit: UUID
    }

    /// The tenant's rules, by category then zone.
    func routingRules(tenant: UUID) async throws -> [RoutingRule] {
        let rows = try await database.query(
            """
            SELECT category_code, zone_code, unit_id FROM complaints.routing_rules
            WHERE tenant_id = \(tenant) ORDER BY category_code, zone_code
            """,
            tenant: tenant)
        return try rows.map { row in
            let (category, zone, unit) = try row.decode((String, String, UUID).self)
            return RoutingRule(category: category, zone: zone, unit: unit)
        }
    }

    /// Creates or replaces the rule of (category, zone).
    func put(_ rule: RoutingRule, tenant: UUID) async throws {
        do {
            _ = try await database.query(
                """
                INSERT INTO complaints.routing_rules (tenant_id, category_code, zone_code, unit_id)
                VALUES (\(tenant), \(rule.category), \(rule.zone), \(rule.unit))
                ON CONFLICT (tenant_id, category_code, zone_code) DO UPDATE SET unit_id = EXCLUDED.unit_id
                """,
                tenant: tenant)
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw (error.constraint ?? "").contains("zone") ? Refusal.unknownZone : Refusal.unknownCategory
        }
    }

    /// Deletes the rule of (category, zone); false when there was none.
    func deleteRule(category: String, zone: String, tenant: UUID) async throws -> Bool {
        let rows = try await database.query(
            """
            DELETE FROM complaints.routing_rules
            WHERE tenant_id = \(tenant) AND category_code = \(category) AND zone_code = \(zone)
            """,
            tenant: tenant)
        return rows.rowsAffected == 1
    }
}
