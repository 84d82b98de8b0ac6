import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The tenants' own wordings of a service's templates (`notification_templates` in its schema).
public struct TemplateStore: Sendable {
    private let database: PostgresPool
    private let table: String

    /// The store in the schema of `outbox` (the kit creates both tables in every service schema).
    public init(database: PostgresPool, schema: String) {
        self.database = database
        self.table = "\(schema).notification_templates"
    }

    /// The tenant's wording of `name` in `language`, if it saved one.
    public func override(_ name: String, language: Language, tenant: UUID) async throws -> NotificationTemplate? {
        let rows = try await database.query(
            """
            SELECT subject, text_body, html_body FROM \(unsafeRaw: table)
            WHERE tenant_id = \(tenant) AND name = \(name) AND language = \(language.rawValue)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let (subject, text, html) = try row.decode((String?, String, String?).self)
        return NotificationTemplate(subject: subject, text: text, html: html)
    }

    /// The languages in which the tenant overrode each template, by name.
    public func overriddenLanguages(tenant: UUID) async throws -> [String: Set<Language>] {
        let rows = try await database.query(
            "SELECT name, language FROM \(unsafeRaw: table) WHERE tenant_id = \(tenant)", tenant: tenant)
        var result: [String: Set<Language>] = [:]
        for row in rows {
            let (name, language) = try row.decode((String, String).self)
            if let language = Language(rawValue: language) { result[name, default: []].insert(language) }
        }
        return result
    }

    /// Saves the tenant's wording (already validated against the template's declaration).
    public func save(_ wording: NotificationTemplate, name: String, language: Language, tenant: UUID, by subject: String) async throws {
        _ = try await database.query(
            """
            INSERT INTO \(unsafeRaw: table) (tenant_id, name, language, subject, text_body, html_body, updated_by)
            VALUES (\(tenant), \(name), \(language.rawValue), \(wording.subject), \(wording.text), \(wording.html), \(subject))
            ON CONFLICT (tenant_id, name, language) DO UPDATE
            SET subject = excluded.subject, text_body = excluded.text_body, html_body = excluded.html_body,
                updated_by = excluded.updated_by, updated_at = now()
            """,
            tenant: tenant)
    }

    /// Removes the tenant's wording (the default applies again); returns whether there was one.
    public func remove(_ name: String, language: Language, tenant: UUID) async throws -> Bool {
        let rows = try await database.query(
            "DELETE FROM \(unsafeRaw: table) WHERE tenant_id = \(tenant) AND name = \(name) AND language = \(language.rawValue)",
            tenant: tenant)
        return rows.rowsAffected > 0
    }
}

/// A service's templates as sent: the tenant's wording when it saved one, else the default.
public struct TemplateLibrary: Sendable {
    /// The service's declarations.
    public let catalog: TemplateCatalog
    /// The tenants' wordings.
    public let store: TemplateStore

    /// A library of `catalog`'s templates with the overrides in `store`.
    public init(catalog: TemplateCatalog, store: TemplateStore) {
        self.catalog = catalog
        self.store = store
    }

    /// What a delivery could not render.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The service declares no template of that name.
        case unknownTemplate(String)

        public var description: String {
            switch self {
            case .unknownTemplate(let name): "unknown template \(name)"
            }
        }
    }

    /// `name` rendered for `tenant` in `language` with `values`.
    public func render(_ name: String, language: Language, tenant: UUID, values: [String: String]) async throws -> RenderedNotification {
        guard let definition = catalog[name] else { throw Failure.unknownTemplate(name) }
        let wording = try await store.override(name, language: language, tenant: tenant) ?? definition.defaults[language]!
        return TemplateRenderer.render(wording, language: language, values: values)
    }
}
