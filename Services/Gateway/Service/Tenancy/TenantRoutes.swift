import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `/v1/platform/tenants`: the public list of active tenants, one tenant by slug, and onboarding
/// (platform administrators only), which creates the tenant's partitions in every service schema.
struct TenantRoutes: Sendable {
    let directory: TenantDirectory
    let cache: TenantCache

    /// A tenant as the API shows it.
    struct TenantView: Codable, Sendable {
        /// Lowercase, as RFC 9562 recommends (Foundation would write it in capitals).
        let id: String
        let slug: String
        let name: Names
        let timezone: String
        let status: String
        let createdAt: String

        struct Names: Codable, Sendable {
            let fr: String
            let ar: String?
            let en: String?
        }

        init(_ tenant: Tenant) {
            id = tenant.id.lowercaseString
            slug = tenant.slug
            name = Names(fr: tenant.name.fr, ar: tenant.name.ar, en: tenant.name.en)
            timezone = tenant.timeZone
            status = tenant.status.rawValue
            createdAt = RFC3339.format(tenant.createdAt, in: TimeZone.named(tenant.timeZone) ?? .casablanca)
        }
    }

    /// The onboarding request.
    struct Onboarding: Decodable, Sendable {
        let slug: String
        let name: Names
        let timezone: String?

        struct Names: Decodable, Sendable {
            let fr: String?
            let ar: String?
            let en: String?
        }
    }

    private struct TenantList: Encodable {
        let tenants: [TenantView]
    }

    func list(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenants = try await directory.activeTenants()
        return try .json(TenantList(tenants: tenants.map(TenantView.init)))
    }

    func show(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let slug = try context.parameter("slug")
        guard let tenant = try await cache.tenant(slug: slug), tenant.status == .active else {
            throw Problem(.tenantNotFound, language: context.language)
        }
        return try .json(TenantView(tenant))
    }

    func onboard(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let input = try context.decode(Onboarding.self, from: request)
        let timeZone = input.timezone ?? "Africa/Casablanca"
        let (slug, name) = try Self.validate(input, timeZone: timeZone, language: context.language)
        let tenant: Tenant
        do {
            tenant = try await directory.create(slug: slug, name: name, timeZone: timeZone)
        } catch TenantDirectory.OnboardingError.slugTaken {
            throw Problem(.conflict, language: context.language)
                .withDetail(LocalizedText(
                    fr: "Un locataire utilise déjà l'identifiant « \(slug) ».",
                    ar: "المعرّف «\(slug)» مستعمل من طرف جهة أخرى.",
                    en: "Another tenant already uses the slug \"\(slug)\"."))
        }
        cache.forget(slug)
        context.logger.info("tenant onboarded", ["tenant": .string(slug), "by": .string(context.principal.subject)])
        var response = try HTTPResponse.json(TenantView(tenant), status: .created)
        response.headers.add("Location", "/v1/platform/tenants/\(slug)")
        return response
    }

    /// Every field error of an onboarding request, or its clean values.
    static func validate(_ input: Onboarding, timeZone: String, language: Language) throws(Problem) -> (String, LocalizedText) {
        var errors = TenantSlug.problems(input.slug)
        func text(_ value: String?, _ pointer: String, required: Bool) -> String? {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if trimmed.isEmpty {
                if required { errors.append(.required(pointer)) }
                return nil
            }
            if trimmed.count > 200 {
                errors.append(.tooLong(pointer, maximum: 200))
                return nil
            }
            return trimmed
        }
        let fr = text(input.name.fr, "/name/fr", required: true)
        let ar = text(input.name.ar, "/name/ar", required: false)
        let en = text(input.name.en, "/name/en", required: false)
        if TimeZone.named(timeZone) == nil || timeZone.count > 64 {
            errors.append(.invalidFormat("/timezone", format: LocalizedText(fr: "fuseau IANA", ar: "منطقة زمنية IANA", en: "IANA time zone")))
        }
        guard errors.isEmpty, let fr else { throw Problem.validation(errors, language: language) }
        return (input.slug, LocalizedText(fr: fr, ar: ar, en: en))
    }
}
