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

    /// A complaint as its citizen follows it: the row (contact data excluded), the category's
    /// name, the public history and the attachments.
    struct Tracking: Sendable {
        let row: CaseRow
        let categoryName: LocalizedText
        let timeline: [TimelineEntry]
        let attachments: [AttachmentStore.Metadata]
    }

    /// The complaint with tracking `code` in the tenant, with its public history and attachments,
    /// in one round trip.
    func tracking(_ key: CaseStore.Key, tenant: UUID) async throws -> Tracking? {
        let head = """
            SELECT \(CaseRow.columns), k.name_fr AS category_fr, k.name_ar AS category_ar, k.name_en AS category_en
            FROM complaints.complaints c JOIN complaints.categories k ON k.tenant_id = c.tenant_id AND k.code = c.category_code
            """
        let events = """
            SELECT id, kind, public, author_kind, author, body, from_status, to_status, data, created_at
            FROM complaints.complaint_events
            """
        let files = "SELECT \(AttachmentStore.columns) FROM complaints.attachments"
        let queries: [PostgresQuery]
        switch key {
        case .trackingCode(let code):
            queries = [
                "\(unsafeRaw: head) WHERE c.tenant_id = \(tenant) AND k.tenant_id = \(tenant) AND c.tracking_code = \(code.canonical)",
                """
                \(unsafeRaw: events) WHERE tenant_id = \(tenant) AND public AND complaint_id = (
                    SELECT id FROM complaints.complaints WHERE tenant_id = \(tenant) AND tracking_code = \(code.canonical))
                ORDER BY created_at, id
                """,
                """
                \(unsafeRaw: files) WHERE tenant_id = \(tenant) AND complaint_id = (
                    SELECT id FROM complaints.complaints WHERE tenant_id = \(tenant) AND tracking_code = \(code.canonical))
                ORDER BY created_at, id
                """,
            ]
        case .id(let id):
            queries = [
                "\(unsafeRaw: head) WHERE c.tenant_id = \(tenant) AND k.tenant_id = \(tenant) AND c.id = \(id)",
                "\(unsafeRaw: events) WHERE tenant_id = \(tenant) AND public AND complaint_id = \(id) ORDER BY created_at, id",
                "\(unsafeRaw: files) WHERE tenant_id = \(tenant) AND complaint_id = \(id) ORDER BY created_at, id",
            ]
        }
        let results = try await database.transaction(queries, tenant: tenant, isolation: .repeatableRead)
        guard let first = results[0].first else { return nil }
        let row = try CaseRow(first)
        let name = LocalizedText(
            fr: try first["category_fr"].decode(String.self), ar: try first["category_ar"].decode(String?.self),
            en: try first["category_en"].decode(String?.self))
        return Tracking(
            row: row, categoryName: name, timeline: try results[1].map(TimelineEntry.init),
            attachments: try results[2].map(AttachmentStore.metadata(_:)))
    }
}
