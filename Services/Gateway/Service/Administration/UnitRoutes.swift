import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// `/v1/{tenant}/admin/units`: the tenant's organisation, a tree of units, managed by its
/// administrators. Updates take `If-Match`; a unit with units below it or agents in it cannot be
/// deleted.
struct UnitRoutes: Sendable {
    let store: UnitStore
    let audit: AuditLog

    func list(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        return try .json(AdministrationViews.UnitList(units: try await store.units(tenant: tenant.id).map(AdministrationViews.Unit.init)))
    }

    func show(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("unit")), let unit = try await store.unit(id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return Versioning.tagged(try .json(AdministrationViews.Unit(unit)), version: unit.version)
    }

    func create(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        var fields = try JSONFields(request, context: context)
        let code = fields.text("code", required: true, maximum: 40)
        if let code, code.range(of: "^[a-z0-9][a-z0-9_-]{0,39}$", options: .regularExpression) == nil {
            fields.fail(.invalidFormat("/code", format: LocalizedText(fr: "[a-z0-9_-]", ar: "[a-z0-9_-]", en: "[a-z0-9_-]")))
        }
        let kind = Self.kind(&fields, required: true)
        let name = fields.names("name", required: true)
        let parent = fields.uuid("parent_id") ?? nil
        try fields.validate(language: context.language)
        guard let code, let kind, let name else { throw Problem(.badRequest, language: context.language) }
        let unit = UnitStore.Unit(id: .timeOrdered(), parentID: parent, code: code, kind: kind, name: name, version: 1)
        let event = audit.event(
            AuditEvent.Action.unitCreated, tenant: tenant.id, target: "unit:\(unit.id.lowercaseString)",
            details: ["code": .string(code)], request: request, context: context)
        do {
            _ = try await store.create(unit, tenant: tenant.id, audit: audit.insertion(of: event))
        } catch let refusal as UnitStore.Refusal {
            throw Self.problem(refusal, language: context.language)
        }
        var response = Versioning.tagged(try .json(AdministrationViews.Unit(unit), status: .created), version: 1)
        response.headers.add("Location", "/v1/\(tenant.slug)/admin/units/\(unit.id.lowercaseString)")
        return response
    }

    func update(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("unit")) else { throw Problem(.notFound, language: context.language) }
        let expected = try Versioning.expectedVersion(of: request, language: context.language)
        var fields = try JSONFields(request, context: context)
        if fields.has("code") { fields.fail(.notAllowed("/code")) }
        let kind = Self.kind(&fields, required: false)
        let name = fields.names("name", required: false)
        let parent = fields.uuid("parent_id")
        try fields.validate(language: context.language)
        let event = audit.event(
            AuditEvent.Action.unitChanged, tenant: tenant.id, target: "unit:\(id.lowercaseString)", request: request, context: context)
        let updated: UnitStore.Unit?
        do {
            updated = try await store.update(
                id, tenant: tenant.id, kind: kind, name: name, parent: parent, expectedVersion: expected,
                audit: audit.insertion(of: event))
        } catch let refusal as UnitStore.Refusal {
            throw Self.problem(refusal, language: context.language)
        }
        guard let updated else { throw Problem(.notFound, language: context.language) }
        return Versioning.tagged(try .json(AdministrationViews.Unit(updated)), version: updated.version)
    }

    func delete(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let tenant = try context.requireTenant()
        guard let id = UUID(uuidString: try context.parameter("unit")) else { throw Problem(.notFound, language: context.language) }
        let event = audit.event(
            AuditEvent.Action.unitDeleted, tenant: tenant.id, target: "unit:\(id.lowercaseString)", request: request, context: context)
        do {
            guard try await store.delete(id, tenant: tenant.id, audit: audit.insertion(of: event)) else {
                throw Problem(.notFound, language: context.language)
            }
        } catch let refusal as UnitStore.Refusal {
            throw Self.problem(refusal, language: context.language)
        }
        return .empty()
    }

    private static func kind(_ fields: inout JSONFields, required: Bool) -> String? {
        let kind = fields.text("kind", required: required, maximum: 30)
        if let kind, kind.range(of: "^[a-z][a-z_]{0,29}$", options: .regularExpression) == nil {
            fields.fail(.invalidFormat("/kind", format: LocalizedText(fr: "[a-z_]", ar: "[a-z_]", en: "[a-z_]")))
            return nil
        }
        return kind
    }

    static func problem(_ refusal: UnitStore.Refusal, language: Language) -> Problem {
        switch refusal {
        case .codeTaken:
            return Problem(.conflict, language: language).withDetail(LocalizedText(
                fr: "Une autre unité porte déjà ce code.", ar: "وحدة أخرى تحمل هذا الرمز مسبقًا.", en: "Another unit has this code."))
        case .unknownParent:
            return Problem.validation([.unknownValue("/parent_id")], language: language)
        case .cycle:
            return Problem.validation([.notAllowed("/parent_id")], language: language)
        case .inUse:
            return Problem(.conflict, language: language).withDetail(LocalizedText(
                fr: "L'unité contient des unités ou des agents.", ar: "الوحدة تضم وحدات أو أعوانًا.",
                en: "The unit has units below it or agents in it."))
        case .versionMismatch:
            return Problem(.preconditionFailed, language: language)
        }
    }
}
