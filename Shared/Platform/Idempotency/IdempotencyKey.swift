import GuichetCore
import GuichetCrypto
import GuichetHTTP

/// A request's `Idempotency-Key`, with who sent it and a fingerprint of the request, so that a
/// retry gets the first answer and the same key with another request is refused.
public struct IdempotencyKey: Sendable, Hashable {
    /// The header a client sends.
    public static let headerName = "Idempotency-Key"
    /// The header on a replayed answer.
    public static let replayedHeaderName = "Idempotent-Replayed"
    /// The longest key accepted.
    public static let maximumLength = 255

    /// The key, as sent.
    public let key: String
    /// Who sent it (`anonymous` for anonymous callers), so keys never collide between callers.
    public let subject: String
    /// SHA-256 of the method, the route and the body.
    public let requestHash: [UInt8]

    /// The key of `request`, nil when it carries none; a 400 problem when the header is malformed
    /// (empty, too long, repeated, or with characters other than visible ASCII).
    public static func of(_ request: HTTPRequest, context: RequestContext) throws(Problem) -> IdempotencyKey? {
        let values = request.headers.values(for: headerName)
        guard !values.isEmpty else { return nil }
        guard values.count == 1, let key = values.first, (1...maximumLength).contains(key.utf8.count),
            key.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw Problem(.badRequest, language: context.language).withDetail(LocalizedText(
                fr: "L'en-tête Idempotency-Key doit être unique et faire 1 à 255 caractères ASCII visibles.",
                ar: "يجب أن يكون الرأس Idempotency-Key فريدًا وأن يتكون من 1 إلى 255 حرفًا مرئيًا من ASCII.",
                en: "The Idempotency-Key header must appear once and hold 1 to 255 visible ASCII characters."))
        }
        var fingerprint = SHA256()
        fingerprint.update(Array("\(request.method.name) \(context.route ?? "")\n".utf8))
        fingerprint.update(request.body)
        let subject = context.principal.subject.isEmpty ? "anonymous" : context.principal.subject
        return IdempotencyKey(key: key, subject: subject, requestHash: fingerprint.finalize())
    }
}
