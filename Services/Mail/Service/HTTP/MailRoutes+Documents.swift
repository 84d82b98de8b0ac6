import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

extension MailRoutes {
    func installDocuments(on routes: RouteGroup) {
        let uploads = RouteOptions(access: MailAccess.anyMailRole, bodyLimit: configuration.maximumDocumentBytes)
        routes.post("/v1/:tenant/mail/items/:id/documents", options: uploads) { request, context in
            try await upload(request, context, document: nil)
        }
        routes.post("/v1/:tenant/mail/items/:id/documents/:document/versions", options: uploads) { request, context in
            try await upload(request, context, document: try itemID(context, "document"))
        }
        routes.get("/v1/:tenant/mail/items/:id/documents/:document", options: RouteOptions(access: MailAccess.anyMailRole)) {
            _, context in try await download(context, version: nil)
        }
        routes.get(
            "/v1/:tenant/mail/items/:id/documents/:document/versions/:version", options: RouteOptions(access: MailAccess.anyMailRole)
        ) { _, context in
            guard let version = Int(try context.parameter("version")), version >= 1 else {
                throw Problem(.notFound, language: context.language)
            }
            return try await download(context, version: version)
        }
    }

    /// Who may add documents to an item: the mail office (scans), and whoever handles it.
    static func mayAttach(_ stored: StoredItem, _ principal: Principal) -> Bool {
        principal.has(role: MailAccess.registrar) || MailAccess.handles(stored, principal)
    }

    /// Stores an uploaded document (the raw body, its media type in `Content-Type`) after checking
    /// it against the declared `sha256` and `size` (query parameters) and the size limit, extracts
    /// its text for search, and records the version and its audit event.
    func upload(_ request: HTTPRequest, _ context: RequestContext, document: UUID?) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let language = context.language
        var errors: [FieldError] = []
        let query = request.query
        var fileName: String?
        if document == nil {
            var checks = FieldChecks()
            fileName = checks.text(query["file_name"], at: "/file_name", required: true, length: 1...255)
            if let name = fileName, name.contains("/") || name.contains("\\") {
                checks.errors.append(.invalidFormat("/file_name"))
            }
            errors += checks.errors
        }
        let declaredHash = query["sha256"]?.lowercased()
        if let declaredHash {
            if declaredHash.utf8.count != 64 || Hex.decode(declaredHash) == nil {
                errors.append(.invalidFormat("/sha256", format: LocalizedText(fr: "SHA-256 hexadécimal", ar: "SHA-256", en: "hexadecimal SHA-256")))
            }
        } else {
            errors.append(.required("/sha256"))
        }
        let declaredSize = query["size"].flatMap { Int($0) }
        if query["size"] == nil {
            errors.append(.required("/size"))
        } else if declaredSize == nil || declaredSize! < 0 {
            errors.append(.outOfRange("/size", minimum: 0, maximum: Double(configuration.maximumDocumentBytes)))
        }
        let mediaType = request.headers["content-type"].map { String($0.trimmingWhitespace()) } ?? "application/octet-stream"
        if mediaType.isEmpty || mediaType.utf8.count > 127 || mediaType.contains(where: { $0.isNewline }) {
            errors.append(.invalidFormat("/content_type"))
        }
        guard errors.isEmpty, let declaredHash, let declaredSize else { throw Problem.validation(errors, language: language) }
        if request.body.count != declaredSize {
            throw Problem.validation([.sizeMismatch("/size", received: request.body.count)], language: language)
        }
        let computed = SHA256.hexHash(request.body)
        if computed != declaredHash {
            throw Problem.validation([.hashMismatch("/sha256", computed: computed)], language: language)
        }
        let principal = context.principal
        let stored = try await visibleItem(id, tenant, context)
        guard Self.mayAttach(stored, principal) else { throw Problem(.forbidden, language: language) }
        guard !stored.item.isCancelled else { throw Problem(.mailItemCancelled, language: language) }
        guard stored.purgedAt == nil else { throw Problem(.documentPurged, language: language) }
        try await storage.store(request.body, sha256: computed, tenant: tenant.id)
        let text = await extractor.text(of: request.body, mediaType: mediaType)
        let record: DocumentVersionRecord
        do {
            record = try await refusing(context) {
                try await store.addDocument(
                    to: id, document: document, fileName: fileName ?? "", sha256: computed, byteCount: request.body.count,
                    mediaType: mediaType, text: text, tenant: tenant.id, by: principal.subject
                ) { stored in
                    guard stored.isVisible(to: principal), MailAccess.mayRead(stored, principal) else { throw Problem(.notFound) }
                    guard Self.mayAttach(stored, principal) else { throw Problem(.forbidden) }
                    if stored.item.isCancelled { throw Problem(.mailItemCancelled) }
                }
            }
        } catch let problem as Problem {
            throw problem.localized(language)
        }
        var view = MailViews.version(record, tenant: tenant).objectValue ?? [:]
        view["text_extracted"] = .bool(text != nil)
        var response = MailViews.response(.object(view), status: .created)
        response.headers.add("Location", MailViews.itemPath(tenant, id) + "/documents/\(record.documentID.lowercaseString)")
        return response
    }

    /// Serves a document version after hashing it again: content that does not match its recorded
    /// SHA-256 (or is missing) is refused and an integrity event goes to the audit chain; every
    /// download is recorded too.
    func download(_ context: RequestContext, version: Int?) async throws -> HTTPResponse {
        let tenant = try await tenant(context)
        let id = try itemID(context)
        let documentID = try itemID(context, "document")
        let stored = try await visibleItem(id, tenant, context)
        guard let record = try await store.documentVersion(documentID, version: version, item: id, tenant: tenant.id) else {
            throw Problem(.notFound, language: context.language)
        }
        if stored.purgedAt != nil { throw Problem(.documentPurged, language: context.language) }
        let bytes = try await storage.read(sha256: record.sha256, tenant: tenant.id)
        let payload: JSONValue = [
            "document": .string(documentID.lowercaseString), "version": .number(Double(record.version)), "sha256": .string(record.sha256),
        ]
        guard let bytes, bytes.count == record.byteCount, SHA256.hexHash(bytes) == record.sha256 else {
            var details = payload.objectValue ?? [:]
            details["found"] = bytes.map { .string(SHA256.hexHash($0)) } ?? .null
            try await audit.append(
                [.init(.integrityFailure, item: id, payload: .object(details))], tenant: tenant.id, at: clock.now,
                actor: context.principal.subject)
            context.logger.error("document integrity failure", ["sha256": .string(record.sha256)])
            throw Problem(.documentIntegrityFailure, language: context.language)
        }
        try await audit.append(
            [.init(.download, item: id, payload: payload)], tenant: tenant.id, at: clock.now, actor: context.principal.subject)
        var headers = HTTPHeaders()
        headers.add("Content-Type", record.mediaType)
        headers.add("Content-Disposition", Self.contentDisposition(record.fileName))
        headers.add("ETag", "\"\(record.sha256)\"")
        headers.add("Repr-Digest", "sha-256=:\(Base64.encode(Hex.decode(record.sha256) ?? [])):")
        headers.add("X-Content-Type-Options", "nosniff")
        return HTTPResponse(status: .ok, headers: headers, body: bytes)
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266), with an ASCII fallback.
    static func contentDisposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        var encoded = ""
        for byte in name.utf8 {
            let isUnreserved = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~".utf8.contains(byte)
            encoded += isUnreserved ? String(UnicodeScalar(byte)) : "%" + Hex.encode([byte]).uppercased()
        }
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
