import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

extension MailRoutes {
    func installProcessing(on routes: RouteGroup) {
        func action(_ path: String, _ access: AccessRule, _ handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
            routes.post("/v1/:tenant/mail/items/:id/\(path)", options: RouteOptions(access: access, bodyLimit: Self.smallBody), handler)
        }
        action("routing", MailAccess.registrarsAndSupervisors) { request, context in try await route(request, context) }
        action("redirection", MailAccess.registrarsAndSupervisors) { request, context in try await redirect(request, context) }
        action("copies", MailAccess.anyMailRole) { request, context in try await addCopies(request, context) }
        action("start", MailAccess.processing) { request, context in
            try await simpleStep(request, context, authorize: MailAccess.handles) { item, principal, now in
                try item.process { try $0.startProcessing(by: principal, at: now) }
            }
        }
        action("opinion-requests", MailAccess.processing) { request, context in try await requestOpinions(request, context) }
        action("opinions", MailAccess.processing) { request, context in try await giveOpinion(request, context) }
        action("approval-requests", MailAccess.processing) { request, context in try await requestApproval(request, context) }
        action("approvals", MailAccess.processing) { request, context in try await decideApproval(request, context) }
        action("replies", MailAccess.anyMailRole) { request, context in try await linkReply(request, context) }
        action("answer", MailAccess.processing) { request, context in
            try await simpleStep(request, context, authorize: MailAccess.handles) { item, principal, now in
                try item.process { try $0.markAnswered(by: principal, at: now) }
            }
        }
        action("close", MailAccess.processing) { request, context in try await close(request, context) }
        action("archive", MailAccess.registrarsAndSupervisors) { request, context in
            try await simpleStep(request, context, authorize: MailAccess.routes) { item, principal, now in
                try item.process { try $0.archive(by: principal, at: now) }
            }
        }
        action("notes", MailAccess.anyMailRole) { request, context in try await addNote(request, context) }
    }

    // MARK: The common path

