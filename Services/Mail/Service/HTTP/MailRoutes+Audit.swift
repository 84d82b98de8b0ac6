import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

extension MailRoutes {
    func installAudit(on routes: RouteGroup) {
        routes.get("/v1/:tenant/mail/audit/verify", options: RouteOptions(access: MailAccess.auditors)) { _, context in
            let tenant = try await tenant(context)
            let (verification, heads) = try await audit.verify(tenant: tenant.id)
            var body = verification.jsonValue.objectValue ?? [:]
            body["signed_heads"] = .number(Double(heads))
            return MailViews.response(.object(body))
        }
        routes.get("/v1/:tenant/mail/audit/heads", options: RouteOptions(access: MailAccess.auditors)) { _, context in
            let tenant = try await tenant(context)
            let heads = try await audit.signedHeads(tenant: tenant.id)
            return MailViews.response([
                "items": .array(heads.map { signed in
                    [
                        "day": .string(signed.head.date.description), "last_sequence": .number(Double(signed.head.lastSequence)),
                        "last_hash": .string(Hex.encode(signed.head.lastHash)), "key_id": .string(signed.keyID),
                        "signature": .string(Base64URL.encode(signed.signature)),
                    ]
                })
            ])
        }
        installAcknowledgement(on: routes)
    }

    func installAcknowledgement(on routes: RouteGroup) {
        routes.post(
            "/v1/:tenant/mail/items/:id/acknowledgement", options: RouteOptions(access: MailAccess.registrars, bodyLimit: Self.smallBody)
        ) { request, context in try await acknowledge(request, context) }
        routes.get("/v1/:tenant/mail/items/:id/acknowledgement", options: RouteOptions(access: MailAccess.registrarsAndSupervisors)) {
            _, context in
            let tenant = try await tenant(context)
            let id = try itemID(context)
            _ = try await visibleItem(id, tenant, context)
            guard let stored = try await store.acknowledgement(item: id, tenant: tenant.id) else {
                throw Problem(.notFound, language: context.language)
            }
            return MailViews.response(Self.acknowledgementView(stored, tenant: tenant))
        }
    }

    static func acknowledgementView(_ stored: StoredAcknowledgement, tenant: MailTenant) -> JSONValue {
        [
            "language": .string(stored.language.rawValue), "plain_text": .string(stored.plainText), "html": .string(stored.html),
            "text_sha256": .string(stored.textSHA256), "html_sha256": .string(stored.htmlSHA256), "due_on": MailViews.string(stored.dueOn),
            "generated_at": MailViews.instant(stored.generatedAt, tenant.timeZone), "generated_by": .string(stored.generatedBy),
            "sends": .number(Double(stored.sends)),
        ]
    }

    /// Generates the acknowledgement of receipt of incoming mail (once: 201), or sends the stored
    /// one again (200). It is written in the body's `language`, else the tenant's default language
    /// (the mail settings' `default_language`); a send reuses the stored acknowledgement whatever
    /// the body says. With `send` (default true) and a correspondent email, the email of the stored
    /// acknowledgement is recorded in the outbox with its audit event (`sent_to`, `email_message_id`);
    /// otherwise `sent_to` is null and `not_sent_reason` says why.
    func acknowledge(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        var language = tenant.settings.defaultLanguage
        var send = true
        if !request.body.isEmpty {
            var body = try BodyReader(request, context, allowed: ["language", "send"])
            if let text = body.string("language") {
                if let chosen = Language(rawValue: text) { language = chosen } else {
                    body.add([.unknownValue("/language", allowed: Language.allCases.map(\.rawValue))])
                }
            }
            send = body.bool("send") ?? true
            try body.finish(context.language)
        }
        let stored = try await visibleItem(id, tenant, context)
        guard stored.item.direction == .incoming, !stored.item.isCancelled else {
            throw Problem(.acknowledgementNotApplicable, language: context.language)
        }
        let unit = stored.principalUnitName
            ?? LocalizedText(fr: "Bureau d'ordre", ar: "مكتب الضبط", en: "Mail office")
        let acknowledgement = Acknowledgement(
            tenantName: tenant.name, registryNumber: stored.item.number.text,
            receivedAt: stored.item.details.receivedAt ?? stored.item.registeredAt, timeZone: tenant.timeZone,
            subject: stored.item.details.subject, correspondentName: stored.item.details.correspondent?.name, responsibleUnit: unit,
            dueDate: stored.schedule?.dueOn)
        let document = acknowledgement.rendered(in: language)
        let outcome = try await refusing(context) {
            try await store.acknowledge(
                item: stored, document: document,
                emailVariables: acknowledgement.emailVariables(for: document, registeredAt: stored.item.registeredAt),
                dueOn: stored.schedule?.dueOn, send: send, tenant: tenant.id, by: context.principal.subject, notifications: notifications)
        }
        var view = Self.acknowledgementView(outcome.acknowledgement, tenant: tenant).objectValue ?? [:]
        view["sent_to"] = MailViews.string(outcome.sentTo)
        view["email_message_id"] = MailViews.string(outcome.messageID?.lowercaseString)
        view["not_sent_reason"] = MailViews.string(outcome.unsentReason?.rawValue)
        var response = MailViews.response(.object(view), status: outcome.generated ? .created : .ok)
        response.headers.add("Location", MailViews.itemPath(tenant, id) + "/acknowledgement")
        return response
    }
}
