import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of agents' lists, maps and deadline alerts.
///
/// Lists are newest first with a keyset cursor on (reception instant, id). Each is driven by the
/// index that answers it in order without sorting the tenant: for units, one ordered probe per
/// (unit, status) of `complaints_unit_status_idx` merged by a `LATERAL` join; for statuses only,
/// one per status of `complaints_status_idx`; otherwise `complaints_created_idx`. The other
/// filters (category, zone, overdue, text) are checked along the probes.
struct CaseListStore: Sendable {
    let database: PostgresPool

    /// A complaint in a list: what an agent needs to pick it (no contact, no description).
    struct Summary: Sendable {
        let id: UUID
        let status: ComplaintStatus
        let kind: String
        let category: String
        let subject: String
        let createdAt: Date
        let updatedAt: Date
        let zone: String?
        let assignedUnit: UUID?
        let assignedAgent: UUID?
        let routedBy: String
        let acknowledgementDue: Date?
        let answerDue: Date?
        let location: GeoPoint?
        let awaitingInformation: Bool
        let version: Int
        let cursor: CaseCursor

        /// Whether a deadline is passed and not met at `now`.
        func isOverdue(at now: Date) -> Bool {
            if status == .received, let acknowledgementDue, now > acknowledgementDue { return true }
            if status.awaitsAnswer, let answerDue, now > answerDue { return true }
            return false
        }
    }

    static let summaryColumns = """
        c.id, c.status, c.kind, c.category_code, c.subject, c.created_at, c.updated_at, c.zone_code, c.assigned_unit,
        c.assigned_agent, c.routed_by, c.acknowledgement_due, c.answer_due,
        public.ST_Y(c.location::public.geometry) AS latitude, public.ST_X(c.location::public.geometry) AS longitude,
        c.awaiting_information, c.version, (extract(epoch FROM c.created_at) * 1000000)::int8 AS created_us
        """
    static let outerColumns = """
        x.id, x.status, x.kind, x.category_code, x.subject, x.created_at, x.updated_at, x.zone_code, x.assigned_unit,
        x.assigned_agent, x.routed_by, x.acknowledgement_due, x.answer_due, x.latitude, x.longitude, x.awaiting_information,
        x.version, x.created_us
        """

