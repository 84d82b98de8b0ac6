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
    /// one again (200); with `send` (default true) and a known correspondent email, records the send.
    func acknowledge(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        var language = context.language
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
        let recipient = send ? stored.item.details.correspondent?.email : nil
        let (saved, generated) = try await refusing(context) {
            try await store.acknowledge(
                item: stored, document: acknowledgement.rendered(in: language), dueOn: stored.schedule?.dueOn, recipient: recipient,
                tenant: tenant.id, by: context.principal.subject)
        }
        var view = Self.acknowledgementView(saved, tenant: tenant).objectValue ?? [:]
        view["sent_to"] = MailViews.string(recipient)
        var response = MailViews.response(.object(view), status: generated ? .created : .ok)
        response.headers.add("Location", MailViews.itemPath(tenant, id) + "/acknowledgement")
        return response
    }
}
