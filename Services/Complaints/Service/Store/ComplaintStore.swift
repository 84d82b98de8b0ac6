import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of the complaints service. Every statement names the tenant itself (the planner prunes
/// partitions only from that) and runs with the tenant set (row-level security is the net).
struct ComplaintStore: Sendable {
    let database: PostgresPool

    /// Why a write was refused.
    enum Refusal: Error {
        /// The category code is not one of the tenant's.
        case unknownCategory
        /// A category with this code exists.
        case duplicateCategory
    }

    // MARK: Categories

    func insert(_ category: ComplaintCategory, tenant: UUID) async throws {
        do {
            _ = try await database.query(
                """
                INSERT INTO complaints.categories (
                    tenant_id, code, name_fr, name_ar, name_en, description, group_code, keywords, deadlines, fields, default_unit)
                VALUES (
                    \(tenant), \(category.code), \(category.name.fr), \(category.name.ar), \(category.name.en),
                    \(category.description.map(PostgresJSON.init)), \(category.group), \(category.keywords),
                    \(PostgresJSON(category.deadlines)), \(PostgresJSON(category.fields)), \(category.defaultUnit))
                """,
                tenant: tenant)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw Refusal.duplicateCategory
        }
    }

    func categories(tenant: UUID) async throws -> [ComplaintCategory] {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: Self.categoryColumns) FROM complaints.categories WHERE tenant_id = \(tenant) ORDER BY code",
            tenant: tenant)
        return try rows.map { try Self.category(from: $0).category }
    }

    /// The columns ``category(from:)`` reads.
    static let categoryColumns = "code, name_fr, name_ar, name_en, description, group_code, keywords, deadlines, fields, default_unit, version"

    /// A category and its version from a row of ``categoryColumns``.
    static func category(from row: PostgresRow) throws -> (category: ComplaintCategory, version: Int) {
        let (code, fr, ar, en, description, group, keywords, deadlines, fields, defaultUnit, version) = try row.decode(
            (String, String, String?, String?, PostgresJSON<LocalizedText>?, String?, [String], PostgresJSON<DeadlinePolicy>,
             PostgresJSON<[CategoryField]>, UUID?, Int).self)
        let category = ComplaintCategory(
            code: code, name: LocalizedText(fr: fr, ar: ar, en: en), description: description?.value, group: group,
            keywords: keywords, deadlines: deadlines.value, fields: fields.value, defaultUnit: defaultUnit)
        return (category, version)
    }

    // MARK: Complaints

    /// The statement that inserts a submitted complaint (run it with the idempotency record, if any,
    /// in one transaction), routing it in the same statement: the unit of the tenant's rule for
    /// its category in the most specific zone holding its location, else the category's default
    /// unit, else the triage queue. The most specific zone holding the point is recorded too.
    func insertion(of record: ComplaintRecord, tenant: UUID) -> PostgresQuery {
        let submission = record.submission
        let longitude = submission.location?.longitude
        let latitude = submission.location?.latitude
        let acknowledgement = record.acknowledgementDeadline
        let answer = record.answerDeadline
        let attributes = submission.attributes.isEmpty && record.prepared.attributes.isEmpty ? nil : PostgresJSON(record.prepared.attributes)
        return """
            WITH point AS (
                SELECT CASE WHEN \(latitude)::float8 IS NULL THEN NULL
                            ELSE public.ST_SetSRID(public.ST_MakePoint(\(longitude)::float8, \(latitude)::float8), 4326) END AS geom
            ), zone AS (
                SELECT z.code FROM complaints.zones z, point p
                WHERE z.tenant_id = \(tenant) AND p.geom IS NOT NULL AND public.ST_Contains(z.area, p.geom)
                ORDER BY z.area_m2, z.code LIMIT 1
            ), rule AS (
                SELECT r.unit_id FROM complaints.routing_rules r
                JOIN complaints.zones z ON z.tenant_id = r.tenant_id AND z.code = r.zone_code, point p
                WHERE r.tenant_id = \(tenant) AND z.tenant_id = \(tenant) AND r.category_code = \(submission.category)
                  AND p.geom IS NOT NULL AND public.ST_Contains(z.area, p.geom)
                ORDER BY z.area_m2, z.code LIMIT 1
            ), fallback AS (
                SELECT default_unit FROM complaints.categories WHERE tenant_id = \(tenant) AND code = \(submission.category)
            )
            INSERT INTO complaints.complaints (
                tenant_id, id, tracking_code, kind, category_code, subject, description, location, address,
                contact_name, contact_email, contact_phone, language, channel, status, created_at, updated_at,
                attributes, zone_code, assigned_unit, routed_by, citizen_subject, entered_by,
                acknowledgement_due, answer_due, answer_alert_at, first_answer_due)
            SELECT
                \(tenant), \(record.id), \(record.trackingCode.canonical), \(submission.kind.rawValue), \(submission.category),
                \(submission.subject), \(submission.description), p.geom::public.geography,
                \(submission.address), \(submission.contact.name), \(submission.contact.email?.value),
                \(submission.contact.phone?.e164), \(submission.language.rawValue), \(submission.channel.rawValue),
                \(record.status.rawValue), \(record.createdAt), \(record.createdAt),
                coalesce(\(attributes), '{}'::jsonb), (SELECT code FROM zone),
                coalesce((SELECT unit_id FROM rule), (SELECT default_unit FROM fallback)),
                CASE WHEN (SELECT unit_id FROM rule) IS NOT NULL THEN 'zone'
                     WHEN (SELECT default_unit FROM fallback) IS NOT NULL THEN 'category' ELSE 'triage' END,
                \(record.prepared.citizenSubject), \(record.prepared.enteredBy),
                \(acknowledgement?.due), \(answer?.due), \(answer?.alertAt), \(answer?.due)
            FROM point p
            """
    }

    /// Whether a zone of the tenant holds `point` (for tenants that refuse points outside them).
    func isInsideSomeZone(_ point: GeoPoint, tenant: UUID) async throws -> Bool {
        let rows = try await database.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM complaints.zones WHERE tenant_id = \(tenant)
                  AND public.ST_Contains(area, public.ST_SetSRID(public.ST_MakePoint(\(point.longitude)::float8, \(point.latitude)::float8), 4326)))
            """,
            tenant: tenant)
        return try rows.single(Bool.self)
    }

    /// Runs `queries` (the insertion first) as one transaction; an unknown category is a refusal.
    func submit(_ queries: [PostgresQuery], tenant: UUID) async throws {
        do {
            _ = try await database.transaction(queries, tenant: tenant)
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Refusal.unknownCategory
        }
    }

    /// The citizen's view of the complaint with `code`, if the tenant has one.
    func complaint(trackingCode code: TrackingCode, tenant: UUID) async throws -> CitizenComplaint? {
        let rows = try await database.query(
            """
            SELECT c.kind, c.category_code, k.name_fr, k.name_ar, k.name_en, c.subject, c.description,
                   public.ST_Y(c.location::public.geometry), public.ST_X(c.location::public.geometry), c.address,
                   c.language, c.status, c.created_at, c.updated_at
            FROM complaints.complaints c
            JOIN complaints.categories k ON k.tenant_id = c.tenant_id AND k.code = c.category_code
            WHERE c.tenant_id = \(tenant) AND c.tracking_code = \(code.canonical) AND k.tenant_id = \(tenant)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let (kind, category, fr, ar, en, subject, description, latitude, longitude, address, language, status, createdAt, updatedAt) =
            try row.decode(
                (String, String, String, String?, String?, String, String, Double?, Double?, String?, String, String, Date, Date).self)
        let location = latitude.flatMap { latitude in longitude.flatMap { GeoPoint(latitude: latitude, longitude: $0) } }
        return CitizenComplaint(
            trackingCode: code, kind: kind, category: category, categoryName: LocalizedText(fr: fr, ar: ar, en: en),
            subject: subject, description: description, location: location, address: address, language: language,
            status: status, createdAt: createdAt, updatedAt: updatedAt)
    }
}
