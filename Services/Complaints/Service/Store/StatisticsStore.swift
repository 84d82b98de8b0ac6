import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The rows statistics are made of (no personal data), and the names that label them.
///
/// Definitions on top of ``ComplaintStatistics``'s: complaints merged into another are not
/// counted (they are followed through the complaint they duplicate, which is); a rejection is an
/// answer (a reasoned refusal, with a redirection); the deadline is the first answer deadline
/// (before any reopening); the zone is the most specific zone holding the location at submission.
struct StatisticsStore: Sendable {
    let database: PostgresPool

    /// The period and scope of a statistics request.
    struct Scope: Sendable {
        /// The earliest reception included.
        var from: Date?
        /// The reception instants before this one are included.
        var until: Date?
        /// Only complaints of this unit.
        var unit: UUID?
    }

    /// The tenant's rows in `scope`.
    func rows(_ scope: Scope, tenant: UUID) async throws -> [ComplaintStatistics.Row] {
        var sql = SQLBuilder()
        sql.append(
            """
            SELECT created_at, category_code, zone_code, coalesce(first_answered_at, rejected_at), first_answer_due, reopen_count, satisfied
            FROM complaints.complaints WHERE tenant_id = \(sql.bind(tenant)) AND status <> 'merged'
            """)
        if let from = scope.from { sql.append(" AND created_at >= \(sql.bind(from))") }
        if let until = scope.until { sql.append(" AND created_at < \(sql.bind(until))") }
        if let unit = scope.unit { sql.append(" AND assigned_unit = \(sql.bind(unit))") }
        let rows = try await database.query(sql.query, tenant: tenant)
        var result: [ComplaintStatistics.Row] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            let (receivedAt, category, zone, answeredAt, due, reopenCount, satisfied) = try row.decode(
                (Date, String, String?, Date?, Date?, Int, Bool?).self)
            result.append(
                ComplaintStatistics.Row(
                    receivedAt: receivedAt, category: category, zone: zone, firstAnsweredAt: answeredAt, answerDue: due,
                    reopenCount: reopenCount, satisfied: satisfied))
        }
        return result
    }

    /// The names of the tenant's categories or zones in `language`, by code (for CSV labels).
    func labels(for dimension: ComplaintStatistics.Dimension, language: Language, tenant: UUID) async throws -> [String: String] {
        let table: String
        switch dimension {
        case .month: return [:]
        case .category: table = "complaints.categories"
        case .zone: table = "complaints.zones"
        }
        let rows = try await database.query(
            "SELECT code, name_fr, name_ar, name_en FROM \(unsafeRaw: table) WHERE tenant_id = \(tenant)", tenant: tenant)
        var labels: [String: String] = [:]
        for row in rows {
            let (code, fr, ar, en) = try row.decode((String, String, String?, String?).self)
            labels[code] = LocalizedText(fr: fr, ar: ar, en: en).text(in: language)
        }
        return labels
    }
}
