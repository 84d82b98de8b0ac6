import FoundationEssentials
import GuichetCore
import GuichetPlatform
import GuichetPostgres
import Synchronization

/// The SQL of the mail service. Every statement names the tenant itself (the planner prunes
/// partitions only from that) and runs with the tenant set (row-level security is the net). Every
/// change appends its audit event in the same transaction (``AuditLog``).
struct MailStore: Sendable {
    let database: PostgresPool
    let clock: any WallClock
    let tenants: TenantCache

    init(database: PostgresPool, clock: any WallClock, cacheLifetime: Duration = .seconds(5)) {
        self.database = database
        self.clock = clock
        tenants = TenantCache(lifetime: cacheLifetime)
    }

    /// Why a write was refused.
    enum Refusal: Error, Equatable {
        /// The correspondent id names no contact of the tenant.
        case unknownCorrespondent
        /// The item answered names no item of the tenant.
        case unknownOriginal
        /// A linked item names no item of the tenant.
        case unknownLinkedItem
        /// The item does not exist for this tenant.
        case notFound
        /// The item changed since the caller read it (`If-Match`).
        case versionMismatch
        /// A document type with this code exists.
        case duplicateDocumentType
        /// The item is not incoming mail, or was cancelled: it gets no acknowledgement of receipt.
        case acknowledgementNotApplicable
    }

    // MARK: The tenant's settings and catalogue

    /// The tenant's mail context (cached a few seconds per process; `refresh` reloads it).
    func tenant(_ reference: TenantReference, refresh: Bool = false) async throws -> MailTenant {
        let now = ContinuousClock.now
        if !refresh, let cached = tenants.value(for: reference.id, at: now) { return cached }
        let rows = try await database.transaction(
            [
                "SELECT name_fr, name_ar, name_en, time_zone FROM platform.tenants WHERE id = \(reference.id)",
                """
                SELECT registry_template, direction_codes, reminder_working_days, default_language FROM mail.settings
                WHERE tenant_id = \(reference.id)
                """,
                """
                SELECT code, name_fr, name_ar, name_en, requires_reply, deadline_days, urgent_deadline_days, retention_months,
                       final_action, directions
                FROM mail.document_types WHERE tenant_id = \(reference.id) ORDER BY code
                """,
            ],
            tenant: reference.id)
        guard let tenantRow = rows[0].first else { throw Refusal.notFound }
        let (fr, ar, en, zone) = try tenantRow.decode((String, String?, String?, String).self)
        let timeZone = TimeZone.named(zone) ?? TimeZone.named(reference.timeZone) ?? .casablanca
        var settings = MailSettings.standard
        if let row = rows[1].first {
            let (template, codes, reminder, language) = try row.decode((String, PostgresJSON<[String: String]>, Int, String).self)
            var directionCodes: [MailDirection: String] = [:]
            for (key, code) in codes.value { if let direction = MailDirection(rawValue: key) { directionCodes[direction] = code } }
            if let format = try? RegistryNumberFormat(template, directionCodes: directionCodes) {
                settings = MailSettings(format: format, reminderWorkingDays: reminder, defaultLanguage: Language(rawValue: language) ?? .fr)
            }
        }
        let types = try rows[2].compactMap(Self.documentType(from:))
        let tenant = MailTenant(
            reference: reference, name: LocalizedText(fr: fr, ar: ar, en: en), timeZone: timeZone,
            calendar: BusinessCalendar(timeZone: timeZone, holidays: .moroccoDefault), settings: settings, documentTypes: DocumentTypeCatalog(types))
        tenants.store(tenant, at: now)
        return tenant
    }

    static func documentType(from row: PostgresRow) throws -> DocumentType? {
        let (code, fr, ar, en, requiresReply, deadline, urgent, months, action, directions) = try row.decode(
            (String, String, String?, String?, Bool, Int?, Int?, Int, String, [String]).self)
        guard let finalAction = RetentionRule.FinalAction(rawValue: action),
            let retention = RetentionRule(months: months, finalAction: finalAction)
        else { return nil }
        return DocumentType(
            code: code, name: LocalizedText(fr: fr, ar: ar, en: en), requiresReply: requiresReply, deadlineWorkingDays: deadline,
            urgentDeadlineWorkingDays: urgent, retention: retention, directions: Set(directions.compactMap(MailDirection.init(rawValue:))))
    }

    /// Saves the tenant's settings.
    func save(_ settings: MailSettings, tenant: UUID, by subject: String) async throws {
        var codes: [String: String] = [:]
        for direction in MailDirection.allCases { codes[direction.rawValue] = settings.format.code(of: direction) }
        _ = try await database.query(
            """
            INSERT INTO mail.settings (
                tenant_id, registry_template, direction_codes, reminder_working_days, default_language, updated_at, updated_by)
            VALUES (\(tenant), \(settings.format.template), \(PostgresJSON(codes)), \(settings.reminderWorkingDays),
                    \(settings.defaultLanguage.rawValue), \(clock.now), \(subject))
            ON CONFLICT (tenant_id) DO UPDATE SET registry_template = excluded.registry_template,
                direction_codes = excluded.direction_codes, reminder_working_days = excluded.reminder_working_days,
                default_language = excluded.default_language,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            tenant: tenant)
        tenants.forget(tenant)
    }

    /// Adds a document type to the tenant's catalogue.
    func insert(_ type: DocumentType, tenant: UUID) async throws {
        do {
            _ = try await database.query(
                """
                INSERT INTO mail.document_types (
                    tenant_id, code, name_fr, name_ar, name_en, requires_reply, deadline_days, urgent_deadline_days,
                    retention_months, final_action, directions)
                VALUES (
                    \(tenant), \(type.code), \(type.name.fr), \(type.name.ar), \(type.name.en), \(type.requiresReply),
                    \(type.deadlineWorkingDays), \(type.urgentDeadlineWorkingDays), \(type.retention.months),
                    \(type.retention.finalAction.rawValue), \(MailDirection.allCases.filter(type.directions.contains).map(\.rawValue)))
                """,
                tenant: tenant)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw Refusal.duplicateDocumentType
        }
        tenants.forget(tenant)
    }
}

extension RetentionRule {
    /// A rule of `months` months.
    init?(months: Int, finalAction: FinalAction) {
        self.init(years: 0, months: months, finalAction: finalAction)
    }
}

/// The tenants' mail contexts this process has read, each kept for a short while.
final class TenantCache: Sendable {
    private let lifetime: Duration
    private let entries = Mutex<[UUID: (tenant: MailTenant, loadedAt: ContinuousClock.Instant)]>([:])

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    func value(for tenant: UUID, at now: ContinuousClock.Instant) -> MailTenant? {
        entries.withLock { entries in
            guard let entry = entries[tenant], now - entry.loadedAt < lifetime else { return nil }
            return entry.tenant
        }
    }

    func store(_ tenant: MailTenant, at now: ContinuousClock.Instant) {
        entries.withLock { $0[tenant.id] = (tenant, now) }
    }

    func forget(_ tenant: UUID) {
        _ = entries.withLock { $0.removeValue(forKey: tenant) }
    }
}
