import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

extension MailRoutes {
    func installReference(on routes: RouteGroup) {
        routes.get("/v1/:tenant/mail/settings", options: RouteOptions(access: MailAccess.referenceReaders)) { _, context in
            let tenant = try await tenant(context)
            return MailViews.response(tenant.settings.jsonValue)
        }
        routes.put("/v1/:tenant/mail/settings", options: RouteOptions(access: MailAccess.administrators, bodyLimit: Self.smallBody)) {
            request, context in try await saveSettings(request, context)
        }
        routes.get("/v1/:tenant/mail/document-types", options: RouteOptions(access: MailAccess.referenceReaders)) { _, context in
            let tenant = try await tenant(context)
            let types = tenant.documentTypes.codes.compactMap { tenant.documentTypes[$0] }.map(MailViews.documentType)
            return MailViews.response(["items": .array(types)])
        }
        routes.post(
            "/v1/:tenant/mail/document-types", options: RouteOptions(access: MailAccess.administrators, bodyLimit: Self.smallBody)
        ) { request, context in try await createDocumentType(request, context) }
        routes.get("/v1/:tenant/mail/correspondents", options: RouteOptions(access: MailAccess.registrarsAndSupervisors)) {
            request, context in try await listCorrespondents(request, context)
        }
        routes.post(
            "/v1/:tenant/mail/correspondents", options: RouteOptions(access: MailAccess.registrars, bodyLimit: Self.smallBody)
        ) { request, context in try await createCorrespondent(request, context) }
        routes.get("/v1/:tenant/mail/correspondents/:id", options: RouteOptions(access: MailAccess.registrarsAndSupervisors)) {
            _, context in
            let tenant = try await tenant(context)
            guard let contact = try await store.contact(try itemID(context), tenant: tenant.id) else {
                throw Problem(.notFound, language: context.language)
            }
            return MailViews.response(MailViews.contact(contact, zone: tenant.timeZone))
        }
    }

    func saveSettings(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let body = try BodyReader(request, context, allowed: MailSettings.members)
        let settings: MailSettings
        do {
            settings = try MailSettings.validating(body.object, current: tenant.settings)
        } catch {
            throw error.localized(context.language)
        }
        try await store.save(settings, tenant: tenant.id, by: context.principal.subject)
        return MailViews.response(settings.jsonValue)
    }

    func createDocumentType(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        var body = try BodyReader(
            request, context,
            allowed: ["code", "name", "requires_reply", "deadline_working_days", "urgent_deadline_working_days", "retention", "directions"])
        let code = body.require(body.string("code"), "code")
        if let code, !DocumentType.isValidCode(code) {
            body.add([.invalidFormat("/code", format: LocalizedText(fr: "a-z, 0-9, _", ar: "a-z, 0-9, _", en: "a-z, 0-9, _"))])
        }
        var name: LocalizedText?
        if let object = body.require(body.object("name"), "name") {
            var names = BodyReader(object: object, prefix: "/name", allowed: ["fr", "ar", "en"])
            var checks = FieldChecks()
            let fr = checks.text(names.string("fr"), at: "/name/fr", required: true, length: 1...200)
            let ar = checks.text(names.string("ar"), at: "/name/ar", required: false, length: 1...200)
            let en = checks.text(names.string("en"), at: "/name/en", required: false, length: 1...200)
            body.add(names.errors + checks.errors)
            if let fr { name = LocalizedText(fr: fr, ar: ar, en: en) }
        }
        let requiresReply = body.bool("requires_reply") ?? false
        let deadline = days(&body, "deadline_working_days", default: 20)
        let urgent = days(&body, "urgent_deadline_working_days", default: 3)
        var retention: RetentionRule?
        if let object = body.require(body.object("retention"), "retention") {
            var rule = BodyReader(object: object, prefix: "/retention", allowed: ["months", "final_action"])
            let months = object["months"]?.numberValue
            if months == nil || months != months?.rounded() || !(0...Double(RetentionRule.maximumMonths)).contains(months ?? -1) {
                rule.add([.outOfRange("/retention/months", minimum: 0, maximum: Double(RetentionRule.maximumMonths))])
            }
            var checks = FieldChecks()
            let action: RetentionRule.FinalAction? = checks.choice(rule.string("final_action"), at: "/retention/final_action")
            body.add(rule.errors + checks.errors)
            if let months, let action { retention = RetentionRule(months: Int(months), finalAction: action) }
        }
        var directions = Set(MailDirection.allCases)
        if let texts = body.strings("directions", maximum: 3) {
            directions = []
            for (index, text) in texts.enumerated() {
                if let direction = MailDirection(rawValue: text) { directions.insert(direction) } else {
                    body.add([.unknownValue("/directions/\(index)", allowed: MailDirection.allCases.map(\.rawValue))])
                }
            }
            if texts.isEmpty { body.add([.tooFewItems("/directions", minimum: 1)]) }
        }
        try body.finish(context.language)
        guard let code, let name, let retention,
            let type = DocumentType(
                code: code, name: name, requiresReply: requiresReply, deadlineWorkingDays: deadline,
                urgentDeadlineWorkingDays: urgent, retention: retention, directions: directions)
        else { throw Problem.validation([.invalidFormat("")], language: context.language) }
        try await refusing(context) { try await store.insert(type, tenant: tenant.id) }
        var response = MailViews.response(MailViews.documentType(type), status: .created)
        response.headers.add("Location", "/v1/\(tenant.reference.slug)/mail/document-types/\(type.code)")
        return response
    }

