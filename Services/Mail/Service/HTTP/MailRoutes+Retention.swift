import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

extension MailRoutes {
    func installRetention(on routes: RouteGroup) {
        routes.get("/v1/:tenant/mail/items/:id/archive-package", options: RouteOptions(access: MailAccess.supervisors)) { _, context in
            try await archivePackage(context)
        }
        routes.post(
            "/v1/:tenant/mail/items/:id/purge-approval", options: RouteOptions(access: MailAccess.supervisors, bodyLimit: Self.smallBody)
        ) { request, context in try await approvePurge(request, context) }
        routes.post("/v1/:tenant/mail/items/:id/purge", options: RouteOptions(access: MailAccess.supervisors, bodyLimit: Self.smallBody)) {
            request, context in try await purge(request, context)
        }
    }

    /// The item's archive export package: a tar of `manifest.json` (canonical JSON), `manifest.xml`
    /// (SEDA 2.1 vocabulary) and every document version's content under `content/<sha256>`, each
    /// re-hashed on the way out. The export is recorded in the audit chain.
    func archivePackage(_ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let stored = try await visibleItem(id, tenant, context)
        guard stored.purgedAt == nil else { throw Problem(.documentPurged, language: context.language) }
        guard let type = tenant.documentTypes[stored.item.details.documentType] else {
            throw Problem(.internalError, language: context.language)
        }
        let versions = try await store.documentVersions(item: id, tenant: tenant.id)
        var contents: [String: [UInt8]] = [:]
        for version in versions where contents[version.sha256] == nil {
            let bytes = try await storage.read(sha256: version.sha256, tenant: tenant.id)
            guard let bytes, SHA256.hexHash(bytes) == version.sha256 else {
                try await audit.append(
                    [.init(.integrityFailure, item: id, payload: ["sha256": .string(version.sha256), "during": "archive_package"])],
                    tenant: tenant.id, at: clock.now, actor: context.principal.subject)
                throw Problem(.documentIntegrityFailure, language: context.language)
            }
            contents[version.sha256] = bytes
        }
        let now = clock.now
        let documents = versions.compactMap { version in
            ArchivedDocument(
                fileName: version.fileName, mediaType: version.mediaType, byteCount: version.byteCount, sha256: version.sha256,
                version: version.version, addedAt: version.addedAt)
        }
        let package = ArchivePackage(
            packageID: .timeOrdered(), createdAt: now, tenantID: tenant.id, tenantName: tenant.name.fr, item: stored.item,
            documentTypeName: type.name.fr, documents: documents, events: try await audit.records(tenant: tenant.id, item: id),
            retention: type.retention, retentionStart: stored.closedOn ?? tenant.localDay(of: now))
        let json = try package.jsonManifest()
        let xml = Array(try package.xmlManifest().utf8)
        var tar = TarArchive()
        let seconds = now.secondsSince1970
        try tar.append(file: "manifest.json", contents: json, modifiedAt: seconds)
        try tar.append(file: "manifest.xml", contents: xml, modifiedAt: seconds)
        for hash in contents.keys.sorted() {
            try tar.append(file: "content/\(hash)", contents: contents[hash] ?? [], modifiedAt: seconds)
        }
        let manifestHash = SHA256.hexHash(json)
        try await audit.append(
            [.init(.export, item: id, payload: [
                "kind": "archive_package", "package_id": .string(package.packageID.lowercaseString),
                "manifest_sha256": .string(manifestHash), "documents": .number(Double(documents.count)),
            ])],
            tenant: tenant.id, at: now, actor: context.principal.subject)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-tar")
        headers.add("Content-Disposition", "attachment; filename=\"archive-\(id.lowercaseString).tar\"")
        headers.add("X-Manifest-SHA256", manifestHash)
        return HTTPResponse(status: .ok, headers: headers, body: tar.finished())
    }

    func approvePurge(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        var comment: String?
        if !request.body.isEmpty {
            var body = try BodyReader(request, context, allowed: ["comment"])
            comment = Self.comment(&body)
            try body.finish(context.language)
        }
        _ = try await visibleItem(id, tenant, context)
        guard try await store.approvePurge(item: id, comment: comment, tenant: tenant.id, by: context.principal.subject) else {
            throw Problem(.conflict, language: context.language).withDetail(
                LocalizedText(fr: "L'élimination a déjà été approuvée.", ar: "سبقت الموافقة على الإتلاف.", en: "The purge is already approved."))
        }
        guard let approval = try await store.purgeApproval(item: id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        return MailViews.response(
            ["approved_by": .string(approval.approvedBy), "approved_at": MailViews.instant(approval.approvedAt, tenant.timeZone)],
            status: .created)
    }

    /// Destroys the item's documents at the end of their retention, once someone else approved it;
    /// the registry entry and the fixity facts stay.
    func purge(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        if !request.body.isEmpty {
            let body = try BodyReader(request, context, allowed: [])
            try body.finish(context.language)
        }
        let stored = try await visibleItem(id, tenant, context)
        let principal = context.principal
        let language = context.language
        guard stored.purgedAt == nil else { throw Problem(.documentPurged, language: language) }
        let deleted: [String]
        do {
            deleted = try await refusing(context) {
                try await store.purge(item: id, tenant: tenant.id, by: principal.subject, storage: storage) { stored, approval, now in
                    guard stored.purgedAt == nil else { throw Problem(.documentPurged) }
                    guard let type = tenant.documentTypes[stored.item.details.documentType] else { throw Problem(.purgeNotAllowed) }
                    guard let closed = stored.closedOn, stored.item.workflow.status == .closed || stored.item.workflow.status == .archived
                    else {
                        throw Problem(.invalidStatusTransition).withExtension("status", .string(stored.item.workflow.status.rawValue))
                    }
                    try type.retention.checkPurge(
                        startingOn: closed, on: tenant.localDay(of: now), requestedBy: principal.subject, approval: approval)
                }
            }
        } catch let problem as Problem {
            throw problem.localized(language)
        }
        return MailViews.response(["purged": .bool(true), "deleted_contents": .array(deleted.map(JSONValue.string))])
    }
}
