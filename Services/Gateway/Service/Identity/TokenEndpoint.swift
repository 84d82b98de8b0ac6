import FoundationEssentials
import GuichetCore
import GuichetHTTP

/// `POST /v1/auth/token` (RFC 6749): the `password` grant, as a form (the standard) or a JSON
/// body. Answers `{access_token, token_type, expires_in}` with `Cache-Control: no-store`; errors
/// are RFC 9457 problems that also carry RFC 6749's `error` member.
struct TokenEndpoint: Sendable {
    let authenticator: PasswordAuthenticator
    let tokens: AccessTokens

    /// The largest credentials accepted: longer input is refused before any work.
    static let maximumUsernameLength = 128
    static let maximumPasswordLength = 1024

    private struct TokenResponse: Encodable {
        let accessToken: String
        let tokenType: String
        let expiresIn: Int
    }

    func handle(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let parameters = try Self.parameters(of: request, language: context.language)
        guard let grantType = parameters["grant_type"] else {
            throw Problem(.invalidTokenRequest, language: context.language).withOAuthError()
        }
        guard grantType == "password" else {
            throw Problem(.unsupportedGrantType, language: context.language).withOAuthError()
        }
        guard let username = parameters["username"], let password = parameters["password"], !username.isEmpty,
            !password.isEmpty, username.utf8.count <= Self.maximumUsernameLength,
            password.utf8.count <= Self.maximumPasswordLength
        else {
            throw Problem(.invalidTokenRequest, language: context.language).withOAuthError()
        }
        guard let account = try await authenticator.authenticate(username: username, password: password) else {
            context.logger.info("sign-in refused", ["grant_type": "password"])
            throw Problem(.invalidGrant, language: context.language).withOAuthError()
        }
        let (token, expiresIn) = try tokens.issue(for: account.principal)
        context.logger.info("token issued", ["subject": .string(account.principal.subject)])
        var response = try HTTPResponse.json(TokenResponse(accessToken: token, tokenType: "Bearer", expiresIn: expiresIn))
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("Pragma", "no-cache")
        return response
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