    /// A deadline member: absent gives `default`, `null` no deadline, else 1…365 working days (an
    /// invalid value is recorded in `body` and gives no deadline).
    private func days(_ body: inout BodyReader, _ key: String, default value: Int) -> Int? {
        guard let member = body.object[key] else { return value }
        if member.isNull { return nil }
        guard let number = member.numberValue, number == number.rounded(), (1...365).contains(number) else {
            body.add([.outOfRange(body.pointer(key), minimum: 1, maximum: 365)])
            return nil
        }
        return Int(number)
    }

    func listCorrespondents(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let limit = try limit(request, context)
        var cursor: (name: String, id: UUID)?
        if let text = request.query["cursor"] {
            let decoded = text.utf8.count <= 1024 ? Base64URL.decode(text).map { String(decoding: $0, as: UTF8.self) } : nil
            let parts = decoded?.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false) ?? []
            guard parts.count == 2, let id = BodyReader.uuid(String(parts[1])) else {
                throw Problem.validation([.invalidFormat("/cursor")], language: context.language)
            }
            cursor = (String(parts[0]), id)
        }
        let query = String((request.query["q"] ?? "").prefix(100))
        let contacts = try await store.contacts(prefix: query, after: cursor, limit: limit, tenant: tenant.id)
        let next = contacts.count == limit ? contacts.last.map { contact in
            Base64URL.encode(Array((SearchNormalizer.normalize(contact.name) + "\n" + contact.id.lowercaseString).utf8))
        } : nil
        return MailViews.response(MailViews.page(contacts.map { MailViews.contact($0, zone: tenant.timeZone) }, next: next))
    }

    func createCorrespondent(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        var body = try BodyReader(request, context, allowed: ["kind", "name", "email", "phone", "address"])
        var checks = FieldChecks()
        let kind: ContactKind? = checks.choice(body.string("kind"), at: "/kind", fallback: .person)
        let name = checks.text(body.string("name"), at: "/name", required: true, length: 1...200)
        let email = body.string("email").flatMap { checks.email($0, at: "/email") }
        var phone: String?
        if let text = body.string("phone") {
            if let number = PhoneNumber(text) { phone = number.e164 } else { checks.errors.append(.invalidPhone("/phone")) }
        }
        let address = checks.text(body.string("address"), at: "/address", required: false, length: 1...500, multiline: true)
        body.add(checks.errors)
        try body.finish(context.language)
        guard let kind, let name else { throw Problem.validation([.required("/name")], language: context.language) }
        let (contact, created) = try await refusing(context) {
            try await store.findOrCreate(
                CorrespondentDetails(kind: kind, name: name, email: email), phone: phone, address: address, tenant: tenant.id,
                by: context.principal.subject)
        }
        var response = MailViews.response(MailViews.contact(contact, zone: tenant.timeZone), status: created ? .created : .ok)
        response.headers.add("Location", "/v1/\(tenant.reference.slug)/mail/correspondents/\(contact.id.lowercaseString)")
        return response
    }
}
