import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `/v1/{tenant}/admin/settings`: the tenant's time zone (IANA), languages, public holidays (the
/// `HolidaySet` form: yearly dates and dated movable feasts), whether its agents must use a second
/// factor, and the browser origins allowed to call its API (CORS). `GET` answers an `ETag`;
/// `PATCH` changes the members it names and honours `If-Match`.
struct SettingsRoutes: Sendable {
    let store: SettingsStore
    let tenants: TenantCache
    let cors: CORSPolicy
    let audit: AuditLog

    /// The most origins and holidays a tenant may list.
    static let maximumOrigins = 20
    static let maximumHolidays = 200

    /// The members a `PATCH` may name.
    static let members: Set<String> = ["timezone", "languages", "holidays", "agents_require_totp", "cors_origins"]

    struct View: Encodable {
        let timezone: String
        let languages: [String]
        let holidays: HolidaySet
        let agentsRequireTotp: Bool
        let corsOrigins: [String]
        let version: Int
    }

    func show(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let settings = try await store.settings(tenant: tenant.id)
        return Versioning.tagged(try .json(Self.view(settings)), version: settings.version)
    }

    func update(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let expected = try Versioning.expectedVersion(of: request, language: context.language)
        var fields = try JSONFields(request, context: context)
        var settings = try await store.settings(tenant: tenant.id)
        for key in fields.object.keys.sorted() where !Self.members.contains(key) { fields.fail(.notAllowed("/\(key)")) }
        if let zone = fields.text("timezone", maximum: 64) {
            if TimeZone.named(zone) == nil {
                fields.fail(.invalidFormat("/timezone", format: LocalizedText(fr: "fuseau IANA", ar: "منطقة زمنية IANA", en: "IANA time zone")))
            }
            settings.timeZone = zone
        }
        if let languages = fields.strings("languages", maximum: Language.allCases.count, length: 2) {
            let known = Set(Language.allCases.map(\.rawValue))
            if languages.isEmpty { fields.fail(.tooFewItems("/languages", minimum: 1)) }
            for (index, language) in languages.enumerated() where !known.contains(language) {
                fields.fail(.unknownValue("/languages/\(index)", allowed: known.sorted()))
            }
            settings.languages = languages
        }
        if let value = fields.object["holidays"], !value.isNull {
            if (value.arrayValue?.count ?? 0) > Self.maximumHolidays {
                fields.fail(.tooManyItems("/holidays", maximum: Self.maximumHolidays))
            } else if let holidays = try? JSONDecoder().decode(HolidaySet.self, from: Data(value.encodedJSON)) {
                settings.holidays = holidays
            } else {
                fields.fail(.invalidFormat("/holidays"))
            }
        }
        if let required = fields.bool("agents_require_totp") { settings.agentsRequireTOTP = required }
        if let origins = fields.strings("cors_origins", maximum: Self.maximumOrigins, length: 255) {
            for (index, origin) in origins.enumerated() where CORSPolicy.canonicalOrigin(origin) != origin {
                fields.fail(.invalidFormat("/cors_origins/\(index)", format: LocalizedText(
                    fr: "https://hôte[:port]", ar: "https://hôte[:port]", en: "https://host[:port]")))
            }
            settings.corsOrigins = origins
        }
        try fields.validate(language: context.language)
        let event = audit.event(
            AuditEvent.Action.settingsChanged, tenant: tenant.id, details: ["changed": .array(fields.object.keys.sorted().map(JSONValue.string))],
            request: request, context: context)
        guard let version = try await store.update(settings, tenant: tenant.id, expectedVersion: expected, audit: audit.insertion(of: event))
        else { throw Problem(.preconditionFailed, language: context.language) }
        settings.version = version
        tenants.forget(tenant.slug)
        cors.forget(tenant.id)
        return Versioning.tagged(try .json(Self.view(settings)), version: version)
    }

    private static func view(_ settings: SettingsStore.Settings) -> View {
        View(
            timezone: settings.timeZone, languages: settings.languages, holidays: settings.holidays,
            agentsRequireTotp: settings.agentsRequireTOTP, corsOrigins: settings.corsOrigins, version: settings.version)
    }
}
