import FoundationEssentials
import GuichetCore
import GuichetHTTP
import Testing

@Suite("Access rules")
struct AccessRuleTests {
    static let tenant = TenantReference(id: UUID(), slug: "menfp", timeZone: "Africa/Casablanca")
    static let other = UUID()

    static func agent(_ roles: Set<String>, of tenant: UUID = tenant.id) -> Principal {
        Principal(subject: "account:a", kind: .agent, tenantID: tenant, roles: roles)
    }

    @Test("each rule admits exactly its principals, in their own tenant only")
    func rules() {
        let anonymous = Principal.anonymous
        let citizen = Principal(subject: "account:c", kind: .citizen)
        let platform = Principal(subject: "account:p", kind: .platformAdministrator)
        let admin = Principal(subject: "account:t", kind: .tenantAdministrator, tenantID: Self.tenant.id)
        let foreignAdmin = Principal(subject: "account:f", kind: .tenantAdministrator, tenantID: Self.other)
        let handler = Self.agent(["complaints.handler"])
        let foreignHandler = Self.agent(["complaints.handler"], of: Self.other)
        let client = Principal(subject: "client:x", kind: .service, tenantID: Self.tenant.id, scopes: ["complaints.read"])

        #expect(AccessRule.anyone.allows(anonymous, in: Self.tenant))
        #expect(!AccessRule.signedIn.allows(anonymous, in: Self.tenant))
        #expect(AccessRule.signedIn.allows(citizen, in: Self.tenant))
        #expect(!AccessRule.signedIn.allows(foreignAdmin, in: Self.tenant))
        #expect(!AccessRule.signedIn.allows(platform, in: Self.tenant))
        #expect(AccessRule.signedIn.allows(platform, in: nil))
        #expect(AccessRule.platformAdministrators.allows(platform, in: nil))
        #expect(!AccessRule.platformAdministrators.allows(admin, in: Self.tenant))
        #expect(AccessRule.tenantAdministrators.allows(admin, in: Self.tenant))
        #expect(!AccessRule.tenantAdministrators.allows(foreignAdmin, in: Self.tenant))
        #expect(!AccessRule.tenantAdministrators.allows(platform, in: Self.tenant))
        let handlers = AccessRule.agents(withAnyRoleOf: ["complaints.handler", "complaints.supervisor"])
        #expect(handlers.allows(handler, in: Self.tenant))
        #expect(!handlers.allows(foreignHandler, in: Self.tenant))
        #expect(!handlers.allows(Self.agent(["mail.registrar"]), in: Self.tenant))
        #expect(!handlers.allows(admin, in: Self.tenant))
        #expect(AccessRule.services(withAnyScopeOf: ["complaints.read"]).allows(client, in: Self.tenant))
        #expect(!AccessRule.services(withAnyScopeOf: ["complaints.write"]).allows(client, in: Self.tenant))
        let either = AccessRule.anyOf([.tenantAdministrators, handlers])
        #expect(either.allows(admin, in: Self.tenant) && either.allows(handler, in: Self.tenant))
        #expect(!either.allows(citizen, in: Self.tenant))
    }
}
