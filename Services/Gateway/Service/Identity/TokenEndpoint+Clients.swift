import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform

extension TokenEndpoint {
    /// A hash no secret has: what an unknown client's secret is compared with, so that unknown
    /// and known clients cost the same.
    private static let decoySecretHash = SHA256.hash(SecureRandom.bytes(count: 32))

    /// The `client_credentials` grant: a service client's id and secret give an access token
    /// acting in one tenant, with the scopes asked for (all those granted by default). No refresh
    /// token: the client asks again.
    func clientCredentialsGrant(
        _ parameters: [String: String], _ request: HTTPRequest, _ context: RequestContext
    ) async throws -> HTTPResponse {
        let language = context.language
        let (clientID, secret) = try Self.clientCredentials(parameters, request, language: language)
        try admit("client:\(clientID)", context: context)
        let client = try await clients.client(clientID: clientID)
        let matches = constantTimeEquals(SHA256.hash(secret), client?.secretHash ?? Self.decoySecretHash)
        var refusal = audit.event(
            AuditEvent.Action.tokenIssued, succeeded: false, tenant: client?.tenants.count == 1 ? client?.tenants.first : nil,
            target: "client:\(clientID.prefix(64))", details: ["grant_type": "client_credentials"], request: request,
            context: context)
        refusal.actor = "client:\(clientID.prefix(64))"
        refusal.actorKind = Principal.Kind.service.rawValue
        guard let client, matches, client.active else {
            refusal.details["reason"] = .string(client == nil ? "unknown_client" : matches ? "disabled" : "wrong_secret")
            await audit.record(refusal, logger: context.logger)
            throw Self.invalidClient(language)
        }
        // The tenant the token acts in: the one named, which the client must be bound to, or its only one.
        var tenantID: UUID?
        if let slug = parameters["tenant"], !slug.isEmpty {
            tenantID = try await tenants.tenant(slug: slug).map(\.id)
        } else if client.tenants.count == 1 {
            tenantID = client.tenants[0]
        }
        guard let tenantID, client.tenants.contains(tenantID), let tenant = try await tenants.tenant(id: tenantID),
            tenant.status == .active
        else {
            refusal.details["reason"] = "tenant_not_granted"
            await audit.record(refusal, logger: context.logger)
            throw Self.invalidClient(language)
        }
        refusal.tenant = tenantID
        var scopes = client.scopes
        if let asked = parameters["scope"] {
            let requested = Set(asked.split(separator: " ").map(String.init))
            guard requested.isSubset(of: client.scopes), requested.count <= 32 else {
                refusal.details["reason"] = "invalid_scope"
                await audit.record(refusal, logger: context.logger)
                throw Problem(.invalidScope, language: language).withOAuthError()
            }
            scopes = requested
        }
        let principal = Principal(subject: "client:\(clientID)", kind: .service, tenantID: tenantID, scopes: scopes)
        let opened = try await sessions.open(
            for: principal, principalID: client.id, lifetime: tokens.lifetime, refreshLifetime: nil)
        let (token, expiresIn) = try tokens.issue(for: principal, session: opened.session)
        var event = refusal
        event.succeeded = true
        event.details = ["grant_type": "client_credentials", "scope": .string(scopes.sorted().joined(separator: " "))]
        await audit.record(event, logger: context.logger)
        return try Self.answer(
            TokenResponse(
                accessToken: token, tokenType: "Bearer", expiresIn: expiresIn,
                scope: scopes.isEmpty ? nil : scopes.sorted().joined(separator: " ")))
    }

    /// The client's id and secret, from HTTP Basic (form-encoded inside, RFC 6749 §2.3.1) or from
    /// the body — one way only.
    static func clientCredentials(
        _ parameters: [String: String], _ request: HTTPRequest, language: Language
    ) throws -> (id: String, secret: String) {
        var id = parameters["client_id"]
        var secret = parameters["client_secret"]
        if let header = request.headers["authorization"] {
            guard id == nil, secret == nil else { throw Problem(.invalidTokenRequest, language: language).withOAuthError() }
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "basic", parts[1].utf8.count <= 1024,
                let decoded = Base64.decode(parts[1]), let colon = decoded.firstIndex(of: UInt8(ascii: ":")),
                let form = try? URLQuery(
                    decodingForm: Array("i=".utf8) + decoded[..<colon] + Array("&s=".utf8) + decoded[(colon + 1)...])
            else { throw invalidClient(language) }
            id = form["i"]
            secret = form["s"]
        }
        guard let id, let secret, !id.isEmpty, !secret.isEmpty, id.utf8.count <= 64, secret.utf8.count <= maximumSecretLength
        else {
            throw invalidClient(language)
        }
        return (id, secret)
    }

    static func invalidClient(_ language: Language) -> Problem {
        Problem(.invalidClient, language: language).withOAuthError()
    }
}
