import GuichetCore
import GuichetHTTP

/// Optimistic concurrency on a version column: a resource's `ETag` is its version as a strong
/// entity tag (`"7"`); an update names the version it changes in `If-Match` (RFC 9110 §13.1.1).
enum EntityTag {
    /// The entity tag of `version`.
    static func of(version: Int) -> String {
        "\"\(version)\""
    }

    /// What `If-Match` asks for.
    enum Condition: Equatable {
        /// `*`: any current version.
        case any
        /// One of these versions (weak tags never match: If-Match compares strongly).
        case versions([Int])

        /// Whether `version` satisfies the condition.
        func matches(_ version: Int) -> Bool {
            switch self {
            case .any: true
            case .versions(let versions): versions.contains(version)
            }
        }

        /// The single version named, when exactly one strong tag was given.
        var version: Int? {
            if case .versions(let versions) = self, versions.count == 1 { return versions[0] }
            return nil
        }
    }

    /// The request's `If-Match`, or nil when it has none. An unreadable value matches nothing.
    static func condition(of request: HTTPRequest) -> Condition? {
        let values = request.headers.values(for: "if-match")
        guard !values.isEmpty else { return nil }
        var versions: [Int] = []
        for value in values {
            for part in value.split(separator: ",") {
                let tag = part.trimmingWhitespace()
                if tag == "*" { return .any }
                guard tag.count >= 2, tag.first == "\"", tag.last == "\"", let version = Int(tag.dropFirst().dropLast()), version >= 0 else {
                    continue
                }
                versions.append(version)
            }
        }
        return .versions(versions)
    }

    /// The request's `If-Match`: a 428 problem when an update comes without one.
    static func required(_ request: HTTPRequest, language: Language) throws(Problem) -> Condition {
        guard let condition = condition(of: request) else { throw Problem(.preconditionRequired, language: language) }
        return condition
    }

    /// Throws the 412 problem unless `condition` (if any) matches `version`.
    static func check(_ condition: Condition?, version: Int, language: Language) throws(Problem) {
        if let condition, !condition.matches(version) { throw Problem(.preconditionFailed, language: language) }
    }
}
