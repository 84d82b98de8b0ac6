import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// What the routes share: the stores, the idempotency store and the clock.
struct RouteDependencies: Sendable {
    let configuration: ConfigurationStore
    let planning: PlanningStore
    let bookings: BookingStore
    let verifications: VerificationStore
    let queue: QueueStore
    let waitingList: WaitingListStore
    let statistics: StatisticsStore
    let idempotency: IdempotencyStore
    let clock: any WallClock
}

/// The expected form of an instant, for error messages.
let instantFormat = LocalizedText(
    fr: "date et heure RFC 3339 avec décalage (2026-03-23T08:30:00+01:00)",
    ar: "تاريخ ووقت RFC 3339 مع فارق التوقيت (2026-03-23T08:30:00+01:00)",
    en: "RFC 3339 date and time with an offset (2026-03-23T08:30:00+01:00)")

/// The expected form of a date, for error messages.
let dateFormat = LocalizedText(fr: "date AAAA-MM-JJ", ar: "تاريخ YYYY-MM-DD", en: "date YYYY-MM-DD")

extension RequestContext {
    /// The path parameter `name` as an id; a 404 problem when it is not one.
    func uuidParameter(_ name: String) throws(Problem) -> UUID {
        guard let id = UUID(uuidString: try parameter(name)) else { throw Problem(.notFound, language: language) }
        return id
    }

    /// The tenant and the instant of the request.
    func tenantAndNow(_ dependencies: RouteDependencies) throws(Problem) -> (TenantReference, Date) {
        (try requireTenant(), dependencies.clock.now)
    }
}

/// Reading the parts of requests that are not JSON bodies.
enum RequestReading {
    /// An instant from RFC 3339 text; appends `invalid_format` at `pointer` otherwise.
    static func instant(_ text: String, at pointer: String, errors: inout [FieldError]) -> Date? {
        guard let date = RFC3339.parse(text) else {
            errors.append(.invalidFormat(pointer, format: instantFormat))
            return nil
        }
        return date
    }

    /// A local date `YYYY-MM-DD`; appends `invalid_format` at `pointer` otherwise.
    static func date(_ text: String, at pointer: String, errors: inout [FieldError]) -> LocalDate? {
        guard let date = LocalDate(text) else {
            errors.append(.invalidFormat(pointer, format: dateFormat))
            return nil
        }
        return date
    }

    /// Query parameter `name` as an id: `required` when absent, `invalid_format` when not an id.
    static func uuid(_ request: HTTPRequest, _ name: String, required: Bool = true, errors: inout [FieldError]) -> UUID? {
        guard let text = request.query[name] else {
            if required { errors.append(.required("/" + name)) }
            return nil
        }
        guard let id = UUID(uuidString: text) else {
            errors.append(.invalidFormat("/" + name))
            return nil
        }
        return id
    }

    /// The version an `If-Match` header asks for (`"3"` or `W/"3"`); nil without the header; a
    /// 412 problem when it names no version.
    static func expectedVersion(_ request: HTTPRequest, language: Language) throws(Problem) -> Int? {
        guard let header = request.headers["if-match"] else { return nil }
        var value = String(header.trimmingWhitespace())
        if value.hasPrefix("W/") { value.removeFirst(2) }
        guard value.count >= 3, value.first == "\"", value.last == "\"", let version = Int(value.dropFirst().dropLast()) else {
            throw Problem(.preconditionFailed, language: language)
        }
        return version
    }

    /// The language a person chose for their messages (`fr`, `ar`, `en`), else the request's.
    static func language(_ text: String?, default fallback: Language, errors: inout [FieldError]) -> Language {
        guard let text else { return fallback }
        guard let language = Language(rawValue: text) else {
            errors.append(.unknownValue("/language", allowed: Language.allCases.map(\.rawValue)))
            return fallback
        }
        return language
    }
}

extension HTTPResponse {
    /// A JSON answer with an `ETag` of `version` (for `If-Match` on the next update).
    static func json<Value: Encodable>(_ value: Value, status: HTTPStatus = .ok, version: Int) throws -> HTTPResponse {
        var response = try HTTPResponse.json(value, status: status)
        response.headers.add("ETag", "\"\(version)\"")
        return response
    }
}

extension ConfigurationStore.UpdateFailure {
    /// 404, or 412 with the current version.
    func problem(language: Language) -> Problem {
        switch self {
        case .notFound: Problem(.notFound, language: language)
        case .versionMismatch(let current):
            Problem(.preconditionFailed, language: language).withExtension("current_version", .number(Double(current)))
        }
    }
}

/// An object changed and the bookings the change had to move (``Rescheduler``): the object's
/// members and `affected_bookings`.
struct WithAffectedBookings<Value: Encodable>: Encodable {
    let value: Value
    let affectedBookings: [Rescheduler.Outcome]

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(affectedBookings, forKey: .affectedBookings)
    }

    private enum Key: String, CodingKey { case affectedBookings = "affected_bookings" }
}
