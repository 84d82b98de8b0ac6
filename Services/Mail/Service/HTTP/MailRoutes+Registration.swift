import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres

extension MailRoutes {
    func installRegistration(on routes: RouteGroup) {
        routes.post("/v1/:tenant/mail/items", options: RouteOptions(access: MailAccess.registrars, bodyLimit: Self.registrationBody)) {
            request, context in try await register(request, context)
        }
        routes.get("/v1/:tenant/mail/items/:id", options: RouteOptions(access: MailAccess.anyMailRole)) { _, context in
            try await read(context)
        }
        routes.patch(
            "/v1/:tenant/mail/items/:id", options: RouteOptions(access: MailAccess.registrarsAndSupervisors, bodyLimit: Self.registrationBody)
        ) { request, context in try await amend(request, context) }
        routes.post(
            "/v1/:tenant/mail/items/:id/cancellation",
            options: RouteOptions(access: MailAccess.registrarsAndSupervisors, bodyLimit: Self.smallBody)
        ) { request, context in try await cancel(request, context) }
        routes.put(
            "/v1/:tenant/mail/items/:id/access", options: RouteOptions(access: MailAccess.registrarsAndSupervisors, bodyLimit: Self.smallBody)
        ) { request, context in try await changeAccess(request, context) }
        routes.get("/v1/:tenant/mail/items/:id/history", options: RouteOptions(access: MailAccess.anyMailRole)) { _, context in
            try await history(context)
        }
        routes.get("/v1/:tenant/mail/items/:id/label.svg", options: RouteOptions(access: MailAccess.registrars)) { _, context in
            try await label(context)
        }
    }

    // MARK: Registration

    static let registrationMembers: Set<String> = [
        "direction", "subject", "correspondent", "document_type", "medium", "priority", "confidentiality", "received_at", "sent_at",
        "reference", "in_reply_to", "linked_items", "access",
    ]

    func register(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let key = try IdempotencyKey.of(request, context: context)
        if let key, let replay = try await idempotency.replay(key, tenant: tenant.id, language: context.language) { return replay }

        var body = try BodyReader(request, context, allowed: Self.registrationMembers)
        var input = RegistrationInput(
            direction: body.string("direction"), subject: body.string("subject"), documentType: body.string("document_type"),
            medium: body.string("medium"), priority: body.string("priority"), confidentiality: body.string("confidentiality"),
            receivedAt: body.string("received_at"), sentAt: body.string("sent_at"), reference: body.string("reference"),
            inReplyTo: body.string("in_reply_to"), linkedItems: body.strings("linked_items", maximum: 50))
        if let object = body.object("correspondent") {
            var member = BodyReader(object: object, prefix: "/correspondent", allowed: ["id", "kind", "name", "email"])
            input.correspondent = CorrespondentInput(
                id: member.string("id"), kind: member.string("kind"), name: member.string("name"), email: member.string("email"))
            body.add(member.errors)
        }
        let access = accessList(&body, key: "access", subject: context.principal.subject)
        let validator = RegistrationValidator(documentTypes: tenant.documentTypes, clock: clock)
        let reported = Set(body.errors.map(\.field))
        body.add(validator.fieldErrors(in: input).filter { !reported.contains($0.field) })
        try body.finish(context.language)
        let registration: Registration
        do {
            registration = try validator.validate(input)
        } catch {
            throw error.localized(context.language)
        }
        let principal = context.principal
        let correspondent = try await refusing(context) { () -> Correspondent? in
            guard let reference = registration.correspondent else { return nil }
            return try await store.resolve(reference, tenant: tenant.id, by: principal.subject)
        }
        let language = context.language
        let stored: StoredItem
        do {
            stored = try await refusing(context) {
                try await store.register(registration, correspondent: correspondent, access: access, tenant: tenant, by: principal) {
                    stored in
                    var statements = [try notifications.recordingRegistration(of: stored, tenant: tenant.reference)]
                    if let key {
                        statements.append(idempotency.recording(Self.registeredResponse(stored, tenant: tenant), for: key, tenant: tenant.id))
                    }
                    return statements
                }
            }
        } catch let error where IdempotencyStore.isConcurrentDuplicate(error) {
            guard let key, let replay = try await idempotency.replay(key, tenant: tenant.id, language: language) else { throw error }
            return replay
        } catch let problem as Problem {
            throw problem.localized(language)
        }
        context.logger.info("mail registered", ["registry_number": .string(stored.item.number.text)])
        return Self.registeredResponse(stored, tenant: tenant)
    }

