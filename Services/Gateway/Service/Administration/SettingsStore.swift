import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A tenant's settings: its time zone (in `platform.tenants`, which every service reads) and the
/// rest in its `platform.tenant_settings` row — languages, public holidays, whether agents need
/// a second factor, the browser origins allowed to call its API.
struct SettingsStore: Sendable {
    let database: PostgresPool

    /// The settings as stored.
    struct Settings: Sendable, Hashable {
        var timeZone: String
        var languages: [String]
        var holidays: HolidaySet
        var agentsRequireTOTP: Bool
        var corsOrigins: [String]
        var version: Int
    }

    /// The statement making a tenant's default settings (onboarding).
    static func creation(tenant: UUID) -> PostgresQuery {
        "INSERT INTO platform.tenant_settings (tenant_id) VALUES (\(tenant)) ON CONFLICT (tenant_id) DO NOTHING"
    }

    func settings(tenant: UUID) async throws -> Settings {
        let rows = try await database.transaction(
            [
                Self.creation(tenant: tenant),
                """
                SELECT t.time_zone, s.languages, s.holidays, s.agents_require_totp, s.cors_origins, s.version
                FROM platform.tenant_settings s JOIN platform.tenants t ON t.id = s.tenant_id
                WHERE s.tenant_id = \(tenant)
                """,
            ],
            tenant: tenant)
        let (zone, languages, holidays, totp, origins, version) = try rows[1].single(
            (String, [String], PostgresJSON<HolidaySet>, Bool, [String], Int).self)
        return Settings(
            timeZone: zone, languages: languages, holidays: holidays.value, agentsRequireTOTP: totp, corsOrigins: origins,
            version: version)
    }

    /// The browser origins allowed for a tenant (for CORS; cached by the caller).
    func corsOrigins(tenant: UUID) async throws -> [String] {
        let rows = try await database.query(
            "SELECT cors_origins FROM platform.tenant_settings WHERE tenant_id = \(tenant)", tenant: tenant)
        return try rows.first?.decode(([String]).self) ?? []
    }

    /// Writes `settings` when the stored version is `expectedVersion` (or any, when nil); the new
    /// version, or nil on a version mismatch.
    func update(_ settings: Settings, tenant: UUID, expectedVersion: Int?, audit: PostgresQuery) async throws -> Int? {
        try await database.transaction(tenant: tenant, retryable: true) { transaction -> Int? in
            _ = try await transaction.query(Self.creation(tenant: tenant))
            let rows = try await transaction.query(
                """
                UPDATE platform.tenant_settings
                SET languages = \(settings.languages), holidays = \(PostgresJSON(settings.holidays)),
                    agents_require_totp = \(settings.agentsRequireTOTP), cors_origins = \(settings.corsOrigins),
                    version = version + 1, updated_at = now()
                WHERE tenant_id = \(tenant) AND (\(expectedVersion)::integer IS NULL OR version = \(expectedVersion))
                RETURNING version
                """)
            guard let version = try rows.first?.decode((Int).self) else { return nil }
            _ = try await transaction.execute([
                "UPDATE platform.tenants SET time_zone = \(settings.timeZone), updated_at = now() WHERE id = \(tenant)",
                audit,
            ])
            return version
        }
    }
}
