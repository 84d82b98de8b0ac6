import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

/// `POST /v1/auth/token` (RFC 6749), as a form (the standard) or a JSON body:
///
/// - `password`: `username`, `password`, and `tenant` (the tenant's slug) for an agent or tenant
///   administrator — without `tenant`, a platform administrator or a citizen (email or phone);
///   `totp` when the account needs a second factor. Answers a refresh token too.
/// - `client_credentials`: the client's id and secret in HTTP Basic (RFC 6749 §2.3.1) or the
///   body; `scope` to ask for less; `tenant` for a platform client bound to several tenants.
/// - `refresh_token`: rotation — the token is good once and the answer carries the next one; a
///   token presented twice revokes its whole session.
///
/// Answers `{access_token, token_type, expires_in, refresh_token?, scope?}` with
/// `Cache-Control: no-store`; errors are RFC 9457 problems that also carry RFC 6749's `error`.
/// Every outcome goes to the audit trail.
struct TokenEndpoint: Sendable {
    let authenticator: PasswordAuthenticator
    let tokens: AccessTokens
    let sessions: SessionStore
    let revoked: RevokedSessions
    let clients: ServiceClientStore
    let tenants: TenantCache
    let limiter: RateLimiter
    let audit: AuditLog
    let configuration: Configuration
    let clock: any WallClock

    /// Lifetimes of what the endpoint hands out.
    struct Configuration: Sendable {
        /// How long a refresh token stays good unused.
        var refreshTokenLifetime: Duration = .seconds(14 * 86_400)
        /// How long a session lasts at most, however often it is refreshed.
        var sessionLifetime: Duration = .seconds(30 * 86_400)
    }

    /// The largest credentials accepted: longer input is refused before any work.
    static let maximumPasswordLength = 1024
    static let maximumSecretLength = 256

    struct TokenResponse: Encodable {
        let accessToken: String
        let tokenType: String
        let expiresIn: Int
        var refreshToken: String?
        var scope: String?
    }

    func handle(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let parameters = try Self.parameters(of: request, language: context.language)
        guard let grantType = parameters["grant_type"] else {
            throw Problem(.invalidTokenRequest, language: context.language).withOAuthError()
        }
        do {
            switch grantType {
            case "password": return try await passwordGrant(parameters, request, context)
            case "client_credentials": return try await clientCredentialsGrant(parameters, request, context)
            case "refresh_token": return try await refreshGrant(parameters, request, context)
            default: throw Problem(.unsupportedGrantType, language: context.language).withOAuthError()
            }
        } catch let refusal as TooManyAttempts {
            return refusal.response(language: context.language)
        }
    }

    /// The answer carrying tokens, never cached.
    static func answer(_ body: TokenResponse) throws -> HTTPResponse {
        var response = try HTTPResponse.json(body)
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("Pragma", "no-cache")
        return response
    }

    /// Takes a token from the per-principal login bucket of `key`; a 429 when empty.
    func admit(_ key: String, context: RequestContext) throws(TooManyAttempts) {
        if let wait = limiter.admit(.principal(key, .login)) {
            throw TooManyAttempts(wait: wait)
        }
    }

    /// The request's parameters, from a form body or a JSON object of strings; each at most once.
    static func parameters(of request: HTTPRequest, language: Language) throws -> [String: String] {
        let contentType = (request.headers["content-type"] ?? "").lowercased()
        var result: [String: String] = [:]
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard let form = try? URLQuery(decodingForm: request.body) else {
                throw Problem(.invalidTokenRequest, language: language).withOAuthError()
            }
            for item in form.items {
                // RFC 6749 §3.2: parameters must not be repeated.
                guard result.updateValue(item.value, forKey: item.name) == nil else {
                    throw Problem(.invalidTokenRequest, language: language).withOAuthError()
                }
            }
        } else if contentType.hasPrefix("application/json") {
            let object = try JSONCoding.decode([String: String].self, from: request.body, language: language)
            result = object
        } else {
            throw Problem(.unsupportedMediaType, language: language)
        }
        return result
    }
}

/// A login-class limit was reached for one principal: answered 429 with `Retry-After`.
struct TooManyAttempts: Error {
    let wait: Duration

    func response(language: Language) -> HTTPResponse {
        RateLimiting.refusal(after: wait, language: language)
    }
}