    /// Applies one processing step to the item under its row lock: the caller must see the item
    /// (404) and be allowed to act on it (403); `step` runs the domain's rule (409/422 on refusal)
    /// and returns the event recorded in the audit chain.
    func applying(
        _ request: HTTPRequest, _ context: RequestContext, authorize: @escaping (StoredItem, Principal) -> Bool,
        _ step: @escaping (inout StoredItem, Principal, Date) throws -> ItemChange
    ) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let expected = try expectedVersion(request, context)
        _ = try await visibleItem(id, tenant, context)
        let principal = context.principal
        let language = context.language
        do {
            _ = try await refusing(context) {
                try await store.change(id, tenant: tenant.id, actor: principal.subject, expectedVersion: expected) { stored, now in
                    guard stored.isVisible(to: principal), MailAccess.mayRead(stored, principal) else { throw Problem(.notFound) }
                    guard authorize(stored, principal) else { throw Problem(.forbidden) }
                    return try step(&stored, principal, now)
                }
            }
        } catch let problem as Problem {
            throw problem.localized(language)
        }
        return try await itemResponse(id, tenant, context)
    }

    /// A step without input besides an optional empty object body.
    func simpleStep(
        _ request: HTTPRequest, _ context: RequestContext, authorize: @escaping (StoredItem, Principal) -> Bool,
        _ step: @escaping (inout MailItem, Principal, Date) throws -> ProcessingEvent
    ) async throws -> HTTPResponse {
        if !request.body.isEmpty {
            let body = try BodyReader(request, context, allowed: [])
            try body.finish(context.language)
        }
        return try await applying(request, context, authorize: authorize) { stored, principal, now in
            let event = try step(&stored.item, principal, now)
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    static func event(_ event: ProcessingEvent, item: UUID) -> AuditLog.Event {
        .init(event.auditEventType, item: item, payload: event.auditPayload)
    }

    // MARK: Input

    /// A recipient: `{"unit": "<uuid>"}` or `{"agent": "<subject>"}`.
    static func recipient(_ value: JSONValue, at pointer: String, errors: inout [FieldError]) -> Recipient? {
        guard let object = value.objectValue, object.count == 1 else {
            errors.append(.invalidFormat(pointer, format: LocalizedText(fr: "{\"unit\": …} ou {\"agent\": …}", en: "{\"unit\": …} or {\"agent\": …}")))
            return nil
        }
        if let text = object["unit"]?.stringValue, let unit = BodyReader.uuid(text.lowercased()) { return .unit(unit) }
        if let subject = object["agent"]?.stringValue, (1...200).contains(subject.count) { return .agent(subject) }
        errors.append(.invalidFormat(pointer, format: LocalizedText(fr: "{\"unit\": …} ou {\"agent\": …}", en: "{\"unit\": …} or {\"agent\": …}")))
        return nil
    }

    static func recipients(_ body: inout BodyReader, _ key: String, maximum: Int) -> [Recipient]? {
        guard let value = body.object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            body.add([.invalidType(body.pointer(key), expected: .array)])
            return nil
        }
        guard array.count <= maximum else {
            body.add([.tooManyItems(body.pointer(key), maximum: maximum)])
            return nil
        }
        var errors: [FieldError] = []
        let recipients = array.enumerated().compactMap { recipient($1, at: body.pointer(key) + "/\($0)", errors: &errors) }
        body.add(errors)
        return recipients
    }

    /// The unit's name given with a routing (`{"fr": …, "ar": …, "en": …}`), for acknowledgements.
    static func unitName(_ body: inout BodyReader) -> LocalizedText? {
        guard let object = body.object("principal_unit_name") else { return nil }
        var names = BodyReader(object: object, prefix: "/principal_unit_name", allowed: ["fr", "ar", "en"])
        var checks = FieldChecks()
        let fr = checks.text(names.string("fr"), at: "/principal_unit_name/fr", required: true, length: 1...200)
        let ar = checks.text(names.string("ar"), at: "/principal_unit_name/ar", required: false, length: 1...200)
        let en = checks.text(names.string("en"), at: "/principal_unit_name/en", required: false, length: 1...200)
        body.add(names.errors + checks.errors)
        return fr.map { LocalizedText(fr: $0, ar: ar, en: en) }
    }

    static func comment(_ body: inout BodyReader, _ key: String = "comment") -> String? {
        var checks = FieldChecks()
        let text = checks.text(body.string(key), at: body.pointer(key), required: false, length: 1...2000, multiline: true)
        body.add(checks.errors)
        return text
    }

    // MARK: Routing

    func route(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["principal_unit", "principal_unit_name", "copies"])
        let unit = body.require(body.identifier("principal_unit"), "principal_unit")
        let name = Self.unitName(&body)
        let copies = Self.recipients(&body, "copies", maximum: Routing.maximumCopies) ?? []
        try body.finish(context.language)
        guard let unit else { throw Problem.validation([.required("/principal_unit")], language: context.language) }
        return try await applying(request, context, authorize: MailAccess.routes) { stored, principal, now in
            let event = try stored.item.process { try $0.route(to: unit, copies: copies, by: principal, at: now) }
            stored.principalUnitName = name
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    func redirect(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["principal_unit", "principal_unit_name", "reason"])
        let unit = body.require(body.identifier("principal_unit"), "principal_unit")
        let name = Self.unitName(&body)
        let reason = Self.comment(&body, "reason")
        try body.finish(context.language)
        guard let unit else { throw Problem.validation([.required("/principal_unit")], language: context.language) }
        return try await applying(request, context, authorize: MailAccess.routes) { stored, principal, now in
            let event = try stored.item.process { try $0.redirect(to: unit, reason: reason, by: principal, at: now) }
            stored.principalUnitName = name
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    func addCopies(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["copies", "reason"])
        let copies = body.require(Self.recipients(&body, "copies", maximum: Routing.maximumCopies), "copies") ?? []
        let reason = Self.comment(&body, "reason")
        try body.finish(context.language)
        return try await applying(request, context, authorize: { MailAccess.routes($0, $1) || MailAccess.handles($0, $1) }) {
            stored, principal, now in
            let event = try stored.item.process { try $0.addCopies(copies, reason: reason, by: principal, at: now) }
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    // MARK: Circuits

    func requestOpinions(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["participants"])
        let participants = body.require(Self.recipients(&body, "participants", maximum: OpinionCircuit.maximumParticipants), "participants") ?? []
        try body.finish(context.language)
        return try await applying(request, context, authorize: MailAccess.handles) { stored, principal, now in
            let event = try stored.item.process { try $0.requestOpinions(from: participants, by: principal, at: now) }
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    func giveOpinion(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["decision", "comment"])
        var checks = FieldChecks()
        let decision: OpinionDecision? = checks.choice(body.string("decision"), at: "/decision")
        body.add(checks.errors)
        let comment = Self.comment(&body)
        try body.finish(context.language)
        guard let decision else { throw Problem.validation([.required("/decision")], language: context.language) }
        return try await applying(request, context, authorize: { _, _ in true }) { stored, principal, now in
            let event = try stored.item.process { try $0.giveOpinion(decision, comment: comment, by: principal, at: now) }
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    func requestApproval(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["steps"])
        var steps: [ApprovalCircuit.StepRequest] = []
        if let array = body.require(body.object["steps"]?.arrayValue, "steps") {
            if array.count > ApprovalCircuit.maximumSteps { body.add([.tooManyItems("/steps", maximum: ApprovalCircuit.maximumSteps)]) }
            for (index, value) in array.prefix(ApprovalCircuit.maximumSteps).enumerated() {
                guard let object = value.objectValue else {
                    body.add([.invalidType("/steps/\(index)", expected: .object)])
                    continue
                }
                var member = BodyReader(object: object, prefix: "/steps/\(index)", allowed: ["approver", "kind"])
                var errors: [FieldError] = []
                let approver = object["approver"].flatMap { Self.recipient($0, at: "/steps/\(index)/approver", errors: &errors) }
                var checks = FieldChecks()
                let kind: ApprovalStepKind? = checks.choice(member.string("kind"), at: "/steps/\(index)/kind", fallback: .visa)
                member.add(errors + checks.errors)
                if object["approver"] == nil { member.add([.required("/steps/\(index)/approver")]) }
                body.add(member.errors)
                if let approver, let kind { steps.append(ApprovalCircuit.StepRequest(approver: approver, kind: kind)) }
            }
        }
        try body.finish(context.language)
        return try await applying(request, context, authorize: MailAccess.handles) { stored, principal, now in
            let event = try stored.item.process { try $0.requestApproval(steps, by: principal, at: now) }
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    func decideApproval(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var body = try BodyReader(request, context, allowed: ["decision", "comment"])
        var checks = FieldChecks()
        let decision: ApprovalDecision? = checks.choice(body.string("decision"), at: "/decision")
        body.add(checks.errors)
        let comment = Self.comment(&body)
        try body.finish(context.language)
        guard let decision else { throw Problem.validation([.required("/decision")], language: context.language) }
        return try await applying(request, context, authorize: { _, _ in true }) { stored, principal, now in
            let event = try stored.item.process { try $0.decideApproval(decision, comment: comment, by: principal, at: now) }
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    // MARK: Replies, answer, close, notes

    /// Links a reply (an outgoing item answering this incoming one, or internal to internal), both
    /// ways. A reply of another tenant does not exist here: 404.
    func linkReply(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        var body = try BodyReader(request, context, allowed: ["reply_id"])
        let replyID = body.require(body.identifier("reply_id"), "reply_id")
        try body.finish(context.language)
        guard let replyID else { throw Problem.validation([.required("/reply_id")], language: context.language) }
        // The reply need not reach a processor (the mail office registered it), but a confidential
        // reply must be visible to them.
        guard let reply = try await store.item(replyID, tenant: tenant.id), reply.isVisible(to: context.principal) else {
            throw Problem(.notFound, language: context.language)
        }
        return try await applying(
            request, context, authorize: { $1.has(role: MailAccess.registrar) || MailAccess.handles($0, $1) }
        ) { stored, principal, now in
            try ReplyLink.check(reply: reply.item, answering: stored.item)
            let event = try stored.item.process { try $0.linkReply(replyID, by: principal, at: now) }
            return ItemChange(
                events: [Self.event(event, item: stored.id)],
                statements: [store.answering(stored.id, reply: replyID, tenant: tenant.id, at: now)])
        }
    }

    func close(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        var comment: String?
        if !request.body.isEmpty {
            var body = try BodyReader(request, context, allowed: ["comment"])
            comment = Self.comment(&body)
            try body.finish(context.language)
        }
        let tenant = try await tenant(context)
        return try await applying(request, context, authorize: MailAccess.handles) { stored, principal, now in
            let event = try stored.item.process { try $0.close(by: principal, at: now, comment: comment) }
            stored.closedOn = tenant.localDay(of: now)
            return ItemChange(events: [Self.event(event, item: stored.id)])
        }
    }

    func addNote(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        var body = try BodyReader(request, context, allowed: ["text"])
        var checks = FieldChecks()
        let text = checks.text(body.string("text"), at: "/text", required: true, length: 1...5000, multiline: true)
        body.add(checks.errors)
        try body.finish(context.language)
        guard let text else { throw Problem.validation([.required("/text")], language: context.language) }
        let noteID = UUID.timeOrdered()
        // A note is an audit event (its text in the payload) and words for search.
        var response = try await applying(request, context, authorize: { _, _ in true }) { stored, _, now in
            ItemChange(
                events: [.init(.note, item: stored.id, payload: ["note": .string(noteID.lowercaseString), "text": .string(text)])],
                statements: [store.searchAppending(text, item: stored.id, tenant: tenant.id, at: now)],
                writesItem: false)
        }
        response.status = .created
        return response
    }
}
