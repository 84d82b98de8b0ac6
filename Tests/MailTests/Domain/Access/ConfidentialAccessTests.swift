import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct ConfidentialAccessTests {
    let tenant = MailFixtures.tenant
    let list = AccessList(units: [MailFixtures.cabinetUnit], agents: ["account:advisor"], roles: ["mail.cabinet"])

    private func sees(_ viewer: Principal, _ level: ConfidentialityLevel, list: AccessList? = nil) -> Bool {
        ConfidentialAccess.allows(viewer, toSee: level, of: tenant, list: list ?? self.list)
    }

    @Test func normalMailIsVisibleToTheTenantsAgentsOnly() {
        #expect(sees(MailFixtures.agent("anyone"), .normal, list: .empty))
        #expect(sees(Principal(subject: "account:admin", kind: .tenantAdministrator, tenantID: tenant), .normal))
        #expect(sees(Principal(subject: "client:archiver", kind: .service, tenantID: tenant), .normal))
        #expect(!sees(MailFixtures.agent("stranger", tenant: MailFixtures.otherTenant), .normal))
        #expect(!sees(Principal(subject: "account:citizen", kind: .citizen, tenantID: tenant), .normal))
        #expect(!sees(.anonymous, .normal))
        #expect(!sees(Principal(subject: "account:root", kind: .platformAdministrator), .normal))
        #expect(!sees(Principal(subject: "account:orphan", kind: .agent), .normal), "an agent without a tenant")
        #expect(!sees(Principal(subject: "", kind: .agent, tenantID: tenant), .normal), "an agent without a subject")
    }

    @Test func confidentialMailNeedsTheListByAgentUnitOrRole() {
        #expect(sees(MailFixtures.agent("advisor"), .confidential))
        #expect(sees(MailFixtures.agent("secretary", units: [MailFixtures.legalUnit, MailFixtures.cabinetUnit]), .confidential))
        #expect(sees(MailFixtures.agent("chief", roles: ["mail.cabinet"]), .confidential))
        #expect(!sees(MailFixtures.agent("lawyer", units: [MailFixtures.legalUnit], roles: ["mail.registrar"]), .confidential))
        #expect(!sees(Principal(subject: "account:admin", kind: .tenantAdministrator, tenantID: tenant), .confidential), "no administrator bypass")
        #expect(!sees(MailFixtures.agent("advisor", tenant: MailFixtures.otherTenant), .confidential), "the same subject in another tenant")
        #expect(!sees(MailFixtures.agent("anyone"), .confidential, list: .empty))
    }

    @Test func secretMailIsForNamedAgentsOnly() {
        #expect(sees(MailFixtures.agent("advisor"), .secret))
        #expect(!sees(MailFixtures.agent("secretary", units: [MailFixtures.cabinetUnit]), .secret))
        #expect(!sees(MailFixtures.agent("chief", roles: ["mail.cabinet"]), .secret))
    }

    @Test func itemsAreJudgedByTheirCurrentLevel() throws {
        var item = MailFixtures.item()
        let outsider = MailFixtures.agent("outsider")
        #expect(ConfidentialAccess.allows(outsider, toSee: item, list: .empty))
        _ = try item.amend([.confidentiality(.confidential)], reason: "Données personnelles", by: MailFixtures.registrar, at: item.registeredAt)
        #expect(!ConfidentialAccess.allows(outsider, toSee: item, list: .empty))
        #expect(ConfidentialAccess.allows(outsider, toSee: item, list: AccessList(agents: [outsider.subject])))
        #expect(!ConfidentialAccess.allows(outsider, toSee: MailFixtures.item(tenant: MailFixtures.otherTenant), list: .empty))
    }

    @Test func routingRecipientsCanBeAddedToTheList() {
        let extended = AccessList.empty.adding([.unit(MailFixtures.legalUnit), .agent("account:x")])
        #expect(extended.units == [MailFixtures.legalUnit] && extended.agents == ["account:x"])
        #expect(extended.jsonValue == ["units": ["00000000-0000-7000-8000-00000000000a"], "agents": ["account:x"], "roles": []])
    }

    @Test func theViewerCarriesSortedBindParameters() {
        let viewer = ConfidentialAccess.Viewer(
            MailFixtures.agent("v", units: [MailFixtures.cabinetUnit, MailFixtures.legalUnit], roles: ["b", "a"]))
        #expect(viewer.seesMail && viewer.subject == "account:v" && viewer.tenantID == tenant)
        #expect(viewer.units == [MailFixtures.legalUnit, MailFixtures.cabinetUnit] && viewer.roles == ["a", "b"])
        #expect(!ConfidentialAccess.Viewer(.anonymous).seesMail)
    }
}
