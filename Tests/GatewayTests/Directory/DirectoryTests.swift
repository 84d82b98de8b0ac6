import Foundation
@testable import Gateway
import GuichetCore
import GuichetHTTP
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: directory")
struct DirectoryTests {
    /// A safety valve for calls to a gateway that shares a saturated machine, not a timing check.
    static let timeout: Duration = .seconds(120)

    /// A tenant with units (academy ▸ office), an agent in the office and a directory client.
    static func organisation(_ fixture: GatewayFixture) async throws -> (
        slug: String, token: String, tenant: TenantReference, academy: UUID, office: UUID, agent: UUID, client: (id: String, secret: String)
    ) {
        let (slug, token) = try await fixture.tenantWithAdministrator()
        let academy = try await UnitTests.unit(fixture, slug, token, code: "academy")
        let office = try await UnitTests.unit(fixture, slug, token, code: "office", parent: academy)
        let agent = try await fixture.createAccount(
            in: slug, token: token, username: "handler", roles: [Roles.complaintsHandler], units: [office])
        _ = try await fixture.createAccount(in: slug, token: token, username: "registrar", roles: [Roles.mailRegistrar], units: [academy])
        let client = try await ClientCredentialsTests.client(fixture, slug: slug, token: token, scopes: [ServiceScopes.directoryRead])
        let tenant = try #require(try await TenantDirectory(database: fixture.gateway.runtime.database).tenant(slug: slug))
        return (slug, token, tenant.reference, UUID(uuidString: academy)!, UUID(uuidString: office)!, UUID(uuidString: agent)!, (client.id, client.secret))
    }

    @Test("services read the directory with the context token of the request they serve; nobody else with one")
    func contextToken() async throws {
        let fixture = try await GatewayFixture.shared.value
        let organisation = try await Self.organisation(fixture)
        try await TestContextTokens.publish(in: fixture.gateway.runtime.database)
        let context = try TestContextTokens.token(for: .anonymous, in: organisation.tenant)
        let units = try await fixture.request("GET", "/v1/\(organisation.slug)/directory/units", headers: ["X-Guichet-Context": context])
        #expect(units.status == 200)
        #expect((try fixture.json(units)["units"] as? [Any])?.count == 2)
        let other = try await fixture.tenantWithAdministrator()
        let elsewhere = try await fixture.request("GET", "/v1/\(other.slug)/directory/units", headers: ["X-Guichet-Context": context])
        #expect(elsewhere.status == 401)
        let forged = try await fixture.request(
            "GET", "/v1/\(organisation.slug)/directory/units", headers: ["X-Guichet-Context": "eyJhbGciOiJub25lIn0.e30."])
        #expect(forged.status == 401)
        // Citizens and agents without a role do not read it.
        let bare = try await fixture.createAccount(in: organisation.slug, token: organisation.token, username: "bare")
        _ = bare
        let bareToken = try await fixture.signIn("bare", GatewayFixture.agentPassword, tenant: organisation.slug).access
        #expect(try await fixture.send("GET", "/v1/\(organisation.slug)/directory/units", token: bareToken).status == 403)
    }

    @Test("the kit's directory client: units, ancestry, agents by unit and role, cached; by context token or client")
    func client() async throws {
        let fixture = try await GatewayFixture.shared.value
        let organisation = try await Self.organisation(fixture)
        try await TestContextTokens.publish(in: fixture.gateway.runtime.database)
        let directory = DirectoryClient(
            group: TestDatabase.group,
            configuration: DirectoryClient.Configuration(
                gateway: Upstream(host: "127.0.0.1", port: fixture.port), timeout: Self.timeout,
                client: (organisation.client.id, Secret(organisation.client.secret))))
        let viaContext = DirectoryClient.Credential.context(try TestContextTokens.token(for: .anonymous, in: organisation.tenant))
        let tenant = organisation.tenant

        let units = try await directory.units(in: tenant, as: viaContext)
        #expect(Set(units.map(\.code)) == ["academy", "office"])
        #expect(try await directory.ancestors(of: organisation.office, in: tenant, as: viaContext) == [organisation.academy])
        #expect(try await directory.isUnit(organisation.office, within: [organisation.academy], in: tenant, as: viaContext))
        #expect(try await !directory.isUnit(organisation.academy, within: [organisation.office], in: tenant, as: viaContext))
        #expect(try await !directory.isUnit(UUID(), within: [organisation.academy], in: tenant, as: viaContext))

        let handlers = try await directory.agents(in: tenant, unit: organisation.office, role: Roles.complaintsHandler, as: .client)
        #expect(handlers.map(\.id) == [organisation.agent])
        #expect(try await directory.agents(in: tenant, unit: organisation.office, role: Roles.mailRegistrar, as: .client).isEmpty)
        let agent = try #require(try await directory.agent(organisation.agent, in: tenant, as: .client))
        #expect(agent.roles == [Roles.complaintsHandler] && agent.units == [organisation.office])
        #expect(try await directory.agent(UUID(), in: tenant, as: .client) == nil)

        // Cached: a unit made now is not seen until forgotten.
        _ = try await UnitTests.unit(fixture, organisation.slug, organisation.token, code: "late")
        #expect(try await directory.units(in: tenant, as: viaContext).count == 2)
        directory.forgetAll()
        #expect(try await directory.units(in: tenant, as: viaContext).count == 3)

        let noClient = DirectoryClient(
            group: TestDatabase.group,
            configuration: DirectoryClient.Configuration(gateway: Upstream(host: "127.0.0.1", port: fixture.port), timeout: Self.timeout))
        await #expect(throws: DirectoryError.noCredential) { try await noClient.units(in: tenant, as: .client) }
        await #expect(throws: DirectoryError.refused(status: 401)) {
            try await noClient.units(in: tenant, as: .context("not-a-token"))
        }
        await directory.shutdown()
        await noClient.shutdown()
    }
}
