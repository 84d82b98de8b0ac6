import GuichetCore
import GuichetHTTP

/// Optimistic concurrency for updates: an answer carries `ETag: "<version>"`, and an update with
/// `If-Match` applies only to that version (412 otherwise). Without `If-Match` the update applies
/// to whatever version is current.
enum Versioning {
    /// The entity tag of `version`.
    static func tag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version `If-Match` asks for, nil without the header; a 412 for a malformed or `*`-less
    /// list it cannot satisfy.
    static func expectedVersion(of request: HTTPRequest, language: Language) throws(Problem) -> Int? {
        guard let header = request.headers["if-match"] else { return nil }
        let trimmed = header.trimmingWhitespace()
        if trimmed == "*" { return nil }
        let bare: Substring = trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        guard bare.count >= 3, bare.first == "\"", bare.last == "\"", let version = Int(bare.dropFirst().dropLast()) else {
            throw Problem(.preconditionFailed, language: language)
        }
        return version
    }

    /// `response` with the `ETag` of `version`.
    static func tagged(_ response: HTTPResponse, version: Int) -> HTTPResponse {
        var response = response
        response.headers.add("ETag", tag(version))
        return response
    }
}