    static func registeredResponse(_ stored: StoredItem, tenant: MailTenant) -> HTTPResponse {
        var response = MailViews.response(MailViews.registered(stored, tenant: tenant), status: .created)
        response.headers.add("Location", MailViews.itemPath(tenant, stored.id))
        response.headers.add("ETag", stored.entityTag)
        return response
    }

    /// The `access` member (`{"units": […], "agents": […], "roles": […]}`), with the registering
    /// agent always on it (they have seen the item).
    func accessList(_ body: inout BodyReader, key: String, subject: String) -> AccessList {
        var list = AccessList(agents: [subject])
        guard let object = body.object(key) else { return list }
        var member = BodyReader(object: object, prefix: "/" + key, allowed: ["units", "agents", "roles"])
        list.units = Set(member.identifiers("units") ?? [])
        list.agents.formUnion(member.strings("agents") ?? [])
        list.roles = Set(member.strings("roles") ?? [])
        body.add(member.errors)
        return list
    }

    // MARK: Reading

    func read(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let stored = try await visibleItem(id, tenant, context)
        if stored.item.details.confidentiality != .normal {
            try await audit.append(
                [.init(.confidentialView, item: id, payload: ["confidentiality": .string(stored.item.details.confidentiality.rawValue)])],
                tenant: tenant.id, at: clock.now, actor: context.principal.subject)
        }
        return try await itemResponse(id, tenant, context)
    }

    func history(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        _ = try await visibleItem(id, tenant, context)
        let records = try await audit.records(tenant: tenant.id, item: id)
        return MailViews.response([
            "items": .array(records.map { record in
                [
                    "sequence": .number(Double(record.sequence)), "type": .string(record.eventType.rawValue),
                    "actor": .string(record.actor), "occurred_at": MailViews.instant(record.timestamp, tenant.timeZone),
                    "payload": record.payload,
                ]
            })
        ])
    }

    func label(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let stored = try await visibleItem(try itemID(context), tenant, context)
        let label = MailLabel(
            tenantName: tenant.name.text(in: context.language), registryNumber: stored.item.number.text,
            registeredAt: stored.item.registeredAt, timeZone: tenant.timeZone,
            qrContent: "GUICHET:\(tenant.reference.slug):\(stored.item.number.text)")
        var headers = HTTPHeaders()
        headers.add("Content-Type", "image/svg+xml; charset=utf-8")
        headers.add("Content-Disposition", "inline; filename=\"label.svg\"")
        return HTTPResponse(status: .ok, headers: headers, body: Array(try label.svg().utf8))
    }

    // MARK: Amendments, cancellation, access

