import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// Lets a tenant's administrators read and reword a service's notification templates, under the
/// service's path:
///
/// | route | what |
/// |---|---|
/// | `GET /v1/{tenant}/<service>/notification-templates` | the templates, their variables, the languages the tenant reworded |
/// | `GET …/notification-templates/{name}/{language}` | the wording in force (the tenant's or the default) |
/// | `PUT …/notification-templates/{name}/{language}` | save the tenant's wording `{subject?, text, html?}`: refused (422) when it uses an unknown variable, leaves out a required one, or is malformed |
/// | `DELETE …/notification-templates/{name}/{language}` | back to the default |
public struct TemplateRoutes: Sendable {
    /// Who may reword templates: the tenant's administrators (the platform's see nothing inside a tenant).
    public static let administrators = AccessRule.tenantAdministrators
    /// The largest wording accepted.
    public static let bodyLimit = 96 << 10

    private let library: TemplateLibrary
    private let prefix: String

    /// Routes for `library` under `/v1/:tenant/<service>/notification-templates`.
    public init(library: TemplateLibrary, service: String) {
        self.library = library
        self.prefix = "/v1/:tenant/\(service)/notification-templates"
    }

    /// Registers the routes on `routes` (a group behind the context-token middleware).
    public func install(on routes: RouteGroup) {
        let read = RouteOptions(access: Self.administrators, bodyLimit: 0)
        routes.get(prefix, options: read) { _, context in try await list(context) }
        routes.get("\(prefix)/:name/:language", options: read) { _, context in try await show(context) }
        routes.put("\(prefix)/:name/:language", options: RouteOptions(access: Self.administrators, bodyLimit: Self.bodyLimit)) {
            request, context in try await save(request, context)
        }
        routes.delete("\(prefix)/:name/:language", options: read) { _, context in try await remove(context) }
    }

    func list(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let overridden = try await library.store.overriddenLanguages(tenant: tenant.id)
        let templates = library.catalog.names.compactMap { library.catalog[$0] }.map { definition in
            TemplateViews.Summary(
                name: definition.name, medium: definition.medium.rawValue,
                requiredVariables: definition.requiredVariables.sorted(), optionalVariables: definition.optionalVariables.sorted(),
                customizedLanguages: (overridden[definition.name] ?? []).map(\.rawValue).sorted())
        }
        return try .json(TemplateViews.List(templates: templates))
    }

    func show(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let (definition, language) = try target(context)
        let custom = try await library.store.override(definition.name, language: language, tenant: tenant.id)
        return try .json(TemplateViews.Detail(definition, language: language, wording: custom ?? definition.defaults[language]!, customized: custom != nil))
    }

    func save(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let (definition, language) = try target(context)
        let input = try context.decode(TemplateViews.Input.self, from: request)
        let wording = NotificationTemplate(subject: input.subject, text: input.text, html: input.html)
        let errors = definition.validate(wording)
        guard errors.isEmpty else { throw Problem.validation(errors, language: context.language) }
        let subject = context.principal.subject.isEmpty ? "anonymous" : context.principal.subject
        try await library.store.save(wording, name: definition.name, language: language, tenant: tenant.id, by: subject)
        context.logger.info("notification template saved", ["template": .string(definition.name), "language": .string(language.rawValue)])
        return try .json(TemplateViews.Detail(definition, language: language, wording: wording, customized: true))
    }

    func remove(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        let (definition, language) = try target(context)
        guard try await library.store.remove(definition.name, language: language, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return .empty()
    }

    /// The template and language named in the path; 404 for one the service does not have.
    private func target(_ context: RequestContext) throws(Problem) -> (TemplateDefinition, Language) {
        guard let definition = library.catalog[try context.parameter("name")],
            let language = Language(rawValue: try context.parameter("language"))
        else { throw Problem(.notFound, language: context.language) }
        return (definition, language)
    }
}

/// The JSON shapes of the template routes.
enum TemplateViews {
    struct Summary: Encodable {
        let name: String
        let medium: String
        let requiredVariables: [String]
        let optionalVariables: [String]
        let customizedLanguages: [String]
    }

    struct List: Encodable {
        let templates: [Summary]
    }

    struct Detail: Encodable {
        let name: String
        let language: String
        let medium: String
        let customized: Bool
        let subject: String?
        let text: String
        let html: String?
        let requiredVariables: [String]
        let optionalVariables: [String]

        init(_ definition: TemplateDefinition, language: Language, wording: NotificationTemplate, customized: Bool) {
            name = definition.name
            self.language = language.rawValue
            medium = definition.medium.rawValue
            self.customized = customized
            subject = wording.subject
            text = wording.text
            html = wording.html
            requiredVariables = definition.requiredVariables.sorted()
            optionalVariables = definition.optionalVariables.sorted()
        }
    }

    struct Input: Decodable {
        let subject: String?
        let text: String
        let html: String?
    }
}