    /// One page of the agent's list and the cursor of the next page (nil at the end).
    func list(_ query: CaseListQuery, scope: AgentScope, at now: Date, tenant: UUID) async throws -> (items: [Summary], next: CaseCursor?) {
        let units = query.effectiveUnits(in: scope)
        let triage = query.includesTriage(in: scope)
        if let units, units.isEmpty && !triage { return ([], nil) }
        var sql = SQLBuilder()
        let tenantParameter = sql.bind(tenant)
        let limit = sql.bind(query.limit + 1)
        let statuses = query.statuses.isEmpty ? ComplaintStatus.allCases : query.statuses
        if units != nil || triage {
            // One ordered probe per (unit, status), and per status of the triage queue.
            sql.append("SELECT \(Self.outerColumns) FROM (")
            var first = true
            if let units, !units.isEmpty {
                let unitsParameter = sql.bind(units)
                let statusesParameter = sql.bind(statuses.map(\.rawValue))
                sql.append(
                    "SELECT y.* FROM unnest(\(unitsParameter)::uuid[]) AS u(unit) CROSS JOIN unnest(\(statusesParameter)::text[]) AS s(status) "
                        + "CROSS JOIN LATERAL (SELECT \(Self.summaryColumns) FROM complaints.complaints c WHERE c.tenant_id = \(tenantParameter) "
                        + "AND c.assigned_unit = u.unit AND c.status = s.status")
                Self.appendFilters(query, to: &sql, tenant: tenantParameter, now: now)
                sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit)) y")
                first = false
            }
            if triage {
                if !first { sql.append(" UNION ALL ") }
                let statusesParameter = sql.bind(statuses.map(\.rawValue))
                sql.append(
                    "SELECT y.* FROM unnest(\(statusesParameter)::text[]) AS s(status) "
                        + "CROSS JOIN LATERAL (SELECT \(Self.summaryColumns) FROM complaints.complaints c WHERE c.tenant_id = \(tenantParameter) "
                        + "AND c.assigned_unit IS NULL AND c.status = s.status")
                Self.appendFilters(query, to: &sql, tenant: tenantParameter, now: now)
                sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit)) y")
            }
            sql.append(") x ORDER BY x.created_at DESC, x.id DESC LIMIT \(limit)")
        } else if !query.statuses.isEmpty {
            let statusesParameter = sql.bind(query.statuses.map(\.rawValue))
            sql.append(
                "SELECT \(Self.outerColumns) FROM unnest(\(statusesParameter)::text[]) AS s(status) "
                    + "CROSS JOIN LATERAL (SELECT \(Self.summaryColumns) FROM complaints.complaints c WHERE c.tenant_id = \(tenantParameter) "
                    + "AND c.status = s.status")
            Self.appendFilters(query, to: &sql, tenant: tenantParameter, now: now)
            sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit)) x ORDER BY x.created_at DESC, x.id DESC LIMIT \(limit)")
        } else {
            sql.append("SELECT \(Self.summaryColumns) FROM complaints.complaints c WHERE c.tenant_id = \(tenantParameter)")
            Self.appendFilters(query, to: &sql, tenant: tenantParameter, now: now)
            sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit)")
        }
        let rows = try await database.query(sql.query, tenant: tenant)
        var items = try rows.map(Self.summary)
        var next: CaseCursor?
        if items.count > query.limit {
            items.removeLast(items.count - query.limit)
            next = items.last?.cursor
        }
        return (items, next)
    }

    /// Appends the filters other than unit and status (`AND …`).
    private static func appendFilters(_ query: CaseListQuery, to sql: inout SQLBuilder, tenant: String, now: Date) {
        if !query.categories.isEmpty {
            sql.append(" AND c.category_code = ANY(\(sql.bind(query.categories))::text[])")
        }
        if let zone = query.zone {
            sql.append(
                " AND EXISTS (SELECT 1 FROM complaints.zones z WHERE z.tenant_id = \(tenant) AND z.code = \(sql.bind(zone)) "
                    + "AND c.location IS NOT NULL AND public.ST_Covers(z.area, c.location::public.geometry))")
        }
        if query.overdueOnly {
            let instant = sql.bind(now)
            sql.append(
                " AND ((c.status = 'received' AND c.acknowledgement_due < \(instant)) OR "
                    + "(c.status IN ('received', 'acknowledged', 'assigned', 'in_progress', 'reopened') AND c.answer_due < \(instant)))")
        }
        if let text = query.text {
            let words = sql.bind(text)
            sql.append(
                " AND c.search @@ (websearch_to_tsquery('complaints.french_unaccent'::regconfig, \(words)) "
                    + "|| websearch_to_tsquery('pg_catalog.arabic'::regconfig, \(words)))")
        }
        if let cursor = query.cursor {
            sql.append(
                " AND (c.created_at, c.id) < ('epoch'::timestamptz + \(sql.bind(cursor.microseconds))::int8 * interval '1 microsecond', "
                    + "\(sql.bind(cursor.id))::uuid)")
        }
    }

    private static func summary(_ row: PostgresRow) throws -> Summary {
        let latitude = try row["latitude"].decode(Double?.self)
        let longitude = try row["longitude"].decode(Double?.self)
        let id = try row["id"].decode(UUID.self)
        return Summary(
            id: id, status: ComplaintStatus(rawValue: try row["status"].decode(String.self)) ?? .received,
            kind: try row["kind"].decode(String.self), category: try row["category_code"].decode(String.self),
            subject: try row["subject"].decode(String.self), createdAt: try row["created_at"].decode(Date.self),
            updatedAt: try row["updated_at"].decode(Date.self), zone: try row["zone_code"].decode(String?.self),
            assignedUnit: try row["assigned_unit"].decode(UUID?.self), assignedAgent: try row["assigned_agent"].decode(UUID?.self),
            routedBy: try row["routed_by"].decode(String.self), acknowledgementDue: try row["acknowledgement_due"].decode(Date?.self),
            answerDue: try row["answer_due"].decode(Date?.self),
            location: latitude.flatMap { latitude in longitude.flatMap { GeoPoint(latitude: latitude, longitude: $0) } },
            awaitingInformation: try row["awaiting_information"].decode(Bool.self), version: try row["version"].decode(Int.self),
            cursor: CaseCursor(microseconds: try row["created_us"].decode(Int64.self), id: id))
    }

    // MARK: Map

    /// A cell of the map's grid: a cluster, or a lone complaint (`id` set).
    struct MapCell: Sendable {
        let column: Int
        let row: Int
        let count: Int
        let center: GeoPoint
        let box: GeoBoundingBox
        let id: UUID?
        let status: String?
        let category: String?
    }

    /// The grid cells of the complaints in the box at the zoom, in the scope and filters, each
    /// with its count, mean position and box; a cell of one complaint carries its id, status and
    /// category. Cells are ``MapClusterer``'s (Web Mercator pixels at the zoom, `cellSize` wide),
    /// computed in the database so that a wide view costs one aggregate, not a row per complaint.
    /// Past the clusterer's last clustering zoom every complaint is its own cell (at most `limit`).
    func map(_ query: MapQuery, scope: AgentScope, clusterer: MapClusterer.Configuration, limit: Int, tenant: UUID) async throws -> [MapCell] {
        let units = query.filters.effectiveUnits(in: scope)
        let triage = query.filters.includesTriage(in: scope)
        if let units, units.isEmpty && !triage { return [] }
        var sql = SQLBuilder()
        let tenantParameter = sql.bind(tenant)
        let box = query.box
        var filter = " WHERE c.tenant_id = \(tenantParameter) AND c.location IS NOT NULL"
        // A geography envelope must span less than a hemisphere; a wider view is the world anyway.
        if box.east - box.west < 180 && box.north - box.south < 90 {
            filter +=
                " AND c.location && public.ST_MakeEnvelope(\(sql.bind(box.west))::float8, \(sql.bind(box.south))::float8, "
                + "\(sql.bind(box.east))::float8, \(sql.bind(box.north))::float8, 4326)::public.geography"
        }
        if let units {
            let unitCondition = units.isEmpty ? "false" : "c.assigned_unit = ANY(\(sql.bind(units))::uuid[])"
            filter += triage ? " AND (\(unitCondition) OR c.assigned_unit IS NULL)" : " AND \(unitCondition)"
        }
        if !query.filters.statuses.isEmpty {
            filter += " AND c.status = ANY(\(sql.bind(query.filters.statuses.map(\.rawValue)))::text[])"
        }
        if !query.filters.categories.isEmpty {
            filter += " AND c.category_code = ANY(\(sql.bind(query.filters.categories))::text[])"
        }
        if let zone = query.filters.zone {
            filter +=
                " AND EXISTS (SELECT 1 FROM complaints.zones z WHERE z.tenant_id = \(tenantParameter) AND z.code = \(sql.bind(zone)) "
                + "AND public.ST_Covers(z.area, c.location::public.geometry))"
        }
        if query.zoom > clusterer.maximumClusteringZoom {
            sql.append(
                "SELECT c.id, c.status, c.category_code, public.ST_Y(c.location::public.geometry), public.ST_X(c.location::public.geometry) "
                    + "FROM complaints.complaints c\(filter) ORDER BY c.id LIMIT \(sql.bind(limit))")
            let rows = try await database.query(sql.query, tenant: tenant)
            return try rows.compactMap { row in
                let (id, status, category, latitude, longitude) = try row.decode((UUID, String, String, Double, Double).self)
                guard let point = GeoPoint(latitude: latitude, longitude: longitude) else { return nil }
                return MapCell(column: 0, row: 0, count: 1, center: point, box: GeoBoundingBox(point), id: id, status: status, category: category)
            }
        }
        let scale = sql.bind(query.worldSize / clusterer.cellSize)
        let last = sql.bind(Int((query.worldSize / clusterer.cellSize).rounded(.up)) - 1)
        let limitLatitude = sql.bind(WebMercator.latitudeLimit)
        sql.append(
            """
            SELECT least(greatest(floor((p.lon + 180) / 360 * \(scale))::int, 0), \(last)::int) AS col,
                   least(greatest(floor((0.5 - ln((1 + sin(radians(p.clat))) / (1 - sin(radians(p.clat)))) / (4 * pi())) * \(scale))::int, 0), \(last)::int) AS row,
                   count(*)::int8, avg(p.lat), avg(p.lon), min(p.lat), min(p.lon), max(p.lat), max(p.lon),
                   min(p.id::text), min(p.status), min(p.category_code)
            FROM (
                SELECT c.id, c.status, c.category_code, g.lat, g.lon, least(greatest(g.lat, -\(limitLatitude)::float8), \(limitLatitude)::float8) AS clat
                FROM complaints.complaints c
                CROSS JOIN LATERAL (
                    SELECT public.ST_Y(c.location::public.geometry) AS lat, public.ST_X(c.location::public.geometry) AS lon) g
            """)
        sql.append(filter)
        sql.append(") p GROUP BY 1, 2 ORDER BY 2, 1")
        let rows = try await database.query(sql.query, tenant: tenant)
        return try rows.compactMap { row in
            let (column, gridRow, count, latitude, longitude, south, west, north, east, id, status, category) = try row.decode(
                (Int, Int, Int, Double, Double, Double, Double, Double, Double, String, String, String).self)
            guard let center = GeoPoint(latitude: latitude, longitude: longitude), let southWest = GeoPoint(latitude: south, longitude: west),
                let northEast = GeoPoint(latitude: north, longitude: east)
            else { return nil }
            var box = GeoBoundingBox(southWest)
            box.extend(with: northEast)
            let single = count < clusterer.minimumClusterSize
            return MapCell(
                column: column, row: gridRow, count: count, center: center, box: box, id: single ? UUID(uuidString: id) : nil,
                status: single ? status : nil, category: single ? category : nil)
        }
    }

    // MARK: Alerts

    /// The complaints awaiting an answer whose alert threshold has passed at `now` (overdue ones
    /// included), soonest due first, in the agent's scope.
    func alerts(scope: AgentScope, at now: Date, limit: Int, tenant: UUID) async throws -> [Summary] {
        var sql = SQLBuilder()
        let tenantParameter = sql.bind(tenant)
        let instant = sql.bind(now)
        sql.append(
            "SELECT \(Self.summaryColumns) FROM complaints.complaints c WHERE c.tenant_id = \(tenantParameter) "
                + "AND c.status IN ('received', 'acknowledged', 'assigned', 'in_progress', 'reopened') AND c.answer_due IS NOT NULL "
                + "AND (c.answer_alert_at <= \(instant) OR c.answer_due < \(instant) "
                + "OR (c.status = 'received' AND c.acknowledgement_due < \(instant)))")
        if !scope.isSupervisor {
            guard !scope.units.isEmpty else { return [] }
            sql.append(" AND c.assigned_unit = ANY(\(sql.bind(Array(scope.units)))::uuid[])")
        }
        sql.append(" ORDER BY c.answer_due, c.id LIMIT \(sql.bind(limit))")
        let rows = try await database.query(sql.query, tenant: tenant)
        return try rows.map(Self.summary)
    }
}