    func amend(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let expected = try expectedVersion(request, context)
        _ = try await visibleItem(id, tenant, context)
        let body = try BodyReader(request, context, allowed: Set(RegisteredField.allCases.map(\.rawValue)).union(["reason", "id"]))
        let validator = RegistrationValidator(documentTypes: tenant.documentTypes, clock: clock)
        // Registered facts are refused before anything else (409), then the values (422).
        let amendment: AmendmentRequest
        do {
            amendment = try AmendmentRequest(body.object, rules: validator)
        } catch {
            throw error.localized(context.language)
        }
        let principal = context.principal
        var newCorrespondent: Correspondent?
        if let reference = amendment.correspondent {
            newCorrespondent = try await refusing(context) { try await store.resolve(reference, tenant: tenant.id, by: principal.subject) }
        }
        let language = context.language
        _ = try await refusing(context) {
            try await store.change(id, tenant: tenant.id, actor: principal.subject, expectedVersion: expected) { stored, now in
                guard stored.isVisible(to: principal) else { throw Problem(.notFound, language: language) }
                var changes = amendment.changes
                if let newCorrespondent { changes.append(.correspondent(newCorrespondent)) }
                let recorded = try stored.item.amend(changes, reason: amendment.reason, by: principal, at: now)
                stored.amendmentCount += 1
                if recorded.changes.contains(where: { [.documentType, .priority, .receivedAt, .sentAt].contains($0.field) }) {
                    stored.schedule = try store.schedule(of: stored.item, tenant: tenant)
                }
                if stored.item.details.confidentiality == .normal {
                    stored.access = .empty
                } else if stored.access == .empty {
                    stored.access = AccessList(agents: [principal.subject])
                }
                let changeLog = JSONValue.array(recorded.changes.map { change in
                    ["field": .string(change.field.rawValue), "old": change.oldValue, "new": change.newValue]
                })
                return ItemChange(
                    events: [.init(.amendment, item: id, payload: recorded.auditPayload)],
                    statements: [
                        """
                        INSERT INTO mail.registry_corrections (tenant_id, item_id, number, kind, changes, reason, recorded_by, recorded_at)
                        VALUES (\(tenant.id), \(id), \(stored.amendmentCount), 'amendment', \(PostgresJSON(changeLog)), \(recorded.reason),
                                \(principal.subject), \(now))
                        """
                    ])
            }
        }
        return try await itemResponse(id, tenant, context)
    }

    func cancel(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let expected = try expectedVersion(request, context)
        var body = try BodyReader(request, context, allowed: ["reason"])
        let reason = body.string("reason")
        try body.finish(context.language)
        _ = try await visibleItem(id, tenant, context)
        let principal = context.principal
        let language = context.language
        _ = try await refusing(context) {
            try await store.change(id, tenant: tenant.id, actor: principal.subject, expectedVersion: expected) { stored, now in
                guard stored.isVisible(to: principal) else { throw Problem(.notFound, language: language) }
                let cancellation = try stored.item.cancel(reason: reason, by: principal, at: now)
                return ItemChange(
                    events: [.init(.cancellation, item: id, payload: cancellation.auditPayload)],
                    statements: [
                        """
                        INSERT INTO mail.registry_corrections (tenant_id, item_id, number, kind, reason, recorded_by, recorded_at)
                        VALUES (\(tenant.id), \(id), \(stored.amendmentCount + 1), 'cancellation', \(cancellation.reason),
                                \(principal.subject), \(now))
                        """
                    ])
            }
        }
        return try await itemResponse(id, tenant, context)
    }

    /// Replaces the access list of a confidential or secret item (only someone on it may).
    func changeAccess(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        var body = try BodyReader(request, context, allowed: ["units", "agents", "roles"])
        var list = AccessList(
            units: Set(body.identifiers("units") ?? []), agents: Set(body.strings("agents") ?? []), roles: Set(body.strings("roles") ?? []))
        try body.finish(context.language)
        let principal = context.principal
        list.agents.insert(principal.subject)
        _ = try await visibleItem(id, tenant, context)
        let language = context.language
        _ = try await refusing(context) {
            try await store.change(id, tenant: tenant.id, actor: principal.subject) { stored, _ in
                guard stored.isVisible(to: principal) else { throw Problem(.notFound, language: language) }
                guard stored.item.details.confidentiality != .normal else {
                    throw Problem(.conflict, language: language).withDetail(
                        LocalizedText(
                            fr: "Seul un courrier confidentiel ou secret a une liste d'accès.",
                            ar: "لا تكون لائحة الاطلاع إلا للمراسلات السرية.", en: "Only confidential or secret mail has an access list."))
                }
                let before = stored.access
                stored.access = list
                return ItemChange(events: [.init(.accessChanged, item: id, payload: ["old": before.jsonValue, "new": list.jsonValue])])
            }
        }
        return try await itemResponse(id, tenant, context)
    }
}
